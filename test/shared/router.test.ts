/**
 * The shared item loop: concurrency for reads, one at a time for writes, output order and
 * pairing independent of answer order, Continue On Fail, and the memory that keeps n8n's
 * Retry On Fail from sending a write again.
 */
import { NodeApiError, NodeOperationError, sleep, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { createApiError } from '../../nodes/shared/errors';
import { runOperation, type OperationModule } from '../../nodes/shared/router';
import { WalletServiceSimulator } from '../../sandbox/wallet-service';
import { runNode } from '../helpers/engine';

const node: INode = {
	id: 'n1',
	name: 'Node',
	type: 'test.node',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A minimal execute context: N input items, parameters, one execute-data object per node run. */
function context(options: {
	items: number;
	parameters?: IDataObject;
	continueOnFail?: boolean;
	executeData?: object;
}): IExecuteFunctions {
	const parameters: IDataObject = { resource: 'thing', operation: 'op', ...options.parameters };
	const executeData = options.executeData ?? {};
	return {
		getInputData: () => Array.from({ length: options.items }, (_, index) => ({ json: { index } })),
		getNodeParameter: (name: string, _item: number, fallback?: unknown) => {
			const path = name.split('.');
			let value: unknown = parameters;
			for (const key of path) value = (value as IDataObject | undefined)?.[key];
			return value === undefined ? fallback : value;
		},
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecuteData: () => executeData,
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items: Array<{ json: IDataObject }>, meta: { itemData: { item: number } }) =>
				items.map((item) => ({ ...item, pairedItem: meta.itemData })),
		},
	} as unknown as IExecuteFunctions;
}

const tick = async (ms: number) => await sleep(ms);

/** An operation whose answers arrive in reverse item order, recording how many ran at once. */
function slowRead(record: { inFlight: number; peak: number; started: number[] }, failOn: number[] = []): OperationModule {
	return {
		description: [],
		async execute(itemIndex: number) {
			record.started.push(itemIndex);
			record.inFlight++;
			record.peak = Math.max(record.peak, record.inFlight);
			await tick(40 - itemIndex * 3);
			record.inFlight--;
			if (failOn.includes(itemIndex)) {
				throw new NodeOperationError(node, `item ${itemIndex} failed`, { itemIndex });
			}
			return { item: itemIndex };
		},
	};
}

describe('runOperation', () => {
	it('runs reads concurrently up to the Concurrency option, and keeps item order and pairing', async () => {
		const record = { inFlight: 0, peak: 0, started: [] as number[] };
		const [output] = await runOperation.call(
			context({ items: 10, parameters: { concurrency: 4 } }),
			{ thing: { op: slowRead(record) } },
			{ defaultConcurrency: 1 },
		);
		expect(record.peak).toBe(4);
		expect(output.map((item) => item.json.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 10 }, (_, item) => ({ item })),
		);
	});

	it('uses the default concurrency when the node has no Concurrency option, and reads a nested one', async () => {
		const flat = { inFlight: 0, peak: 0, started: [] as number[] };
		await runOperation.call(context({ items: 6 }), { thing: { op: slowRead(flat) } }, { defaultConcurrency: 3 });
		expect(flat.peak).toBe(3);
		const nested = { inFlight: 0, peak: 0, started: [] as number[] };
		await runOperation.call(
			context({ items: 6, parameters: { requestOptions: { concurrency: 2 } } }),
			{ thing: { op: slowRead(nested) } },
			{ defaultConcurrency: 5, parameter: 'requestOptions.concurrency' },
		);
		expect(nested.peak).toBe(2);
	});

	it('runs writes and sequential reads one at a time in item order, whatever the Concurrency', async () => {
		for (const flag of ['write', 'sequential'] as const) {
			const record = { inFlight: 0, peak: 0, started: [] as number[] };
			await runOperation.call(
				context({ items: 5, parameters: { concurrency: 8 } }),
				{ thing: { op: { ...slowRead(record), [flag]: true } } },
			);
			expect(record.peak).toBe(1);
			expect(record.started).toEqual([0, 1, 2, 3, 4]);
		}
	});

	it('with Continue On Fail, failed items become error items in place; answers out of order change nothing', async () => {
		const record = { inFlight: 0, peak: 0, started: [] as number[] };
		const [output] = await runOperation.call(
			context({ items: 5, parameters: { concurrency: 5 }, continueOnFail: true }),
			{ thing: { op: slowRead(record, [1, 3]) } },
		);
		expect(output.map((item) => item.json)).toEqual([
			{ item: 0 },
			{ error: 'item 1 failed' },
			{ item: 2 },
			{ error: 'item 3 failed' },
			{ item: 4 },
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('without Continue On Fail, the first failing item in item order stops the node and no new item starts', async () => {
		const record = { inFlight: 0, peak: 0, started: [] as number[] };
		const run = runOperation.call(
			context({ items: 20, parameters: { concurrency: 3 } }),
			{ thing: { op: slowRead(record, [1, 2]) } },
		);
		await expect(run).rejects.toThrow('item 1 failed');
		expect(record.started.length).toBeLessThan(20);
	});

	it('refuses a Concurrency that is not a whole number from 1 to 500 before running anything', async () => {
		for (const concurrency of [0, 501, 2.5, '4']) {
			const record = { inFlight: 0, peak: 0, started: [] as number[] };
			await expect(
				runOperation.call(context({ items: 2, parameters: { concurrency } }), { thing: { op: slowRead(record) } }),
			).rejects.toThrow('Concurrency: must be a whole number from 1 to 500');
			expect(record.started).toEqual([]);
		}
	});

	it('under Retry On Fail, a write that succeeded in an earlier try is answered from memory, not sent again', async () => {
		const sent: number[] = [];
		let failItem2 = true;
		const write: OperationModule = {
			description: [],
			write: true,
			async execute(itemIndex: number) {
				sent.push(itemIndex);
				if (itemIndex === 2 && failItem2) {
					failItem2 = false;
					throw createApiError(node, { message: 'no answer', kind: 'noAnswer', itemIndex });
				}
				return { placed: itemIndex, at: sent.length };
			},
		};
		const executeData = {};
		const first = runOperation.call(context({ items: 3, executeData }), { thing: { op: write } });
		await expect(first).rejects.toBeInstanceOf(NodeApiError);
		// n8n's next try of the same node run: same execute-data object, new context.
		const [output] = await runOperation.call(context({ items: 3, executeData }), { thing: { op: write } });
		expect(sent).toEqual([0, 1, 2, 2]);
		expect(output.map((item) => item.json)).toEqual([
			{ placed: 0, at: 1 },
			{ placed: 1, at: 2 },
			{ placed: 2, at: 4 },
		]);
		// Another node run (new execute data) sends again.
		await runOperation.call(context({ items: 1 }), { thing: { op: write } });
		expect(sent).toEqual([0, 1, 2, 2, 0]);
	});

	it('a read is never answered from memory', async () => {
		let calls = 0;
		const read: OperationModule = { description: [], execute: async () => ({ calls: ++calls }) };
		const executeData = {};
		await runOperation.call(context({ items: 1, executeData }), { thing: { op: read } });
		const [output] = await runOperation.call(context({ items: 1, executeData }), { thing: { op: read } });
		expect(output[0].json).toEqual({ calls: 2 });
	});
});

describe('credentials are read once per node run', () => {
	const sim = new WalletServiceSimulator();
	beforeAll(async () => {
		await sim.listen();
		await sim.addSandboxAuthority();
	});
	afterAll(async () => await sim.close());

	it('a run of 25 items reads and decrypts the credential once, and signs every request', async () => {
		const credentials = { walletServiceApi: { authorityConfigSecret: sim.sandboxClientConfig(), baseUrl: '' } };
		const reads: string[] = [];
		const original = jest.requireActual('../helpers/engine').TestCredentialsHelper.prototype.getDecrypted;
		const spy = jest
			.spyOn(jest.requireActual('../helpers/engine').TestCredentialsHelper.prototype, 'getDecrypted')
			.mockImplementation(async function (this: unknown, ...args: unknown[]) {
				reads.push(String(args[2]));
				return await original.apply(this, args);
			});
		try {
			sim.reset();
			const result = await runNode({
				type: 'walletService',
				parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
				credentials,
				input: Array.from({ length: 25 }, (_, index) => ({ index })),
			});
			expect(result.error).toBeUndefined();
			expect(reads).toEqual(['walletServiceApi']);
			const walletReads = sim.requests.filter((request) => request.path === '/api/v1/wallet');
			expect(walletReads).toHaveLength(25);
			expect(result.credentialsHelper.authenticatedRequests).toHaveLength(25);
		} finally {
			spy.mockRestore();
		}
	});
});

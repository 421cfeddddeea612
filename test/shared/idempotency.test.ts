/**
 * Stable request IDs and the place-once flow. UUID vectors come from Python's uuid.uuid5; the
 * flows run against a fake write (counted sends, a fake store) so every branch is seen.
 */
import { NodeApiError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import {
	compareFields,
	deriveRequestId,
	deriveToolRequestId,
	forgetSentKeys,
	placeOnce,
	sameDecimal,
	sendUnkeyedWrite,
	stableRequestId,
	unkeyedWriteNotice,
	uuidV5,
	type ExpectedFields,
} from '../../nodes/shared/idempotency';
import { rememberFailure } from '../../nodes/shared/runMemory';

const NAMESPACE = '3f0de633-e472-43a0-b141-582636dac459';

function fakeContext(
	overrides: { instanceId?: string; executionId?: string; type?: string; retryOnFail?: boolean } = {},
) {
	const node = {
		id: 'node-1',
		name: 'Place',
		type: overrides.type ?? 'n8n-nodes-crypto-suite.zerocap',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		retryOnFail: overrides.retryOnFail ?? false,
	} as INode;
	const executeData = {};
	return {
		getInstanceId: () => overrides.instanceId ?? 'instance-a',
		getWorkflow: () => ({ id: 'wf-1' }),
		getNode: () => node,
		getExecutionId: () => overrides.executionId ?? '42',
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
		getExecuteData: () => executeData,
	} as unknown as IExecuteFunctions;
}

function apiError(ctx: IExecuteFunctions, kind: string, message = 'failed') {
	const error = new NodeApiError(ctx.getNode(), { message }, { message });
	error.context.kind = kind;
	return error;
}

describe('stable request IDs', () => {
	it("are version-5 UUIDs equal to Python's uuid.uuid5 over instance, workflow, node, execution, run and item", () => {
		// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'inst\nwf\nnode\n42\n0\n1'))"
		expect(
			deriveRequestId(
				{ instanceId: 'inst', workflowId: 'wf', nodeId: 'node', executionId: '42', runIndex: 0, itemIndex: 1 },
				NAMESPACE,
			),
		).toBe('68894962-7732-5014-9d51-c257f93746be');
		// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'wf\nnode\n42\n0\n1'))"
		expect(uuidV5('wf\nnode\n42\n0\n1', NAMESPACE)).toBe('ee573064-2e25-50d7-9146-395a7da13219');
		expect(() => uuidV5('x', 'not-a-uuid')).toThrow();
	});

	it('read the parts from the running node and differ between n8n instances', () => {
		const a = stableRequestId(fakeContext(), 1, NAMESPACE);
		// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'instance-a\nwf-1\nnode-1\n42\n0\n1'))"
		expect(a).toBe('15f01102-75fa-5f4f-9042-5bbe1f40319d');
		expect(stableRequestId(fakeContext(), 1, NAMESPACE)).toBe(a);
		expect(stableRequestId(fakeContext({ instanceId: 'instance-b' }), 1, NAMESPACE)).not.toBe(a);
		expect(stableRequestId(fakeContext(), 2, NAMESPACE)).not.toBe(a);
		expect(stableRequestId(fakeContext({ executionId: '43' }), 1, NAMESPACE)).not.toBe(a);
		expect(stableRequestId(fakeContext(), 1, 'b3b5b1a4-5f7e-4d6a-9a59-0c8f7d1f2e3a')).not.toBe(a);
	});

	it('as an AI tool, cover the fields instead of run and item', () => {
		const tool = fakeContext({ type: 'n8n-nodes-crypto-suite.zerocapTool' });
		const fields = ['USDT/AUD', 'buy', '100'];
		const id = stableRequestId(tool, 0, NAMESPACE, { toolFields: fields });
		// python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('3f0de633-e472-43a0-b141-582636dac459'), 'tool\ninstance-a\nwf-1\nnode-1\n42\nUSDT/AUD\nbuy\n100'))"
		expect(id).toBe('ccfc62ac-3eb8-5280-ad1b-8f9c2913e0b2');
		expect(stableRequestId(tool, 3, NAMESPACE, { toolFields: fields })).toBe(id);
		expect(stableRequestId(tool, 0, NAMESPACE, { toolFields: ['USDT/AUD', 'buy', '101'] })).not.toBe(id);
		expect(
			deriveToolRequestId({ instanceId: 'instance-a', workflowId: 'wf-1', nodeId: 'node-1', executionId: '42' }, fields, NAMESPACE),
		).toBe(id);
		// Not a tool: toolFields are ignored.
		expect(stableRequestId(fakeContext(), 0, NAMESPACE, { toolFields: fields })).toBe(
			stableRequestId(fakeContext(), 0, NAMESPACE),
		);
	});
});

describe('comparing fields', () => {
	const expected: ExpectedFields = {
		symbol: { value: 'BTC/AUD', rule: 'caseless', label: 'Symbol' },
		amount: { value: '100.50', rule: 'decimal', label: 'Amount' },
		price: { value: '1.5', rule: 'decimal', label: 'Price' },
		type: { value: 'limit', rule: 'caseless', label: 'Order Type' },
		customer: { value: 'c-1', label: 'Customer ID', optional: true },
	};

	it('matches decimals as text, case where asked, and skips optional fields the record lacks', () => {
		expect(compareFields(expected, { symbol: 'btc/aud', amount: '0100.5', price: 1.5, type: 'Limit' })).toEqual([]);
		expect(sameDecimal('0.30000000000000001', '0.3')).toBe(false);
		expect(sameDecimal('100', '100.000')).toBe(true);
		expect(sameDecimal('', '0')).toBe(false);
	});

	it('names every field that differs, and a missing required field', () => {
		expect(
			compareFields(expected, { symbol: 'BTC/AUD', amount: '100.51', type: 'market', customer: 'c-2' }),
		).toEqual([
			{ field: 'amount', label: 'Amount', asked: '100.50', found: '100.51' },
			{ field: 'price', label: 'Price', asked: '1.5', found: 'nothing' },
			{ field: 'type', label: 'Order Type', asked: 'limit', found: 'market' },
			{ field: 'customer', label: 'Customer ID', asked: 'c-1', found: 'c-2' },
		]);
	});
});

describe('placeOnce', () => {
	beforeEach(() => forgetSentKeys());

	const asked: ExpectedFields = {
		amount: { value: '5', rule: 'decimal', label: 'Amount' },
		price: { value: '1.5', rule: 'decimal', label: 'Price' },
	};

	function store(ctx: IExecuteFunctions, key: string, behaviour: { lose?: number; duplicate?: boolean } = {}) {
		const records = new Map<string, IDataObject>();
		let sends = 0;
		let lookUps = 0;
		const run = async () =>
			await placeOnce<IDataObject>({
				ctx,
				itemIndex: 0,
				key,
				keyLabel: 'Client order ID',
				what: 'order',
				expected: asked,
				send: async () => {
					sends += 1;
					if (behaviour.duplicate && records.has(key)) throw apiError(ctx, 'duplicate', 'taken');
					const record = { id: `o-${sends}`, key, amount: '5', price: '1.50' };
					records.set(key, record);
					if (behaviour.lose && sends <= behaviour.lose) throw apiError(ctx, 'noAnswer', 'reset');
					return record;
				},
				lookUp: async () => {
					lookUps += 1;
					return records.get(key);
				},
			});
		return { run, records, counts: () => ({ sends, lookUps }) };
	}

	it('sends once and looks nothing up on a first try', async () => {
		const ctx = fakeContext();
		const s = store(ctx, 'k-1');
		await expect(s.run()).resolves.toEqual({ record: expect.objectContaining({ id: 'o-1' }), alreadyExisted: false });
		expect(s.counts()).toEqual({ sends: 1, lookUps: 0 });
	});

	it('after a lost answer, finds the record by its key instead of sending again', async () => {
		const ctx = fakeContext();
		const s = store(ctx, 'k-2', { lose: 1 });
		let failure: unknown;
		await s.run().catch((error) => (failure = error));
		expect(failure).toBeInstanceOf(NodeApiError);
		rememberFailure(ctx, 0, failure); // what the item loop does after the try
		await expect(s.run()).resolves.toEqual({ record: expect.objectContaining({ id: 'o-1' }), alreadyExisted: true });
		expect(s.counts()).toEqual({ sends: 1, lookUps: 1 });
		expect(s.records.size).toBe(1);
	});

	it('looks up before resending a key this process sent before, and sends when nothing is there', async () => {
		const ctx = fakeContext();
		const s = store(ctx, 'k-3');
		await s.run();
		s.records.clear(); // the first send placed nothing after all
		await expect(s.run()).resolves.toMatchObject({ alreadyExisted: false });
		expect(s.counts()).toEqual({ sends: 2, lookUps: 1 });
	});

	it('answers a duplicate-key rejection with the record under the key', async () => {
		const ctx = fakeContext();
		const s = store(ctx, 'k-4', { duplicate: true });
		s.records.set('k-4', { id: 'earlier', amount: '5.0', price: '1.5' });
		await expect(s.run()).resolves.toEqual({ record: expect.objectContaining({ id: 'earlier' }), alreadyExisted: true });
		expect(s.counts()).toEqual({ sends: 1, lookUps: 1 });
	});

	it('refuses a record under the key that differs in any asked field', async () => {
		const ctx = fakeContext();
		const s = store(ctx, 'k-5', { duplicate: true });
		s.records.set('k-5', { id: 'other', amount: '5', price: '1.6' });
		await expect(s.run()).rejects.toThrow(
			'Client order ID k-5 is already used by a different order (Price is 1.6 there, 1.5 here)',
		);
	});

	it('says so when the key is reported taken but nothing is found', async () => {
		const ctx = fakeContext();
		const run = placeOnce({
			ctx,
			itemIndex: 0,
			key: 'k-6',
			keyLabel: 'Client order ID',
			what: 'order',
			expected: asked,
			send: async () => {
				throw apiError(ctx, 'duplicate');
			},
			lookUp: async () => undefined,
		});
		await expect(run).rejects.toThrow('already used, but no order with it was found');
	});

	it('passes other errors through', async () => {
		const ctx = fakeContext();
		const lookUp = jest.fn();
		const run = placeOnce({
			ctx,
			itemIndex: 0,
			key: 'k-7',
			keyLabel: 'Client order ID',
			what: 'order',
			expected: asked,
			send: async () => {
				throw apiError(ctx, 'insufficientFunds', 'not enough');
			},
			lookUp,
		});
		await expect(run).rejects.toThrow('not enough');
		expect(lookUp).not.toHaveBeenCalled();
	});
});

describe('unkeyed writes', () => {
	it('say after a lost answer that the write may have been executed and what to check', async () => {
		const ctx = fakeContext({ retryOnFail: true });
		let failure: NodeApiError | undefined;
		await sendUnkeyedWrite({
			ctx,
			itemIndex: 0,
			what: 'loan bid',
			check: 'the live loan bids',
			send: async () => {
				const error = apiError(ctx, 'noAnswer', 'Quoine: no answer within 30 s');
				error.description =
					'The request may have been executed. Check in Quoine whether it took effect before you run it again. Check the base URL.';
				throw error;
			},
		}).catch((error) => (failure = error));
		expect(failure?.message).toBe('Quoine: no answer within 30 s');
		expect(failure?.description).toBe(
			'The loan bid may have been executed: check the live loan bids before running it again. Retry On Fail does not send it again. Check the base URL.',
		);
	});

	it('refuse to resend after an earlier try of the item got no answer', async () => {
		const ctx = fakeContext({ retryOnFail: true });
		rememberFailure(ctx, 0, apiError(ctx, 'noAnswer'));
		const send = jest.fn();
		await expect(
			sendUnkeyedWrite({ ctx, itemIndex: 0, what: 'loan bid', check: 'the live loan bids', send }),
		).rejects.toThrow('Not sent again: an earlier try of this loan bid got no answer, so it may have been executed');
		expect(send).not.toHaveBeenCalled();
		// Another item of the same run is sent.
		await sendUnkeyedWrite({ ctx, itemIndex: 1, what: 'loan bid', check: 'x', send });
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('leave other errors and successes as they are', async () => {
		const ctx = fakeContext();
		await expect(
			sendUnkeyedWrite({ ctx, itemIndex: 0, what: 'entry', check: 'x', send: async () => ({ ok: 1 }) }),
		).resolves.toEqual({ ok: 1 });
		await expect(
			sendUnkeyedWrite({
				ctx,
				itemIndex: 0,
				what: 'entry',
				check: 'x',
				send: async () => {
					throw apiError(ctx, 'insufficientFunds', 'Not enough funds');
				},
			}),
		).rejects.toThrow(/^Not enough funds$/);
		expect(unkeyedWriteNotice('entry', 'the wallet').type).toBe('notice');
	});
});

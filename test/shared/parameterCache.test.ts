/**
 * Parameters without an expression are read once per node run (n8n resolves every read anew,
 * 10–20 µs each); parameters with one are still read for every item, and every item gets its own
 * copy of what was read.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { cacheParameterReads } from '../../nodes/shared/parameterCache';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { QuoineSimulator } from '../../sandbox/quoine';
import { runWorkflow } from '../helpers/engine';

/** The prototype of n8n-core's execution contexts that owns the real parameter read. */
function parameterReader(): { _getNodeParameter: (...args: unknown[]) => unknown } {
	let prototype: object | null = ExecuteContext.prototype;
	while (prototype && !Object.prototype.hasOwnProperty.call(prototype, '_getNodeParameter')) {
		prototype = Object.getPrototypeOf(prototype) as object | null;
	}
	if (!prototype) throw new Error('n8n-core has no _getNodeParameter');
	return prototype as { _getNodeParameter: (...args: unknown[]) => unknown };
}

describe('parameter reads in a node run (n8n-core engine)', () => {
	const sim = new QuoineSimulator({ rateLimit: false });
	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => resetRateWindows());

	async function run(productId: IDataObject, items: number) {
		const reader = parameterReader();
		const spy = jest.spyOn(reader, '_getNodeParameter');
		try {
			const result = await runWorkflow({
				nodes: [
					{
						name: 'Quoine',
						type: 'quoine',
						parameters: {
							resource: 'product',
							operation: 'get',
							productId,
							requestOptions: { concurrency: 4, requestsPerWindow: 0 },
						},
					},
				],
				credentials: {
					quoineApi: { apiTokenId: '', apiSecret: '', exchange: 'custom', baseUrl: sim.url, vendorId: '', language: '' },
				},
				input: Array.from({ length: items }, (_, index) => ({ product: [1, 3, 5][index % 3] })),
			});
			const reads = new Map<string, number>();
			for (const call of spy.mock.calls) reads.set(String(call[0]), (reads.get(String(call[0])) ?? 0) + 1);
			return { result, reads };
		} finally {
			spy.mockRestore();
		}
	}

	it('reads a parameter without an expression once for 25 items', async () => {
		const { result, reads } = await run({ __rl: true, mode: 'id', value: '3' }, 25);
		expect(result.error).toBeUndefined();
		expect(result.output('Quoine').map((product) => String(product.id))).toEqual(Array(25).fill('3'));
		expect(reads.get('productId')).toBe(1);
		expect(reads.get('requestOptions')).toBe(1);
	});

	it('reads a parameter with an expression for every item, with each item its own value', async () => {
		const { result, reads } = await run({ __rl: true, mode: 'id', value: '={{ String($json.product) }}' }, 25);
		expect(result.error).toBeUndefined();
		expect(result.output('Quoine').map((product) => String(product.id))).toEqual(
			Array.from({ length: 25 }, (_, index) => String([1, 3, 5][index % 3])),
		);
		expect(reads.get('productId')).toBe(25);
		expect(reads.get('requestOptions')).toBe(1);
	});
});

describe('cacheParameterReads', () => {
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			plain: { list: ['a'], amount: '1.5' },
			withExpression: { nested: ['x', '={{ $json.value }}'] },
			failing: 'bad',
		},
	};

	function fakeContext() {
		const calls: string[] = [];
		const readNodeCalls = { count: 0 };
		const context = {
			getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
				calls.push(`${name}@${itemIndex}`);
				if (name === 'failing') throw new Error(`cannot read ${name}`);
				const value = (node.parameters as IDataObject)[name];
				return value === undefined ? fallback : JSON.parse(JSON.stringify(value));
			},
			getNode: () => {
				readNodeCalls.count++;
				return JSON.parse(JSON.stringify(node)) as INode;
			},
		} as unknown as IExecuteFunctions;
		return { context, calls, readNodeCalls };
	}

	it('hands every item its own copy, so one item changing its value does not change the next', () => {
		const { context, calls } = fakeContext();
		const restore = cacheParameterReads(context);
		const first = context.getNodeParameter('plain', 0) as { list: string[] };
		first.list.push('changed');
		expect(context.getNodeParameter('plain', 1)).toEqual({ list: ['a'], amount: '1.5' });
		expect(calls).toEqual(['plain@0']);
		restore();
	});

	it('reads per item when an expression sits anywhere inside, and keys on the fallback', () => {
		const { context, calls } = fakeContext();
		const restore = cacheParameterReads(context);
		context.getNodeParameter('withExpression', 0);
		context.getNodeParameter('withExpression', 1);
		expect(context.getNodeParameter('missing', 0, 'one')).toBe('one');
		expect(context.getNodeParameter('missing', 1, 'two')).toBe('two');
		expect(calls).toEqual(['withExpression@0', 'withExpression@1', 'missing@0', 'missing@1']);
		restore();
	});

	it('never caches a read that failed', () => {
		const { context, calls } = fakeContext();
		const restore = cacheParameterReads(context);
		expect(() => context.getNodeParameter('failing', 0)).toThrow('cannot read failing');
		expect(() => context.getNodeParameter('failing', 1)).toThrow('cannot read failing');
		expect(calls).toEqual(['failing@0', 'failing@1']);
		restore();
	});

	it('copies the node once per run and puts the original readers back afterwards', () => {
		const { context, calls, readNodeCalls } = fakeContext();
		const originalRead = context.getNodeParameter;
		const restore = cacheParameterReads(context);
		context.getNode();
		context.getNode();
		expect(readNodeCalls.count).toBe(1);
		restore();
		expect(context.getNodeParameter).toBe(originalRead);
		context.getNodeParameter('plain', 0);
		context.getNodeParameter('plain', 1);
		context.getNode();
		expect(calls).toEqual(['plain@0', 'plain@1']);
		expect(readNodeCalls.count).toBe(2);
	});
});

/**
 * Quoine writes when the exchange executes a request and the answer is lost, through n8n-core's
 * engine with Retry On Fail: orders with a client order ID are looked up instead of placed again;
 * writes without one (orders without the ID, loan bids) are refused rather than resent.
 */
import type { IDataObject } from 'n8n-workflow';

import { QuoineSimulator } from '../../sandbox/quoine';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { forgetSentKeys } from '../../nodes/shared/idempotency';
import { runWorkflow, type TestNode } from '../helpers/engine';

const TOKEN_ID = 'retry-token';
const SECRET = 'retry-secret';
const BTCUSD = { __rl: true, mode: 'id', value: '1' };

describe('Quoine writes under lost answers and Retry On Fail', () => {
	const sim = new QuoineSimulator();
	let credentials: Record<string, IDataObject>;
	const originalTakeFault = sim.takeFault.bind(sim);

	beforeAll(async () => {
		sim.addToken(TOKEN_ID, SECRET);
		await sim.listen();
		credentials = {
			quoineApi: { apiTokenId: TOKEN_ID, apiSecret: SECRET, exchange: 'custom', baseUrl: sim.url, vendorId: '', language: '' },
		};
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		resetRateWindows();
		forgetSentKeys();
		sim.takeFault = originalTakeFault;
	});

	/** The nth POST to `path` (1-based) is executed, then its connection closed unanswered. */
	function loseAnswerOf(n: number, path: string) {
		let calls = 0;
		sim.takeFault = (method: string, requestPath: string) => {
			if (method === 'POST' && requestPath === path && ++calls === n) {
				return { type: 'dropAfter', remaining: 0 } as never;
			}
			return originalTakeFault(method, requestPath);
		};
	}

	const limitOrder = (options: { mode?: string; retryOnFail?: boolean; continueOnFail?: boolean } = {}): TestNode => ({
		name: 'Place',
		type: 'quoine',
		parameters: {
			resource: 'order',
			operation: 'createLimit',
			productId: BTCUSD,
			side: 'buy',
			quantity: '={{ $json.quantity }}',
			price: '41000',
			clientOrderIdMode: options.mode ?? 'derived',
		},
		retryOnFail: options.retryOnFail,
		maxTries: 3,
		waitBetweenTries: 10,
		continueOnFail: options.continueOnFail,
	});
	const mine = () => sim.orders;
	const orderPosts = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
	const run = async (nodes: TestNode[], input: IDataObject[], executionId: string, instanceId?: string) =>
		await runWorkflow({ nodes, credentials: credentials as never, input, executionId, instanceId });

	it('single order with a client order ID, Retry On Fail on: one order, found by its ID', async () => {
		const before = mine().length;
		loseAnswerOf(1, '/orders');
		const result = await run([limitOrder({ retryOnFail: true })], [{ quantity: '0.01' }], 'q-single');
		expect(result.error).toBeUndefined();
		expect(mine().length - before).toBe(1);
		expect(orderPosts()).toHaveLength(1);
		const placed = result.output('Place')[0];
		expect(placed).toMatchObject({ quantity: '0.01', alreadyExisted: true });
		expect(placed.client_order_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(JSON.parse(orderPosts()[0].rawBody).order.client_order_id).toBe(placed.client_order_id);
	});

	it('3 orders, only item 2 lost, Retry On Fail on: 3 orders for 3 items', async () => {
		const before = mine().length;
		loseAnswerOf(2, '/orders');
		const result = await run(
			[limitOrder({ retryOnFail: true })],
			[{ quantity: '0.01' }, { quantity: '0.02' }, { quantity: '0.03' }],
			'q-batch',
		);
		expect(result.error).toBeUndefined();
		expect(mine().length - before).toBe(3);
		expect(orderPosts()).toHaveLength(3);
		expect(result.output('Place').map((o) => [o.quantity, o.alreadyExisted])).toEqual([
			['0.01', false],
			['0.02', true],
			['0.03', false],
		]);
	});

	it('with a client order ID and Retry On Fail off: one order and an error saying it may have been executed', async () => {
		const before = mine().length;
		loseAnswerOf(1, '/orders');
		const result = await run([limitOrder()], [{ quantity: '0.01' }], 'q-no-retry');
		expect(mine().length - before).toBe(1);
		expect(result.error?.message).toBe('Quoine: the connection was closed without an answer');
		expect(result.error?.description).toMatch(/may have been executed/);
	});

	it('without a client order ID (Automatic on a non-Liquid exchange), Retry On Fail on: one order and a refusal', async () => {
		const before = mine().length;
		loseAnswerOf(1, '/orders');
		const result = await run([limitOrder({ mode: 'auto', retryOnFail: true })], [{ quantity: '0.01' }], 'q-unkeyed');
		expect(mine().length - before).toBe(1);
		expect(orderPosts()).toHaveLength(1);
		expect(JSON.parse(orderPosts()[0].rawBody).order.client_order_id).toBeUndefined();
		expect(result.error?.message).toBe(
			'Not sent again: an earlier try of this order got no answer, so it may have been executed',
		);
		expect(result.error?.description).toContain('Check the open orders of product 1');
	});

	it('a loan bid whose answer is lost, Retry On Fail on: one loan bid and a refusal', async () => {
		const before = sim.loanBids.length;
		loseAnswerOf(1, '/loan_bids');
		const result = await run(
			[
				{
					name: 'Bid',
					type: 'quoine',
					parameters: { resource: 'loanBid', operation: 'create', currency: 'USD', quantity: '1', rate: '0.0001' },
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 10,
				},
			],
			[{}],
			'q-loan-bid',
		);
		expect(sim.loanBids.length - before).toBe(1);
		expect(result.error?.message).toMatch(/^Not sent again: an earlier try of this loan bid got no answer/);
	});

	it('two n8n instances with the same workflow and execution numbers each place their own order', async () => {
		const before = mine().length;
		const a = await run([limitOrder({ retryOnFail: true })], [{ quantity: '0.01' }], 'same-number', 'instance-a');
		forgetSentKeys(); // the other instance is another process
		const b = await run([limitOrder({ retryOnFail: true })], [{ quantity: '0.02' }], 'same-number', 'instance-b');
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(mine().length - before).toBe(2);
		expect(b.output('Place')[0]).toMatchObject({ quantity: '0.02', alreadyExisted: false });
		expect(b.output('Place')[0].client_order_id).not.toBe(a.output('Place')[0].client_order_id);
	});

	it('a reused client order ID with another price is an error, never the other order', async () => {
		const custom = (price: string): TestNode => ({
			...limitOrder({ mode: 'custom' }),
			parameters: { ...limitOrder({ mode: 'custom' }).parameters, clientOrderId: 'my-order-1', price },
		});
		const first = await run([custom('41000')], [{ quantity: '0.01' }], 'q-reuse-1');
		expect(first.error).toBeUndefined();
		const second = await run([custom('42000')], [{ quantity: '0.01' }], 'q-reuse-2');
		expect(second.error?.message).toMatch(/^Client order ID my-order-1 is already used by a different order/);
		expect(second.error?.message).toContain('price is 41000.0 there, 42000 here');
	});

	it('a cancel whose answer is lost, Retry On Fail on: the retry finds the order cancelled', async () => {
		const placed = await run([limitOrder({ mode: 'none' })], [{ quantity: '0.01' }], 'q-cancel-place');
		const orderId = placed.output('Place')[0].id;
		let calls = 0;
		sim.takeFault = (method: string, requestPath: string) => {
			if (method === 'PUT' && requestPath === `/orders/${orderId}/cancel` && ++calls === 1) {
				return { type: 'dropAfter', remaining: 0 } as never;
			}
			return originalTakeFault(method, requestPath);
		};
		const result = await run(
			[
				{
					name: 'Cancel',
					type: 'quoine',
					parameters: { resource: 'order', operation: 'cancel', orderId: String(orderId) },
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 10,
				},
			],
			[{}],
			'q-cancel',
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Cancel')[0]).toMatchObject({ id: orderId, status: 'cancelled' });
		expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
	});
});

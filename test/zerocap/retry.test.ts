/**
 * Zerocap orders when the server places an order and the answer is lost, through n8n-core's
 * engine: single and batch, with and without Retry On Fail, and two n8n instances that reuse
 * workflow and execution numbers. Every order is placed once; a found order must match every
 * field asked.
 */
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, ZerocapSimulator } from '../../sandbox/zerocap';
import { forgetAttempts } from '../../nodes/Zerocap/helpers/clientOrderId';
import { runWorkflow, type TestNode } from '../helpers/engine';

describe('Zerocap orders under lost answers and Retry On Fail', () => {
	const sim = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
	const originalTakeFault = sim.takeFault.bind(sim);
	const credentials = () => ({
		zerocapApi: {
			apiKey: SANDBOX_API_KEY,
			apiSecret: SANDBOX_API_SECRET,
			environment: 'custom',
			restBaseUrl: sim.restUrl,
			webSocketUrl: sim.wsUrl,
			signatureScheme: 'timestamp',
		},
	});

	beforeAll(async () => await sim.listen());
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		forgetAttempts();
		sim.takeFault = originalTakeFault;
	});

	/** The nth create_order (1-based) is executed, then its connection closed unanswered. */
	function loseAnswerOf(n: number) {
		let calls = 0;
		sim.takeFault = (method: string, path: string) => {
			if (method === 'POST' && path === '/v2/orders/create_order' && ++calls === n) {
				return { type: 'dropAfter', remaining: 0 } as never;
			}
			return originalTakeFault(method, path);
		};
	}

	const placeNode = (options: { retryOnFail?: boolean; price?: string } = {}): TestNode => ({
		name: 'Place',
		type: 'zerocap',
		parameters: {
			resource: 'order',
			operation: 'create',
			symbol: 'USDT/AUD',
			side: 'buy',
			orderType: 'limit',
			amount: '={{ $json.amount }}',
			price: options.price ?? '1.5',
		},
		retryOnFail: options.retryOnFail,
		maxTries: 3,
		waitBetweenTries: 10,
	});
	const creates = () => sim.requests.filter((r) => r.path === '/v2/orders/create_order');
	const amounts = () => [...sim.orders.values()].map((order) => order.amount);

	it('single order, Retry On Fail on: one order, found by its client order ID', async () => {
		loseAnswerOf(1);
		const result = await runWorkflow({
			nodes: [placeNode({ retryOnFail: true })],
			credentials: credentials(),
			input: [{ amount: '10' }],
			executionId: 'z-single',
		});
		expect(result.error).toBeUndefined();
		expect(amounts()).toEqual(['10']);
		expect(creates()).toHaveLength(1);
		expect(result.output('Place')[0]).toMatchObject({ amount: '10', alreadyExisted: true });
	});

	it('3 orders, only item 2 lost, Retry On Fail on: 3 orders for 3 items', async () => {
		loseAnswerOf(2);
		const result = await runWorkflow({
			nodes: [placeNode({ retryOnFail: true })],
			credentials: credentials(),
			input: [{ amount: '10' }, { amount: '20' }, { amount: '30' }],
			executionId: 'z-batch',
		});
		expect(result.error).toBeUndefined();
		expect(amounts()).toEqual(['10', '20', '30']);
		expect(creates()).toHaveLength(3);
		expect(result.output('Place').map((o) => [o.amount, o.alreadyExisted])).toEqual([
			['10', false],
			['20', true],
			['30', false],
		]);
	});

	it('Retry On Fail off: one order and an error naming the client order ID to look it up by', async () => {
		loseAnswerOf(1);
		const result = await runWorkflow({
			nodes: [placeNode()],
			credentials: credentials(),
			input: [{ amount: '10' }],
			executionId: 'z-no-retry',
		});
		expect(amounts()).toEqual(['10']);
		expect(result.error?.message).toBe('Zerocap: the connection was closed without an answer');
		expect(result.error?.description).toMatch(
			/^The order may have been executed under Client order ID [0-9a-f-]{36}: look it up by that ID before running it again\./,
		);
	});

	it('two n8n instances with the same workflow and execution numbers each place their own order', async () => {
		const first = await runWorkflow({
			nodes: [placeNode({ retryOnFail: true })],
			credentials: credentials(),
			input: [{ amount: '10' }],
			executionId: 'same-number',
			instanceId: 'instance-a',
		});
		forgetAttempts(); // the other instance is another process
		const second = await runWorkflow({
			nodes: [placeNode({ retryOnFail: true })],
			credentials: credentials(),
			input: [{ amount: '20' }],
			executionId: 'same-number',
			instanceId: 'instance-b',
		});
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(amounts()).toEqual(['10', '20']);
		expect(second.output('Place')[0]).toMatchObject({ amount: '20', alreadyExisted: false });
		expect(second.output('Place')[0].clientOrderId).not.toBe(first.output('Place')[0].clientOrderId);
	});

	it('a client order ID reused for another price is an error, never the other order', async () => {
		const custom = (price: string): TestNode => {
			const node = placeNode({ price });
			return { ...node, parameters: { ...node.parameters, additionalFields: { clientOrderId: 'fixed-1' } } };
		};
		const first = await runWorkflow({
			nodes: [custom('1.5')],
			credentials: credentials(),
			input: [{ amount: '10' }],
			executionId: 'z-reuse-1',
		});
		expect(first.error).toBeUndefined();
		forgetAttempts(); // as after a restart: the duplicate rejection path
		const second = await runWorkflow({
			nodes: [custom('1.6')],
			credentials: credentials(),
			input: [{ amount: '10' }],
			executionId: 'z-reuse-2',
		});
		expect(amounts()).toEqual(['10']);
		expect(second.error?.message).toBe(
			'Client order ID fixed-1 is already used by a different order (buy 10 USDT/AUD)',
		);
		expect(second.error?.description).toContain('Price is 1.5 there, 1.6 here');
	});

	it('a rejection in an HTTP 200 keeps the order ID and status in the error and in the Continue On Fail item', async () => {
		const originalCreate = sim.createOrder.bind(sim);
		// A rejection shaped as the simulator never answers it: only the fields the node reads.
		sim.createOrder = (() => ({
			status: 200,
			body: { id: 'ord-9', status: 'rejected', amount: '10', error_message: 'Insufficient balance' },
		})) as unknown as typeof sim.createOrder;
		try {
			const stopped = await runWorkflow({
				nodes: [placeNode()],
				credentials: credentials(),
				input: [{ amount: '10' }],
				executionId: 'z-200',
			});
			expect(stopped.error?.message).toBe('Zerocap rejected the request: Insufficient balance');
			expect(stopped.error?.description).toContain('(order ID ord-9, status rejected)');
			const continued = await runWorkflow({
				nodes: [{ ...placeNode(), continueOnFail: true }],
				credentials: credentials(),
				input: [{ amount: '10' }],
				executionId: 'z-200-continue',
			});
			expect(continued.output('Place')[0]).toMatchObject({
				error: 'Zerocap rejected the request: Insufficient balance',
				errorDescription: expect.stringContaining('(order ID ord-9, status rejected)'),
			});
		} finally {
			sim.createOrder = originalCreate;
		}
	});
});

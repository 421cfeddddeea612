/**
 * The Zerocap node in n8n's engine against the Zerocap simulator: place, fetch and list orders
 * with both signature schemes, and retries that must not place an order twice.
 */
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, ZerocapSimulator } from '../../sandbox/zerocap';
import { forgetAttempts } from '../../nodes/Zerocap/helpers/clientOrderId';
import { NodeConnectionTypes } from 'n8n-workflow';

import { Zerocap } from '../../nodes/Zerocap/Zerocap.node';
import { runNode, runWorkflow } from '../helpers/engine';
import { nodeTypes } from '../helpers/registry';

type SimResult = ReturnType<ZerocapSimulator['createOrder']>;

describe('Zerocap node in the n8n engine against the simulator', () => {
	const sim = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
	const originalCreate = sim.createOrder.bind(sim);
	const credentialsFor = (
		signatureScheme: 'apiKey' | 'timestamp',
		apiSecret = SANDBOX_API_SECRET,
	) => ({
		zerocapApi: {
			apiKey: SANDBOX_API_KEY,
			apiSecret,
			environment: 'custom',
			restBaseUrl: sim.restUrl,
			webSocketUrl: sim.wsUrl,
			signatureScheme,
		},
	});
	const createRequests = () =>
		sim.requests.filter((request) => request.path === '/v2/orders/create_order');
	const place = (overrides: Record<string, unknown> = {}) => ({
		resource: 'order',
		operation: 'create',
		symbol: 'USDT/AUD',
		side: 'buy',
		orderType: 'limit',
		amount: '250.5',
		price: '1.5012',
		...overrides,
	});

	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.createOrder = originalCreate;
		forgetAttempts();
	});

	it.each(['apiKey', 'timestamp'] as const)(
		'places, fetches and lists orders in one workflow (%s scheme)',
		async (scheme) => {
			const result = await runWorkflow({
				nodes: [
					{ name: 'Place', type: 'zerocap', parameters: place() },
					{
						name: 'Fetch',
						type: 'zerocap',
						parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' },
					},
					{
						name: 'List',
						type: 'zerocap',
						parameters: {
							resource: 'order',
							operation: 'getAll',
							returnAll: true,
							filters: { ids: '={{ $json.id }}', symbol: 'USDT/AUD', status: 'open' },
						},
					},
				],
				credentials: credentialsFor(scheme),
				executionId: `place-fetch-list-${scheme}`,
			});
			expect(result.error).toBeUndefined();
			const [placed] = result.output('Place');
			expect(placed).toMatchObject({
				symbol: 'USDT/AUD',
				side: 'buy',
				amount: '250.5',
				price: '1.5012',
				status: 'open',
				alreadyExisted: false,
			});
			expect(placed.clientOrderId).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
			const [fetched] = result.output('Fetch');
			expect(fetched).toMatchObject({
				id: placed.id,
				client_order_id: placed.clientOrderId,
				amount: '250.5',
				price: '1.5012',
			});
			expect(result.output('List').map((order) => order.id)).toEqual([placed.id]);
			const headers = createRequests()[0].headers as Record<string, string>;
			expect(headers.timestamp === undefined).toBe(scheme === 'apiKey');
			expect(sim.orders.size).toBe(1);
		},
	);

	it('fills a market order at once and keeps amounts as exact text', async () => {
		const result = await runNode({
			type: 'zerocap',
			parameters: place({
				orderType: 'market',
				amount: '0.30000000000000001',
				symbol: 'btc/aud',
				side: 'sell',
			}),
			credentials: credentialsFor('apiKey'),
			executionId: 'market',
		});
		expect(result.error).toBeUndefined();
		const order = result.json[0];
		expect(order).toMatchObject({
			status: 'closed',
			amount: '0.30000000000000001',
			symbol: 'BTC/AUD',
		});
		const fetched = await runNode({
			type: 'zerocap',
			parameters: { resource: 'order', operation: 'get', orderId: order.id },
			credentials: credentialsFor('timestamp'),
		});
		expect(fetched.json[0]).toMatchObject({ status: 'closed', filled: '0.30000000000000001' });
		expect(JSON.parse(createRequests()[0].rawBody).price).toBe('0');
	});

	it('Return All reads every page; Limit stops early', async () => {
		for (let index = 0; index < 503; index++) {
			sim.addOrder({
				symbol: 'ETH/AUD',
				side: 'buy',
				type: 'limit',
				amount: String(index + 1),
				price: '5000',
			});
		}
		const all = await runNode({
			type: 'zerocap',
			parameters: {
				resource: 'order',
				operation: 'getAll',
				returnAll: true,
				filters: { sortOrder: 'asc' },
			},
			credentials: credentialsFor('apiKey'),
		});
		expect(all.error).toBeUndefined();
		expect(all.json).toHaveLength(503);
		expect(all.json.map((order) => order.amount)).toEqual(
			Array.from({ length: 503 }, (_, i) => String(i + 1)),
		);
		const listCalls = sim.requests.filter((request) => request.path === '/v2/orders/fetch_orders');
		expect(listCalls.map((request) => JSON.parse(request.rawBody).page)).toEqual([1, 2]);

		sim.reset();
		for (let index = 0; index < 20; index++) {
			sim.addOrder({ symbol: 'ETH/AUD', side: 'sell', type: 'limit', amount: '1', price: '5000' });
		}
		const limited = await runNode({
			type: 'zerocap',
			parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 7 },
			credentials: credentialsFor('apiKey'),
		});
		expect(limited.json).toHaveLength(7);
		expect(sim.requests).toHaveLength(1);
	});

	it('a retried create whose first answer was lost returns the placed order and places nothing more', async () => {
		let lose = true;
		sim.createOrder = (request) => {
			const answer = originalCreate(request);
			if (!lose) return answer;
			lose = false;
			return 'drop' as unknown as SimResult; // placed, but the connection closes before the answer
		};
		const result = await runWorkflow({
			nodes: [
				{
					name: 'Place',
					type: 'zerocap',
					parameters: place(),
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 10,
				},
			],
			credentials: credentialsFor('apiKey'),
			executionId: 'lost-answer',
		});
		expect(result.error).toBeUndefined();
		expect(sim.orders.size).toBe(1);
		const [stored] = [...sim.orders.values()];
		const [output] = result.output('Place');
		expect(output).toMatchObject({
			id: stored.id,
			clientOrderId: stored.clientOrderId,
			alreadyExisted: true,
		});
		expect(createRequests()).toHaveLength(1);
	});

	it('a retry after a later item failed does not place the earlier item again', async () => {
		let calls = 0;
		sim.createOrder = (request) => {
			calls += 1;
			if (calls === 2)
				return { status: 500, body: { error_code: '500', error_message: 'matching engine busy' } };
			return originalCreate(request);
		};
		const result = await runWorkflow({
			nodes: [
				{
					name: 'Place',
					type: 'zerocap',
					parameters: place({ amount: '={{ $json.amount }}' }),
					retryOnFail: true,
					maxTries: 2,
					waitBetweenTries: 10,
				},
			],
			credentials: credentialsFor('timestamp'),
			input: [{ amount: '10' }, { amount: '20' }],
			executionId: 'second-item-fails',
		});
		expect(result.error).toBeUndefined();
		expect([...sim.orders.values()].map((order) => order.amount)).toEqual(['10', '20']);
		// item 0 is answered with the result of the first try, without a request
		expect(result.output('Place').map((order) => [order.amount, order.alreadyExisted])).toEqual([
			['10', false],
			['20', false],
		]);
		// item 0 once; item 1 failed once and was sent again with the same client order ID
		const sent = createRequests().map((request) => JSON.parse(request.rawBody).client_order_id);
		expect(sent).toHaveLength(3);
		expect(sent[2]).toBe(sent[1]);
		expect(sent[0]).not.toBe(sent[1]);
	});

	it('the same execution and item run again after a restart is rejected as a duplicate and returns the first order', async () => {
		const first = await runNode({
			type: 'zerocap',
			parameters: place(),
			credentials: credentialsFor('apiKey'),
			executionId: 'execution-77',
		});
		expect(first.error).toBeUndefined();
		forgetAttempts(); // a new process knows nothing of earlier attempts
		const again = await runNode({
			type: 'zerocap',
			parameters: place(),
			credentials: credentialsFor('apiKey'),
			executionId: 'execution-77',
		});
		expect(again.error).toBeUndefined();
		expect(again.json[0]).toMatchObject({
			id: first.json[0].id,
			clientOrderId: first.json[0].clientOrderId,
			alreadyExisted: true,
		});
		expect(sim.orders.size).toBe(1);
		expect(createRequests()).toHaveLength(2);

		const otherExecution = await runNode({
			type: 'zerocap',
			parameters: place(),
			credentials: credentialsFor('apiKey'),
			executionId: 'execution-78',
		});
		expect(otherExecution.json[0]).toMatchObject({ alreadyExisted: false });
		expect(otherExecution.json[0].clientOrderId).not.toBe(first.json[0].clientOrderId);
		expect(sim.orders.size).toBe(2);
	});

	it('a node that runs twice in one execution (a loop) places two orders with different IDs', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Again', type: 'test.start', parameters: {} },
				{ name: 'Place', type: 'zerocap', parameters: place() },
			],
			connections: {
				Start: {
					main: [
						[
							{ node: 'Place', type: NodeConnectionTypes.Main, index: 0 },
							{ node: 'Again', type: NodeConnectionTypes.Main, index: 0 },
						],
					],
				},
				Again: { main: [[{ node: 'Place', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			credentials: credentialsFor('apiKey'),
			executionId: 'loop',
		});
		expect(result.error).toBeUndefined();
		const runs = result.run.data.resultData.runData.Place;
		expect(runs).toHaveLength(2);
		const ids = runs.map((run) => run.data?.main?.[0]?.[0]?.json.clientOrderId);
		expect(new Set(ids).size).toBe(2);
		expect(runs.map((run) => run.data?.main?.[0]?.[0]?.json.alreadyExisted)).toEqual([
			false,
			false,
		]);
		expect(sim.orders.size).toBe(2);
	});

	it('as an AI tool, a repeated call for the same order maps to the first one; another order does not', async () => {
		// n8n registers the tool variant of the node under the type name with a "Tool" suffix.
		nodeTypes.zerocapTool = new Zerocap();
		const loop = (amount: string) => ({
			nodes: [
				{ name: 'Again', type: 'test.start', parameters: {} },
				{ name: 'Place', type: 'zerocapTool', parameters: place({ amount }) },
			],
			connections: {
				Start: {
					main: [
						[
							{ node: 'Place', type: NodeConnectionTypes.Main, index: 0 },
							{ node: 'Again', type: NodeConnectionTypes.Main, index: 0 },
						],
					],
				},
				Again: { main: [[{ node: 'Place', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			credentials: credentialsFor('apiKey'),
		});
		const same = await runWorkflow({ ...loop('5'), executionId: 'tool-same' });
		expect(same.error).toBeUndefined();
		const runs = same.run.data.resultData.runData.Place.map(
			(run) => run.data?.main?.[0]?.[0]?.json,
		);
		expect(runs.map((order) => order?.alreadyExisted)).toEqual([false, true]);
		expect(runs[1]?.clientOrderId).toBe(runs[0]?.clientOrderId);
		expect(sim.orders.size).toBe(1);

		const other = await runWorkflow({
			...loop('={{ $runIndex === 0 ? "6" : "7" }}'),
			executionId: 'tool-other',
		});
		expect(other.error).toBeUndefined();
		expect(sim.orders.size).toBe(3);
	});

	it('rejects bad input before anything reaches the simulator', async () => {
		for (const parameters of [
			place({ price: '={{ "" }}' }),
			place({ amount: '-1' }),
			place({ amount: 'lots' }),
			place({ symbol: 'USDTAUD' }),
		]) {
			const result = await runNode({
				type: 'zerocap',
				parameters,
				credentials: credentialsFor('apiKey'),
			});
			expect(result.error?.message).toMatch(/^(Price|Amount|Symbol): /);
		}
		expect(sim.requests).toHaveLength(0);
	});

	it('reports a wrong secret and a server rejection clearly', async () => {
		const wrong = await runNode({
			type: 'zerocap',
			parameters: place(),
			credentials: credentialsFor('timestamp', 'not-the-secret'),
		});
		expect(wrong.error?.message).toBe('Zerocap rejected the credentials (401): Unauthorized');
		expect(sim.orders.size).toBe(0);

		const unknown = await runNode({
			type: 'zerocap',
			parameters: place({ symbol: 'DOGE/AUD' }),
			credentials: credentialsFor('apiKey'),
		});
		expect(unknown.error?.message).toBe(
			'Zerocap rejected the request as invalid (400): Unknown symbol: DOGE/AUD',
		);

		sim.injectFault({ type: 'nonjson', path: 'fetch_order' });
		const html = await runNode({
			type: 'zerocap',
			parameters: { resource: 'order', operation: 'get', orderId: 'x' },
			credentials: credentialsFor('apiKey'),
		});
		expect(html.error?.message).toMatch(/^Zerocap: HTTP 200 with a non-JSON answer: an HTML page/);
	});

	it('the credential test request passes with the right secret and fails with a wrong one', async () => {
		const { ZerocapApi } = await import('../../credentials/ZerocapApi.credentials');
		const credential = new ZerocapApi();
		const send = async (secret: string) => {
			const options = await credential.authenticate(
				credentialsFor('timestamp', secret).zerocapApi,
				{
					...credential.test.request,
				} as never,
			);
			const response = await fetch(`${options.baseURL}${options.url}`, {
				method: options.method,
				headers: options.headers as Record<string, string>,
				body: JSON.stringify(options.body),
			});
			return response.status;
		};
		expect(await send(SANDBOX_API_SECRET)).toBe(200);
		expect(await send('wrong')).toBe(401);
	});
});

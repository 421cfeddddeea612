/**
 * Zerocap node request shapes against nock: exact bodies and signed headers for both schemes
 * (signatures written out as computed by `openssl dgst -sha256 -hmac`), validation before
 * sending, error bodies, the idempotent create and paging.
 */
import nock from 'nock';

import { forgetAttempts } from '../../nodes/Zerocap/helpers/clientOrderId';
import { runNode, runWorkflow } from '../helpers/engine';

const HOST = 'http://zerocap.test';
const BASE = '/v2';
const seedCredentials = {
	zerocapApi: {
		apiKey: 'zc-key-0001',
		apiSecret: 'zc-secret-0001',
		environment: 'custom',
		restBaseUrl: `${HOST}${BASE}`,
		webSocketUrl: 'ws://zerocap.test/v2',
		signatureScheme: 'apiKey',
	},
};
const timestampCredentials = {
	zerocapApi: { ...seedCredentials.zerocapApi, signatureScheme: 'timestamp' },
};
// printf '%s' zc-key-0001 | openssl dgst -sha256 -hmac zc-secret-0001
const SEED_HMAC = '85c63b6748d716fe61a77ea77f90ff5e7e93980422caf74ce3763e7ffc19aaa3';
// printf '%s' 1763700000 | openssl dgst -sha256 -hmac zc-secret-0001
const TIMESTAMP_SIGNATURE = 'ca198458fb50dbdcd62ebf9f548e83d567184e681a0f985a2c2d4aa28f6137f5';
// uuid.uuid5(UUID('3f0de633-e472-43a0-b141-582636dac459'), 'test-instance\ntest-workflow\nnode-0\ntest-execution\n0\n0')
const DERIVED_ID_ITEM_0 = '05c4aae7-400c-5db8-95f2-c6d6c3f37209';

const createParameters = {
	resource: 'order',
	operation: 'create',
	symbol: 'USDT/AUD',
	side: 'buy',
	orderType: 'limit',
	amount: '100.10',
	price: '1.52',
};

function createAnswer(body: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
	return {
		id: '16ef58d1-677e-489c-8fe0-5acc4a680b6e',
		clientOrderId: body.client_order_id,
		datatime: '2023-07-28 09:19:45',
		timestamp: '1690535984000',
		status: 'open',
		symbol: body.symbol,
		type: 'Limit',
		side: body.side,
		price: body.price,
		amount: body.amount,
		filled: '0',
		remaining: body.amount,
		trades: [],
		error_message: '',
		...overrides,
	};
}

/** What the socket reports when the server closes the connection without an answer. */
function connectionReset(): Error {
	return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

function listedOrder(overrides: Record<string, unknown> = {}) {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		client_order_id: DERIVED_ID_ITEM_0,
		status: 'open',
		symbol: 'USDT/AUD',
		type: 'limit',
		side: 'buy',
		price: '1.52',
		amount: '100.1',
		...overrides,
	};
}

describe('Zerocap requests', () => {
	beforeEach(() => {
		nock.disableNetConnect();
		forgetAttempts();
	});
	afterEach(() => {
		nock.cleanAll();
		nock.enableNetConnect();
		jest.restoreAllMocks();
	});

	describe('Order → Create', () => {
		it('posts the limit order with the seed headers, text amounts and a derived client order ID', async () => {
			let headers: Record<string, unknown> = {};
			let rawBody = '';
			const scope = nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.reply(function (_uri, body) {
					headers = this.req.headers;
					rawBody = JSON.stringify(body);
					return [200, createAnswer(body as Record<string, unknown>)];
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: {
					...createParameters,
					amount: '0.30000000000000001',
					price: '1.10',
					additionalFields: { customerId: 'ZCStreamingLiquidity1' },
				},
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(rawBody).toBe(
				`{"symbol":"USDT/AUD","side":"buy","type":"limit","amount":"0.30000000000000001","price":"1.10","client_order_id":"${DERIVED_ID_ITEM_0}","customer_id":"ZCStreamingLiquidity1"}`,
			);
			expect(headers['api-key']).toBe('zc-key-0001');
			expect(headers.signature).toBe(SEED_HMAC);
			expect(headers.timestamp).toBeUndefined();
			expect(headers['customer-id']).toBe('ZCStreamingLiquidity1');
			expect(String(headers['content-type'])).toMatch(/application\/json/);
			expect(result.json).toEqual([
				expect.objectContaining({
					id: '16ef58d1-677e-489c-8fe0-5acc4a680b6e',
					clientOrderId: DERIVED_ID_ITEM_0,
					amount: '0.30000000000000001',
					price: '1.10',
					alreadyExisted: false,
				}),
			]);
		});

		it('posts a market order with the timestamp headers, price "0" and a numeric coinroutes customer ID', async () => {
			jest.spyOn(Date, 'now').mockReturnValue(1_763_700_000_789);
			let headers: Record<string, unknown> = {};
			const scope = nock(HOST)
				.post(
					`${BASE}/orders/create_order`,
					(body) =>
						JSON.stringify(body) ===
						'{"symbol":"BTC/AUD","side":"sell","type":"market","amount":"0.25","price":"0","client_order_id":"my-order-7","coinroutes_customer_id":1234}',
				)
				.reply(function (_uri, body) {
					headers = this.req.headers;
					return [
						200,
						createAnswer(body as Record<string, unknown>, { status: 'closed', type: 'Market' }),
					];
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: {
					...createParameters,
					symbol: ' btc/aud ',
					side: '={{ "SELL" }}',
					orderType: '={{ " Market " }}',
					amount: '0.25',
					additionalFields: {
						clientOrderId: 'my-order-7',
						customerId: '1234',
						customerIdField: 'coinroutes_customer_id',
					},
				},
				credentials: timestampCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(headers).toMatchObject({
				'api-key': 'zc-key-0001',
				signature: TIMESTAMP_SIGNATURE,
				timestamp: '1763700000',
			});
			expect(headers['customer-id']).toBeUndefined();
			expect(result.json[0]).toMatchObject({
				clientOrderId: 'my-order-7',
				status: 'closed',
				alreadyExisted: false,
			});
		});

		it('derives a different client order ID for each item', async () => {
			const ids: string[] = [];
			nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.times(2)
				.reply((_uri, body) => {
					ids.push((body as Record<string, string>).client_order_id);
					return [200, createAnswer(body as Record<string, unknown>)];
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: createParameters,
				credentials: seedCredentials,
				input: [{}, {}],
			});
			expect(result.error).toBeUndefined();
			expect(ids[0]).toBe(DERIVED_ID_ITEM_0);
			expect(ids[1]).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
			expect(ids[1]).not.toBe(ids[0]);
			expect(result.items('Node').map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
			]);
		});

		it.each([
			// Required fields left empty are caught by the editor; an expression can still yield nothing.
			[{ price: '={{ "" }}' }, 'Price: is required'],
			[{ price: '-1' }, 'Price: must be greater than zero'],
			[{ amount: '-5' }, 'Amount: must be greater than zero'],
			[{ amount: '0' }, 'Amount: must be greater than zero'],
			[{ amount: 'ten' }, 'Amount: must be a number such as 0.5 (digits and one dot)'],
			[{ amount: '1e5' }, 'Amount: must be a number such as 0.5 (digits and one dot)'],
			[{ amount: '.5' }, 'Amount: must have digits on both sides of the dot, such as 0.5'],
			[{ price: '2.' }, 'Price: must have digits on both sides of the dot, such as 0.5'],
			[{ amount: '={{ "" }}' }, 'Amount: is required'],
			[
				{ symbol: 'USDTAUD' },
				'Symbol: must be two asset codes separated by a slash, such as USDT/AUD',
			],
			[
				{ symbol: 'USDT/AUD/X' },
				'Symbol: must be two asset codes separated by a slash, such as USDT/AUD',
			],
			[
				{ symbol: 'USDT-AUD' },
				'Symbol: must be two asset codes separated by a slash, such as USDT/AUD',
			],
			[{ symbol: '={{ " " }}' }, 'Symbol: is required'],
			[
				{ additionalFields: { clientOrderId: 'has space' } },
				'Client Order ID: may contain only letters, digits and - _ . :',
			],
			[
				{ additionalFields: { customerId: 'abc', customerIdField: 'coinroutes_customer_id' } },
				'Customer ID: must be a whole number when sent as coinroutes_customer_id',
			],
		])('rejects %j before sending anything', async (overrides, message) => {
			const scope = nock(HOST).post(/.*/).reply(200, {});
			const result = await runNode({
				type: 'zerocap',
				parameters: { ...createParameters, ...overrides },
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe(message);
			expect(scope.isDone()).toBe(false);
		});

		it('ignores a price for a market order and sends "0"', async () => {
			const scope = nock(HOST)
				.post(`${BASE}/orders/create_order`, (body) => body.price === '0' && body.type === 'market')
				.reply(200, (_uri, body) => createAnswer(body as Record<string, unknown>));
			const result = await runNode({
				type: 'zerocap',
				parameters: { ...createParameters, orderType: 'market', price: 'not a number' },
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
		});

		it('treats an HTTP 200 answer with error_message as an error', async () => {
			nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.reply(200, (_uri, body) =>
					createAnswer(body as Record<string, unknown>, {
						id: '',
						status: 'rejected',
						error_message: 'Insufficient balance',
					}),
				);
			const result = await runNode({
				type: 'zerocap',
				parameters: createParameters,
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe('Zerocap rejected the request: Insufficient balance');

			nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.reply(200, { error_message: 'Insufficient balance' });
			const continued = await runNode({
				type: 'zerocap',
				parameters: { ...createParameters, additionalFields: { clientOrderId: 'other-1' } },
				credentials: seedCredentials,
				continueOnFail: true,
			});
			expect(continued.error).toBeUndefined();
			expect(continued.json).toEqual([
				expect.objectContaining({
					error: 'Zerocap rejected the request: Insufficient balance',
					httpCode: '200',
				}),
			]);
		});

		it('returns the existing order, marked alreadyExisted, when the client order ID is a duplicate', async () => {
			const scope = nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.reply(200, (_uri, body) =>
					createAnswer(body as Record<string, unknown>, {
						id: '',
						status: 'rejected',
						error_message: `Duplicate client_order_id ${DERIVED_ID_ITEM_0}: order a1b2 already exists`,
					}),
				)
				.post(
					`${BASE}/orders/fetch_orders`,
					(body) =>
						JSON.stringify(body) ===
						'{"symbol":"USDT/AUD","start_datetime":0,"end_datetime":0,"page":1,"ids":"","status":"","sort_order":"desc","order_type":"","side":"buy","limit":100}',
				)
				.reply(200, {
					order_list: [listedOrder({ id: 'other', client_order_id: 'x' }), listedOrder()],
					status: 'success',
					total: 2,
					page: '1',
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: createParameters,
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(result.json).toEqual([
				{ ...listedOrder(), clientOrderId: DERIVED_ID_ITEM_0, alreadyExisted: true },
			]);
		});

		it('refuses a duplicate client order ID that belongs to a different order', async () => {
			nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.reply(200, { error_message: 'duplicate clientOrderId' })
				.post(`${BASE}/orders/fetch_orders`)
				.reply(200, {
					order_list: [listedOrder({ amount: '5' })],
					status: 'success',
					total: 1,
					page: '1',
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: createParameters,
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe(
				`Client order ID ${DERIVED_ID_ITEM_0} is already used by a different order (buy 5 USDT/AUD)`,
			);
		});

		it('on Retry On Fail after a lost answer finds the placed order instead of sending it again', async () => {
			const scope = nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.replyWithError(connectionReset())
				.post(
					`${BASE}/orders/fetch_orders`,
					(body) => body.symbol === 'USDT/AUD' && body.side === 'buy',
				)
				.reply(200, { order_list: [listedOrder()], status: 'success', total: 1, page: '1' });
			const result = await runWorkflow({
				nodes: [
					{
						name: 'Place',
						type: 'zerocap',
						parameters: createParameters,
						retryOnFail: true,
						maxTries: 2,
						waitBetweenTries: 10,
					},
				],
				credentials: seedCredentials,
			});
			// A second create_order would find no interceptor and fail the run.
			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(result.output('Place')).toEqual([
				{ ...listedOrder(), clientOrderId: DERIVED_ID_ITEM_0, alreadyExisted: true },
			]);
		});

		it('on Retry On Fail sends the same client order ID again when the first attempt placed nothing', async () => {
			const sent: string[] = [];
			nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.replyWithError(connectionReset())
				.post(`${BASE}/orders/fetch_orders`)
				.reply(200, { order_list: [], status: 'success', total: 0, page: '1' })
				.post(`${BASE}/orders/create_order`)
				.reply(200, (_uri, body) => {
					sent.push((body as Record<string, string>).client_order_id);
					return createAnswer(body as Record<string, unknown>);
				});
			const result = await runWorkflow({
				nodes: [
					{
						name: 'Place',
						type: 'zerocap',
						parameters: createParameters,
						retryOnFail: true,
						maxTries: 2,
						waitBetweenTries: 10,
					},
				],
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(sent).toEqual([DERIVED_ID_ITEM_0]);
			expect(result.output('Place')[0]).toMatchObject({
				clientOrderId: DERIVED_ID_ITEM_0,
				alreadyExisted: false,
			});
		});

		it('explains a rejected signature without leaking the secret or the signature', async () => {
			nock(HOST)
				.post(`${BASE}/orders/create_order`)
				.reply(401, { error_code: '401', error_message: 'Unauthorized' });
			const result = await runNode({
				type: 'zerocap',
				parameters: createParameters,
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe('Zerocap rejected the credentials (401): Unauthorized');
			const serialized = JSON.stringify(result.run.data.resultData);
			expect(serialized).not.toContain('zc-secret-0001');
			expect(serialized).not.toContain(SEED_HMAC);
		});
	});

	describe('Order → Get', () => {
		it('fetches with GET ?id= and unwraps order_list', async () => {
			let headers: Record<string, unknown> = {};
			nock(HOST)
				.get(`${BASE}/orders/fetch_order`)
				.query({ id: 'a1b2c3d4-0000-4000-8000-000000000001' })
				.reply(function () {
					headers = this.req.headers;
					return [200, { order_list: [listedOrder()], status: 'success' }];
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: {
					resource: 'order',
					operation: 'get',
					orderId: ' a1b2c3d4-0000-4000-8000-000000000001 ',
				},
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([listedOrder()]);
			expect(headers).toMatchObject({ 'api-key': 'zc-key-0001', signature: SEED_HMAC });
		});

		it('accepts a flat order and reports an empty order_list as not found', async () => {
			nock(HOST)
				.get(`${BASE}/orders/fetch_order`)
				.query({ id: 'o-1' })
				.reply(200, listedOrder({ id: 'o-1' }));
			const flat = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'get', orderId: 'o-1' },
				credentials: seedCredentials,
			});
			expect(flat.json).toEqual([listedOrder({ id: 'o-1' })]);

			nock(HOST)
				.get(`${BASE}/orders/fetch_order`)
				.query({ id: 'o-2' })
				.reply(200, { order_list: [], status: 'success' });
			const missing = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'get', orderId: 'o-2' },
				credentials: seedCredentials,
			});
			expect(missing.error?.message).toBe('Zerocap has no order with ID o-2');
		});

		it('rejects an empty order ID before sending', async () => {
			const scope = nock(HOST).get(/.*/).reply(200, {});
			const result = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'get', orderId: '  ' },
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe('Order ID: is required');
			expect(scope.isDone()).toBe(false);
		});
	});

	describe('Order → Get Many', () => {
		const orders = (count: number, offset = 0) =>
			Array.from({ length: count }, (_, index) => listedOrder({ id: `o-${offset + index}` }));

		it('sends every filter with the documented keys and asks for Limit orders', async () => {
			const bodies: string[] = [];
			nock(HOST)
				.post(`${BASE}/orders/fetch_orders`)
				.reply(200, (_uri, body) => {
					bodies.push(JSON.stringify(body));
					return { order_list: orders(3), status: 'success', total: 40, page: '1' };
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: {
					resource: 'order',
					operation: 'getAll',
					returnAll: false,
					limit: 3,
					filters: {
						symbol: 'usdt/aud',
						startTime: '2026-01-01T00:00:00Z',
						endTime: '2026-01-31T00:00:00.000Z',
						status: 'closed',
						side: 'sell',
						orderType: 'market',
						sortOrder: 'asc',
						ids: 'o-1, o-2,,o-3',
					},
				},
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(bodies).toEqual([
				'{"symbol":"USDT/AUD","start_datetime":1767225600000,"end_datetime":1769817600000,"page":1,"ids":"o-1,o-2,o-3","status":"closed","sort_order":"asc","order_type":"market","side":"sell","limit":3}',
			]);
			expect(result.json.map((order) => order.id)).toEqual(['o-0', 'o-1', 'o-2']);
		});

		it('Return All follows pages of 500 until the total is reached', async () => {
			const pages: number[] = [];
			nock(HOST)
				.post(`${BASE}/orders/fetch_orders`)
				.times(2)
				.reply(200, (_uri, body) => {
					const { page, limit } = body as { page: number; limit: number };
					pages.push(page);
					expect(limit).toBe(500);
					return {
						order_list: page === 1 ? orders(500) : orders(2, 500),
						status: 'success',
						total: 502,
						page: String(page),
					};
				});
			const result = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'getAll', returnAll: true },
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(pages).toEqual([1, 2]);
			expect(result.json).toHaveLength(502);
			expect(result.json[501].id).toBe('o-501');
		});

		it('refuses an answer without order_list instead of reading it as no orders', async () => {
			nock(HOST).post(`${BASE}/orders/fetch_orders`).reply(200, { status: 'success', total: 3, page: '1' });
			const result = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'getAll', returnAll: true },
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe('Zerocap: the answer is not what was asked for: fetch_orders has no order_list');
		});

		it('stops at a full last page when the total says so', async () => {
			const scope = nock(HOST)
				.post(`${BASE}/orders/fetch_orders`)
				.reply(200, { order_list: orders(500), status: 'success', total: 500, page: '1' });
			const result = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'getAll', returnAll: true },
				credentials: seedCredentials,
			});
			expect(result.error).toBeUndefined();
			expect(scope.isDone()).toBe(true);
			expect(result.json).toHaveLength(500);
		});

		it.each([
			[{ startTime: 'yesterday' }, 'From: must be a date such as 2026-01-31T00:00:00Z'],
			[
				{ startTime: '2026-02-01T00:00:00Z', endTime: '2026-01-01T00:00:00Z' },
				'To: must not be before From',
			],
			[{ symbol: 'BTC' }, 'Symbol: must be two asset codes separated by a slash, such as USDT/AUD'],
		])('rejects filters %j before sending', async (filters, message) => {
			const scope = nock(HOST).post(/.*/).reply(200, {});
			const result = await runNode({
				type: 'zerocap',
				parameters: { resource: 'order', operation: 'getAll', returnAll: true, filters },
				credentials: seedCredentials,
			});
			expect(result.error?.message).toBe(message);
			expect(scope.isDone()).toBe(false);
		});
	});
});

/**
 * The Zerocap simulator itself: signature checks of both schemes against the spec's vectors,
 * order life cycle, listing filters and paging, and the WebSocket frames.
 */
import { createHmac } from 'crypto';
import { sleep } from 'n8n-workflow';
import WebSocket from 'ws';

import { SANDBOX_API_KEY, SANDBOX_API_SECRET, ZerocapSimulator } from '../../sandbox/zerocap';

// Vectors from the spec (§4.1, §4.2).
const SEED_VECTOR = { key: 'test-key', secret: 'test-secret', signature: '44aa65038366988a92b488b7f92e915ba39f19c9668f69cda69d4b627c1980c6' };
const TIMESTAMP_VECTOR = { timestamp: '1700000000', signature: '1b74eaf87da46877ba651ac812b24a3bf01990e9ed0101b88268f60f965729e2' };

const seedHeaders = { 'api-key': SEED_VECTOR.key, signature: SEED_VECTOR.signature };

function timestampHeaders(secret = SEED_VECTOR.secret, key = SEED_VECTOR.key, offsetSeconds = 0) {
	const timestamp = String(Math.floor(Date.now() / 1000) + offsetSeconds);
	return { 'api-key': key, signature: createHmac('sha256', secret).update(timestamp).digest('hex'), timestamp };
}

/** The JSON bodies of the simulator, loosely typed for assertions. */
interface Body {
	[key: string]: unknown;
	id: string;
	status: string;
	error_message: string;
	order_list: Array<Record<string, unknown>>;
	trades: Array<Record<string, unknown>>;
}

interface Frame {
	[key: string]: unknown;
	channel?: string;
	data?: string;
}

async function waitFor(condition: () => boolean, what: string, tries = 400): Promise<void> {
	for (let attempt = 0; attempt < tries; attempt++) {
		if (condition()) return;
		await sleep(10);
	}
	throw new Error(`timed out waiting for ${what}`);
}

describe('Zerocap simulator', () => {
	const sim = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });

	async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
		const response = await fetch(`${sim.restUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Body };
	}

	const order = (overrides: Record<string, unknown> = {}) => ({
		symbol: 'USDT/AUD',
		side: 'buy',
		type: 'limit',
		amount: '100',
		price: '1.5',
		client_order_id: `c-${Math.random()}`,
		...overrides,
	});

	beforeAll(async () => {
		await sim.listen();
		sim.addKey(SEED_VECTOR.key, SEED_VECTOR.secret);
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	describe('REST authentication', () => {
		it('accepts the seed scheme with the spec vector and the sandbox key', async () => {
			expect((await call('POST', '/orders/fetch_orders', seedHeaders, {})).status).toBe(200);
			const sandbox = {
				'api-key': SANDBOX_API_KEY,
				signature: createHmac('sha256', SANDBOX_API_SECRET).update(SANDBOX_API_KEY).digest('hex'),
			};
			expect((await call('POST', '/orders/fetch_orders', sandbox, {})).status).toBe(200);
		});

		it('rejects a wrong or missing signature with the 401 body', async () => {
			const wrong = await call('POST', '/orders/fetch_orders', { ...seedHeaders, signature: '00'.repeat(32) }, {});
			expect(wrong).toEqual({ status: 401, body: { error_code: '401', error_message: 'Unauthorized' } });
			expect((await call('POST', '/orders/fetch_orders', { 'api-key': SEED_VECTOR.key }, {})).status).toBe(401);
			const unknownKey = await call('POST', '/orders/fetch_orders', { ...seedHeaders, 'api-key': 'other' }, {});
			expect(unknownKey.status).toBe(401);
		});

		it('accepts the timestamp scheme inside the 30 s window', async () => {
			expect((await call('POST', '/orders/fetch_orders', timestampHeaders(), {})).status).toBe(200);
			expect((await call('POST', '/orders/fetch_orders', timestampHeaders(undefined, undefined, -25), {})).status).toBe(200);
		});

		it('rejects the spec vector as expired (its signature is right, its time is old)', async () => {
			const expired = await call('POST', '/orders/fetch_orders', { 'api-key': SEED_VECTOR.key, ...TIMESTAMP_VECTOR }, {});
			expect(expired.status).toBe(401);
			expect(expired.body.error_message).toMatch(/expired/);
			const stale = await call('POST', '/orders/fetch_orders', timestampHeaders(undefined, undefined, 40), {});
			expect(stale.body.error_message).toMatch(/expired/);
		});

		it('rejects a timestamp signature made with another secret or over another time', async () => {
			const wrongSecret = await call('POST', '/orders/fetch_orders', timestampHeaders('nope'), {});
			expect(wrongSecret.body).toEqual({ error_code: '401', error_message: 'Unauthorized' });
			const headers = timestampHeaders();
			const shifted = { ...headers, timestamp: String(Number(headers.timestamp) - 1) };
			expect((await call('POST', '/orders/fetch_orders', shifted, {})).body.error_message).toBe('Unauthorized');
		});

		it('serves the server time without a signature', async () => {
			const time = await call('GET', '/systems/get_time', {});
			expect(time.status).toBe(200);
			expect(typeof time.body.timestamp).toBe('number');
		});
	});

	describe('orders', () => {
		it('fills a market order at once and answers with the camelCase shape', async () => {
			const created = await call('POST', '/orders/create_order', seedHeaders, order({ type: 'market', amount: '10.5', price: '0' }));
			expect(created.status).toBe(200);
			expect(created.body).toMatchObject({
				clientOrderId: expect.any(String),
				status: 'closed',
				type: 'Market',
				timeInForce: 'FOK',
				amount: '10.5',
				filled: '10.5',
				remaining: '0',
				error_message: '',
			});
			expect(created.body.trades).toHaveLength(1);
			expect(created.body.trades[0]).toMatchObject({ order: created.body.id, amount: '10.5', takerOrMaker: 'taker' });
			expect(Number(created.body.lastTradeTimestamp)).toBeGreaterThan(Number(created.body.timestamp));
			const updates = sim.orderUpdates.filter((update) => update.OrderId === created.body.id);
			expect(updates.map((update) => update.Status)).toEqual(['open', 'closed']);
			expect(updates[1].UpdatedAt).toBeGreaterThan(updates[0].UpdatedAt);
		});

		it('keeps a limit order open until filled, partly and then wholly', async () => {
			const created = await call('POST', '/orders/create_order', timestampHeaders(), order({ amount: '100', price: '1.25' }));
			expect(created.body).toMatchObject({ status: 'open', filled: '0', remaining: '100', type: 'Limit' });
			const id = created.body.id;
			sim.fillOrder(id, '40');
			let fetched = await call('GET', `/orders/fetch_order?id=${id}`, seedHeaders);
			expect(fetched.body.status).toBe('success');
			expect(fetched.body.order_list[0]).toMatchObject({ id, status: 'open', filled: '40', remaining: '60', cost: '50' });
			sim.fillOrder(id);
			fetched = await call('GET', `/orders/fetch_order?id=${id}`, seedHeaders);
			expect(fetched.body.order_list[0]).toMatchObject({ status: 'closed', filled: '100', remaining: '0', cost: '125', average: '1.25' });
			expect(fetched.body.order_list[0].trades).toHaveLength(2);
			expect(sim.tradeLog.map((trade) => trade.amount)).toEqual(['40', '60']);
		});

		it('rejects a duplicate client_order_id without creating a second order', async () => {
			const first = await call('POST', '/orders/create_order', seedHeaders, order({ client_order_id: 'same-id' }));
			const second = await call('POST', '/orders/create_order', seedHeaders, order({ client_order_id: 'same-id' }));
			expect(second.status).toBe(200);
			expect(second.body.error_message).toContain('Duplicate client_order_id same-id');
			expect(second.body.error_message).toContain(first.body.id);
			expect(second.body.status).toBe('rejected');
			expect(sim.orders.size).toBe(1);
		});

		it('answers malformed orders with 400 and creates nothing', async () => {
			for (const bad of [
				order({ symbol: 'USDTAUD' }),
				order({ side: 'hold' }),
				order({ amount: '-1' }),
				order({ amount: 'ten' }),
				order({ price: '0' }),
			]) {
				const answer = await call('POST', '/orders/create_order', seedHeaders, bad);
				expect(answer.status).toBe(400);
				expect(answer.body.error_code).toBe('400');
			}
			expect(sim.orders.size).toBe(0);
		});

		it('answers an unknown order ID with 404', async () => {
			expect((await call('GET', '/orders/fetch_order?id=nope', seedHeaders)).status).toBe(404);
		});

		it('lists with filters, pages and the update-time range', async () => {
			const ids: string[] = [];
			for (let index = 0; index < 7; index++) {
				const created = await call(
					'POST',
					'/orders/create_order',
					seedHeaders,
					order({ side: index % 2 ? 'sell' : 'buy', symbol: index < 5 ? 'USDT/AUD' : 'BTC/AUD' }),
				);
				ids.push(created.body.id);
			}
			const all = await call('POST', '/orders/fetch_orders', seedHeaders, { limit: 3, page: 1 });
			expect(all.body).toMatchObject({ total: 7, page: '1', status: 'success' });
			expect(all.body.order_list.map((item) => item.id)).toEqual([ids[6], ids[5], ids[4]]);
			const page3 = await call('POST', '/orders/fetch_orders', seedHeaders, { limit: 3, page: 3, sort_order: 'desc' });
			expect(page3.body.order_list.map((item) => item.id)).toEqual([ids[0]]);
			const asc = await call('POST', '/orders/fetch_orders', seedHeaders, { sort_order: 'asc', symbol: 'USDT/AUD', side: 'sell' });
			expect(asc.body.order_list.map((item) => item.id)).toEqual([ids[1], ids[3]]);
			const byIds = await call('POST', '/orders/fetch_orders', seedHeaders, { ids: `${ids[2]},${ids[5]}`, sort_order: 'asc' });
			expect(byIds.body.order_list.map((item) => item.id)).toEqual([ids[2], ids[5]]);

			// Filling an old order moves it into an "updated since" window.
			const since = sim.now() + 1;
			sim.fillOrder(ids[0]);
			const updated = await call('POST', '/orders/fetch_orders', seedHeaders, { start_datetime: since, sort_order: 'asc' });
			expect(updated.body.order_list.map((item) => [item.id, item.status])).toEqual([[ids[0], 'closed']]);
			expect(Number(updated.body.order_list[0].last_trade_timestamp)).toBeGreaterThanOrEqual(since);
			const closed = await call('POST', '/orders/fetch_orders', seedHeaders, { status: 'closed' });
			expect(closed.body.total).toBe(1);
		});

		it('answers injected faults from the base class', async () => {
			sim.injectFault({ type: 'status', status: 500, path: 'create_order' });
			expect((await call('POST', '/orders/create_order', seedHeaders, order())).status).toBe(500);
			expect(sim.orders.size).toBe(0);
			expect((await call('POST', '/orders/create_order', seedHeaders, order())).status).toBe(200);
		});
	});

	describe('WebSocket', () => {
		interface Connection {
			socket: WebSocket;
			frames: Frame[];
			closed: { code?: number };
		}

		function connect(headers: Record<string, string>, path = '/v2'): Connection {
			const socket = new WebSocket(`${sim.url.replace('http', 'ws')}${path}`, { headers });
			const connection: Connection = { socket, frames: [], closed: {} };
			socket.on('message', (data) => connection.frames.push(JSON.parse(data.toString())));
			socket.on('close', (code) => (connection.closed.code = code));
			socket.on('error', () => undefined);
			return connection;
		}

		const opened: Connection[] = [];
		function open(headers: Record<string, string>, path?: string) {
			const connection = connect(headers, path);
			opened.push(connection);
			return connection;
		}
		afterEach(async () => {
			for (const connection of opened.splice(0)) connection.socket.terminate();
			// The server also drops its side, so a close event that arrives late under load cannot
			// leave a connection counted in the next test.
			sim.dropAllConnections();
			await waitFor(() => sim.connectionCount === 0, 'the connections to close');
		});

		it('greets an authenticated connection (both schemes)', async () => {
			for (const headers of [seedHeaders, timestampHeaders()]) {
				const connection = open(headers);
				await waitFor(() => connection.frames.length > 0, 'greeting');
				expect(connection.frames[0]).toEqual({ type: 'message', message: 'Successfully connected.' });
			}
			expect(sim.connectionCount).toBe(2);
		});

		it('sends the 401 frame and closes on bad credentials', async () => {
			for (const headers of [{ ...seedHeaders, signature: 'bad' }, timestampHeaders('wrong-secret'), {}]) {
				const connection = open(headers);
				await waitFor(() => connection.closed.code !== undefined, 'close');
				expect(connection.frames).toEqual([{ error_code: '401', error_message: 'Unauthorized' }]);
			}
			expect(sim.wsStats.unauthorized).toBe(3);
		});

		it('acknowledges subscriptions and answers bad messages with the 400 frame', async () => {
			const connection = open(seedHeaders);
			await waitFor(() => connection.frames.length === 1, 'greeting');
			connection.socket.send(JSON.stringify({ type: 'orders' }));
			connection.socket.send(JSON.stringify({ type: 'bogus' }));
			connection.socket.send('not json');
			connection.socket.send(JSON.stringify({ type: 'message', message: 'ping' }));
			connection.socket.send(JSON.stringify({ type: 'price', symbol: 'DOGE/AUD' }));
			await waitFor(() => connection.frames.length === 6, 'answers');
			expect(connection.frames.slice(1)).toEqual([
				{ type: 'message', message: 'orders Subscription successful.' },
				{ error_code: '400', error_message: 'invalid message' },
				{ error_code: '400', error_message: 'invalid message' },
				{ type: 'message', message: 'price Subscription successful.' },
				{ type: 'message', message: 'Price stream unavailable.' },
			]);
		});

		it('streams order updates and trades with a JSON-encoded data field', async () => {
			const connection = open(timestampHeaders());
			await waitFor(() => connection.frames.length === 1, 'greeting');
			connection.socket.send(JSON.stringify({ type: 'order' }));
			connection.socket.send(JSON.stringify({ type: 'trade' }));
			await waitFor(() => connection.frames.length === 3, 'acks');
			const created = await call('POST', '/orders/create_order', seedHeaders, order({ type: 'market', amount: '5', price: '0' }));
			await waitFor(() => connection.frames.length === 6, 'order and trade frames');
			const frames = connection.frames.slice(3);
			const orders = frames.filter((frame) => frame.channel === 'dma_order_info');
			const trades = frames.filter((frame) => frame.channel === 'dma_trade_info');
			expect(orders).toHaveLength(2);
			expect(trades).toHaveLength(1);
			expect(typeof orders[0].data).toBe('string');
			expect(JSON.parse(String(orders[0].data))).toMatchObject({ OrderId: created.body.id, Status: 'open', Filled: '0' });
			expect(JSON.parse(String(orders[1].data))).toMatchObject({ OrderId: created.body.id, Status: 'closed', Filled: '5' });
			expect(trades[0].pattern).toBeNull();
			expect(JSON.parse(String(trades[0].data))).toMatchObject({ order: created.body.id, amount: '5', side: 'buy' });
		});

		it('streams the price ladder, heartbeats, and generated order updates', async () => {
			const connection = open(seedHeaders);
			await waitFor(() => connection.frames.length === 1, 'greeting');
			connection.socket.send(JSON.stringify({ type: 'price', symbol: 'BTC/AUD' }));
			connection.socket.send(JSON.stringify({ type: 'orders' }));
			await waitFor(() => connection.frames.length === 3, 'acks');
			sim.emitPriceLadder('BTC/AUD', 2);
			sim.emitPriceLadder('ETH/AUD', 1);
			sim.sendHeartbeat();
			await sim.emitOrderUpdates(20, { orders: 4 });
			await waitFor(() => connection.frames.length === 3 + 2 + 1 + 20 + 16, 'stream');
			const ladders = connection.frames.filter((frame) => frame.channel === 'dma_ladder_price_BTC/AUD');
			expect(ladders).toHaveLength(2);
			const book = JSON.parse(String(ladders[0].data));
			expect(book).toMatchObject({ symbol: 'BTC/AUD', exchange: 'zerocap' });
			expect(book.data.bids[0][0]).toBeLessThan(book.data.asks[0][0]);
			expect(connection.frames).toContainEqual({ type: 'message', channel: '', data: '{"ok":"ok"}' });
			const updates = connection.frames.filter((frame) => frame.channel === 'dma_order_info').map((frame) => JSON.parse(String(frame.data)));
			expect(updates).toEqual(sim.orderUpdates);
			expect(new Set(updates.map((update) => update.OrderId)).size).toBe(4);
			expect(updates.slice(-4).every((update) => update.Status === 'closed')).toBe(true);
		});

		it('drops connections and refuses upgrades for a while', async () => {
			const first = open(seedHeaders);
			await waitFor(() => first.frames.length === 1, 'greeting');
			expect(sim.dropAllConnections()).toBe(1);
			await waitFor(() => first.closed.code !== undefined, 'drop');
			expect(first.closed.code).toBe(1006);
			sim.rejectConnections(60_000);
			const refused = open(seedHeaders);
			await waitFor(() => refused.closed.code !== undefined, 'refusal');
			expect(refused.frames).toEqual([]);
			expect(sim.wsStats.refused).toBe(1);
			sim.rejectConnections(0);
			const again = open(seedHeaders);
			await waitFor(() => again.frames.length === 1, 'greeting after the refusal');
		});
	});
});

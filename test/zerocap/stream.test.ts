/**
 * The pieces of the Zerocap stream client on their own: frame parsing (the spec's examples), item
 * shapes, the exactly-once tracker, backoff, abortable waits, and a subscription driven by a fake socket
 * injected through the factory.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import { ladderFromStream, orderFromRest, orderFromStream, toMs, tradeFromStream } from '../../nodes/Zerocap/trigger/events';
import { parseFrame } from '../../nodes/Zerocap/trigger/frames';
import { OrderTracker } from '../../nodes/Zerocap/trigger/orderTracker';
import { DEFAULT_STREAM_OPTIONS, StreamSubscription, type StreamOptions, type StreamError } from '../../nodes/Zerocap/trigger/subscription';
import { pause, within, type WebSocketLike } from '../../nodes/Zerocap/transport/stream';

// The seed's order example, with its data field JSON-encoded as on the wire.
const ORDER_DATA = {
	OrderId: 'd8be1f41-9e8e-4af0-899b-c1334916aa0e',
	ClientOrderId: 'e7f80d34-0d80-4256-9de3-cd37310a55da',
	TxnAlias: '',
	TransferId: '',
	Symbol: 'USDT/AUD',
	Type: 'market',
	TimeInForce: 'FOK',
	Side: 'sell',
	Price: '1000',
	AveragePrice: '',
	Amount: '1000',
	CreatedAt: 1690538950000,
	UpdatedAt: 1690538950000,
	AccountId: '1ca36d2b-2103-45c7-a2e3-3b90825ba1b2',
	VaultId: '5175',
	Note: 'yyy_test_create_order',
	Status: 'open',
	Average: '0',
	Filled: '0',
	Remaining: '1000',
	Cost: '1000000',
	ExecPrice: '',
	OrderFrom: 'coinroutes',
};
const ORDER_FRAME = JSON.stringify({ type: 'message', channel: 'dma_order_info', data: JSON.stringify(ORDER_DATA) });

const TRADE_DATA = {
	id: '60e2e941-070c-40e3-b2ef-4a8f6ad9f316',
	timestamp: '1690767892000',
	datetime: '2023-07-31 01:44:52',
	symbol: 'USDT/AUD',
	order: '41969863-1f32-4eaa-b679-a5b0e6fb5542',
	type: 'market',
	side: 'sell',
	takerOrMaker: 'taker',
	price: '1.662902412',
	amount: '101',
	cost: '167.9531436',
	orderFrom: 'coinroutes',
};

const LADDER_DATA = {
	timestamp: 1692004676.3116994,
	datetime: '2023-08-14 09:17:56.311',
	symbol: 'USDT/AUD',
	exchange: 'zerocap',
	data: {
		bids: [
			[1.539285768676962, 100.0],
			[1.546128063822914, 50000.0],
		],
		asks: [
			[1.4591079079161386, 100.0],
			[1.4526077275274845, 50000.0],
		],
	},
};

describe('frames', () => {
	it('classifies the documented control frames', () => {
		expect(parseFrame('{"type": "message", "message":"Successfully connected."}')).toEqual({ kind: 'greeting' });
		expect(parseFrame('{"type": "message", "message":"price Subscription successful."}')).toMatchObject({ kind: 'ack' });
		expect(parseFrame('{"error_code": "401", "error_message":"Unauthorized"}')).toEqual({
			kind: 'error',
			code: '401',
			message: 'Unauthorized',
		});
		expect(parseFrame('{"error_code": "400", "error_message":"invalid message"}')).toMatchObject({ code: '400' });
		expect(parseFrame('{"type": "message", "message":"Price stream unavailable."}')).toMatchObject({ kind: 'unavailable' });
		expect(parseFrame('{"type":"message","channel":"","data":"{\\"ok\\": \\"ok\\"}"}')).toEqual({ kind: 'heartbeat' });
		expect(parseFrame('nope')).toEqual({ kind: 'other', reason: 'not JSON' });
		expect(parseFrame('[1,2]')).toMatchObject({ kind: 'other' });
		expect(parseFrame('{"type":"message","channel":"something_else","data":"{}"}')).toMatchObject({ kind: 'other' });
	});

	it('parses the double-encoded data of orders and trades, under both trade channel names', () => {
		expect(parseFrame(ORDER_FRAME)).toEqual({ kind: 'order', data: ORDER_DATA });
		for (const channel of ['dma_trade_info', 'dma_trader_info']) {
			const frame = JSON.stringify({ type: 'message', pattern: null, channel, data: JSON.stringify(TRADE_DATA) });
			expect(parseFrame(frame)).toEqual({ kind: 'trade', data: TRADE_DATA });
		}
		const broken = JSON.stringify({ type: 'message', channel: 'dma_order_info', data: '{"OrderId": ' });
		expect(parseFrame(broken)).toMatchObject({ kind: 'other' });
	});

	it('reads ladders with data as a JSON string or an object, and the unavailable price message', () => {
		const asString = JSON.stringify({ type: 'message', channel: 'dma_ladder_price_USDT/AUD', data: JSON.stringify(LADDER_DATA) });
		const asObject = JSON.stringify({ type: 'message', channel: 'dma_ladder_price_USDT/AUD', data: LADDER_DATA });
		expect(parseFrame(asString)).toEqual({ kind: 'ladder', channelSymbol: 'USDT/AUD', data: LADDER_DATA });
		expect(parseFrame(asObject)).toEqual(parseFrame(asString));
		const unavailable = JSON.stringify({
			type: 'message',
			channel: 'dma_price_USDT/AUD',
			data: '{"message":"Price stream unavailable."}',
		});
		expect(parseFrame(unavailable)).toMatchObject({ kind: 'unavailable' });
	});
});

describe('items', () => {
	it('normalises an order update and keeps amounts as text', () => {
		const update = orderFromStream(ORDER_DATA);
		expect(update).toMatchObject({ orderId: ORDER_DATA.OrderId, updatedAtMs: 1690538950000 });
		expect(update?.item).toMatchObject({
			event: 'orderUpdated',
			source: 'stream',
			clientOrderId: ORDER_DATA.ClientOrderId,
			symbol: 'USDT/AUD',
			side: 'sell',
			status: 'open',
			amount: '1000',
			cost: '1000000',
			average: '0',
			createdAt: '2023-07-28T10:09:10.000Z',
			updatedAt: '2023-07-28T10:09:10.000Z',
			raw: ORDER_DATA,
		});
		expect(orderFromStream({ Status: 'open' })).toBeUndefined();
	});

	it('gives a REST order the same shape, timed by last_trade_timestamp', () => {
		const update = orderFromRest({
			id: 'o-1',
			client_order_id: 'c-1',
			timestamp: '1690516007000',
			last_trade_timestamp: '1690516009000',
			status: 'closed',
			symbol: 'USDT/AUD',
			type: 'market',
			side: 'buy',
			price: '1000',
			amount: '0.10000000000000001',
			filled: '0.10000000000000001',
			remaining: '0',
		});
		expect(update).toMatchObject({ orderId: 'o-1', updatedAtMs: 1690516009000 });
		expect(update?.item).toMatchObject({ source: 'backfill', status: 'closed', amount: '0.10000000000000001' });
		expect(orderFromRest({ id: 'o-2', timestamp: '1690516007000', last_trade_timestamp: '' })?.updatedAtMs).toBe(1690516007000);
	});

	it('normalises a trade and a ladder', () => {
		expect(tradeFromStream(TRADE_DATA)).toMatchObject({
			event: 'tradeExecuted',
			tradeId: TRADE_DATA.id,
			orderId: TRADE_DATA.order,
			price: '1.662902412',
			timestamp: '2023-07-31T01:44:52.000Z',
			timestampMs: 1690767892000,
		});
		expect(ladderFromStream(LADDER_DATA, 'X/Y')).toMatchObject({
			symbol: 'USDT/AUD',
			bestBid: '1.539285768676962',
			bestAsk: '1.4591079079161386',
			bids: [
				['1.539285768676962', '100'],
				['1.546128063822914', '50000'],
			],
			timestamp: '2023-08-14T09:17:56.312Z',
		});
		// Z5's shape: bids and asks directly under data.
		expect(ladderFromStream({ bids: [['1.5', '10']], asks: [] }, 'USDT/AUD')).toMatchObject({
			symbol: 'USDT/AUD',
			bestBid: '1.5',
			bestAsk: '',
		});
	});

	it('reads times in milliseconds or seconds', () => {
		expect(toMs('1690767892000')).toBe(1690767892000);
		expect(toMs(1692004676.3116994)).toBe(1692004676312);
		expect(toMs('')).toBeUndefined();
		expect(toMs('soon')).toBeUndefined();
	});
});

describe('OrderTracker', () => {
	it('accepts each state once and never an older one', () => {
		const tracker = new OrderTracker();
		expect(tracker.accept('a', 10)).toBe(true);
		expect(tracker.accept('a', 10)).toBe(false);
		expect(tracker.accept('a', 9)).toBe(false);
		expect(tracker.accept('b', 5)).toBe(true);
		expect(tracker.accept('a', 11)).toBe(true);
		expect(tracker.lastSeenMs).toBe(11);
	});

	it('stays bounded, forgetting the least recently updated orders', () => {
		const tracker = new OrderTracker(100);
		for (let index = 0; index < 1000; index++) tracker.accept(`order-${index}`, index + 1);
		expect(tracker.size).toBeLessThanOrEqual(100);
		expect(tracker.isNew('order-999', 1000)).toBe(false);
		expect(tracker.isNew('order-0', 1)).toBe(true);
	});
});

describe('waits', () => {
	it('pause ends early on abort and reports whether the time passed', async () => {
		const controller = new AbortController();
		const waiting = pause(60_000, controller.signal);
		controller.abort();
		await expect(waiting).resolves.toBe(false);
		await expect(pause(1, controller.signal)).resolves.toBe(false);
		await expect(pause(1, new AbortController().signal)).resolves.toBe(true);
	});

	it('within gives the value, or undefined on timeout', async () => {
		const signal = new AbortController().signal;
		await expect(within(Promise.resolve(7), 1000, signal)).resolves.toEqual({ value: 7 });
		await expect(within(new Promise<number>(() => undefined), 5, signal)).resolves.toBeUndefined();
	});
});

/** A scripted socket: the test plays the server. */
class FakeSocket implements WebSocketLike {
	readyState = 0;

	onopen: ((event: unknown) => void) | null = null;

	onmessage: ((event: { data: unknown }) => void) | null = null;

	onclose: ((event: { code: number; reason: string }) => void) | null = null;

	onerror: ((event: unknown) => void) | null = null;

	readonly sent: IDataObject[] = [];

	constructor(
		readonly url: string,
		readonly headers: Record<string, string>,
	) {}

	open() {
		this.readyState = 1;
		this.onopen?.({});
	}

	receive(message: unknown) {
		this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
	}

	send(data: string) {
		this.sent.push(JSON.parse(data) as IDataObject);
	}

	close(code = 1000, reason = '') {
		if (this.readyState === 3) return;
		this.readyState = 3;
		this.onclose?.({ code, reason });
	}
}

describe('StreamSubscription with a fake socket', () => {
	function start(overrides: Partial<StreamOptions> = {}, listOrdersSince: (since: number) => Promise<IDataObject[]> = async () => []) {
		const sockets: FakeSocket[] = [];
		const items: IDataObject[] = [];
		const errors: StreamError[] = [];
		const backfills: number[] = [];
		let signCount = 0;
		const subscription = new StreamSubscription(
			{ ...DEFAULT_STREAM_OPTIONS, event: 'orderUpdated', symbol: '', filters: {}, initialDelayMs: 5, maxDelayMs: 20, ...overrides },
			{
				factory: (url, headers) => {
					const socket = new FakeSocket(url, headers);
					sockets.push(socket);
					return socket;
				},
				url: 'wss://stream.test/v2',
				headers: () => ({ 'api-key': 'key', signature: `sig-${++signCount}` }),
				listOrdersSince: async (since) => {
					backfills.push(since);
					return await listOrdersSince(since);
				},
				isAuthFailure: () => false,
				emit: (item) => items.push(item),
				fail: (error) => errors.push(error),
				random: () => 0.5,
			},
		);
		const running = subscription.run();
		return { subscription, running, sockets, items, errors, backfills };
	}

	async function until(condition: () => boolean) {
		for (let attempt = 0; attempt < 500 && !condition(); attempt++) await sleep(2);
		if (!condition()) throw new Error('condition not reached');
	}

	async function connect(sockets: FakeSocket[], index: number) {
		await until(() => sockets.length > index);
		const socket = sockets[index];
		socket.open();
		socket.receive({ type: 'message', message: 'Successfully connected.' });
		await until(() => socket.sent.length > 0);
		socket.receive({ type: 'message', message: 'orders Subscription successful.' });
		return socket;
	}

	it('signs each connection afresh, subscribes, pings, and back-fills after a drop', async () => {
		const later = { ...ORDER_DATA, UpdatedAt: ORDER_DATA.UpdatedAt + 5, Status: 'closed' };
		const { subscription, running, sockets, items, backfills } = start({ keepAliveMs: 5 }, async () => [
			{ id: ORDER_DATA.OrderId, timestamp: String(ORDER_DATA.CreatedAt), last_trade_timestamp: String(later.UpdatedAt), status: 'closed' },
		]);
		const first = await connect(sockets, 0);
		expect(first.url).toBe('wss://stream.test/v2');
		expect(first.sent[0]).toEqual({ type: 'orders' });
		first.receive(ORDER_FRAME);
		first.receive(ORDER_FRAME); // the same state again
		await until(() => first.sent.some((message) => message.message === 'ping'));
		first.close(1006, '');

		const second = await connect(sockets, 1);
		expect(second.headers.signature).not.toBe(first.headers.signature);
		// A live frame for the state the back-fill also reports is held, then dropped as a repeat.
		second.receive(JSON.stringify({ type: 'message', channel: 'dma_order_info', data: JSON.stringify(later) }));
		await until(() => items.length === 2);
		await sleep(20);
		expect(backfills).toEqual([ORDER_DATA.UpdatedAt - DEFAULT_STREAM_OPTIONS.lookbackMs]);
		expect(items.map((item) => [item.status, item.source])).toEqual([
			['open', 'stream'],
			['closed', 'backfill'],
		]);
		expect(subscription.stats.duplicates).toBe(2);
		subscription.close();
		await running;
		expect(second.readyState).toBe(3);
	});

	it('switches to the order subscription after 400 invalid message and keeps it for reconnects', async () => {
		const { subscription, running, sockets } = start({ backfill: false });
		await until(() => sockets.length === 1);
		const socket = sockets[0];
		socket.open();
		socket.receive({ type: 'message', message: 'Successfully connected.' });
		await until(() => socket.sent.length === 1);
		socket.receive({ error_code: '400', error_message: 'invalid message' });
		await until(() => socket.sent.length === 2);
		expect(socket.sent).toEqual([{ type: 'orders' }, { type: 'order' }]);
		socket.receive({ type: 'message', message: 'order Subscription successful.' });
		await sleep(5);
		socket.close(1006, '');
		const again = await connect(sockets, 1);
		expect(again.sent[0]).toEqual({ type: 'order' });
		subscription.close();
		await running;
	});

	it('fails at once on the 401 frame and after too many failed attempts', async () => {
		const rejected = start();
		await until(() => rejected.sockets.length === 1);
		rejected.sockets[0].open();
		rejected.sockets[0].receive({ error_code: '401', error_message: 'Unauthorized' });
		await rejected.running;
		expect(rejected.errors.map((error) => [error.kind, error.message])).toEqual([
			['auth', 'WebSocket authentication failed: check the API key and secret'],
		]);
		expect(rejected.sockets).toHaveLength(1);

		const unreachable = start({ maxFailures: 3 });
		for (let index = 0; index < 3; index++) {
			await until(() => unreachable.sockets.length > index);
			unreachable.sockets[index].onerror?.({});
		}
		await unreachable.running;
		expect(unreachable.errors).toHaveLength(1);
		expect(unreachable.errors[0].kind).toBe('unreachable');
		expect(unreachable.errors[0].message).toMatch(/3 connection attempts in a row failed/);
	});

	it('throttles ladders per symbol, emitting the latest after the interval', async () => {
		const { subscription, running, sockets, items } = start({ event: 'priceLadder', symbol: 'USDT/AUD', throttleMs: 50 });
		const socket = await connect(sockets, 0);
		expect(socket.sent[0]).toEqual({ type: 'price', symbol: 'USDT/AUD' });
		for (let index = 1; index <= 5; index++) {
			const data = { ...LADDER_DATA, data: { bids: [[index, 1]], asks: [[index + 1, 1]] } };
			socket.receive({ type: 'message', channel: 'dma_ladder_price_USDT/AUD', data: JSON.stringify(data) });
		}
		await until(() => items.length === 2);
		expect(items.map((item) => item.bestBid)).toEqual(['1', '5']);
		subscription.close();
		await running;
	});

	it('backs off exponentially with jitter, capped', () => {
		const random = [0, 1, 0.5];
		let call = 0;
		const subscription = new StreamSubscription(
			{ ...DEFAULT_STREAM_OPTIONS, event: 'orderUpdated', symbol: '', filters: {}, initialDelayMs: 1000, maxDelayMs: 30_000 },
			{
				factory: () => new FakeSocket('', {}),
				url: '',
				headers: () => ({}),
				listOrdersSince: async () => [],
				isAuthFailure: () => false,
				emit: () => undefined,
				fail: () => undefined,
				random: () => random[call++ % random.length],
			},
		);
		expect([0, 0, 0].map((exponent) => subscription.backoff(exponent))).toEqual([500, 1000, 750]);
		expect(subscription.backoff(3)).toBe(4000); // random 0: half of 8000
		expect(subscription.backoff(10)).toBe(30_000); // random 1: the cap
		expect(subscription.backoff(50)).toBe(22_500);
	});
});

/**
 * The Zerocap Trigger against the simulator, through n8n-core's TriggerContext: events and filters,
 * exactly-once delivery across dropped connections with REST back-fill, auth failures, closing,
 * manual mode and the price-ladder throttle.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import { setWebSocketFactory } from '../../nodes/Zerocap/transport/stream';
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, ZerocapSimulator } from '../../sandbox/zerocap';
import { activeTimerCount, withoutGlobalWebSocket } from '../helpers/zerocap-runtime';
import { activateTrigger, runManualTrigger, useDefaultWebSocket, type TriggerRun } from './trigger-harness';

/** A small seeded generator, so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await sleep(5);
	}
}

const FAST = { reconnectDelay: 10, maxReconnectDelay: 100, pingInterval: 1000 };

describe('Zerocap Trigger', () => {
	const sim = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
	const runs: TriggerRun[] = [];

	const credentials = (overrides: IDataObject = {}) => ({
		apiKey: SANDBOX_API_KEY,
		apiSecret: SANDBOX_API_SECRET,
		environment: 'custom',
		restBaseUrl: sim.restUrl,
		webSocketUrl: sim.wsUrl,
		signatureScheme: 'timestamp',
		...overrides,
	});

	async function activate(parameters: IDataObject, credentialOverrides: IDataObject = {}) {
		const run = await activateTrigger(parameters, credentials(credentialOverrides));
		runs.push(run);
		return run;
	}

	/** Waits until the simulator has a client subscribed to orders (or prices). */
	async function subscribed(count = 1) {
		await until(
			() =>
				[...sim.clients].filter((client) => client.orders || client.trades || client.prices.size > 0).length >= count,
			'a subscription',
		);
	}

	beforeAll(async () => {
		useDefaultWebSocket();
		await sim.listen();
	});
	afterAll(async () => {
		setWebSocketFactory(undefined);
		await sim.close();
	});
	beforeEach(() => sim.reset());
	afterEach(async () => {
		for (const run of runs.splice(0)) await run.close();
		sim.rejectConnections(0);
		await until(() => sim.connectionCount === 0, 'every connection to close');
	});

	it('emits order updates with the double-encoded data parsed, and ignores heartbeats and acks', async () => {
		const run = await activate({ event: 'orderUpdated', options: FAST });
		await subscribed();
		sim.sendHeartbeat();
		sim.broadcastRaw('{"type":"message","message":"orders Subscription successful."}');
		sim.broadcastRaw('not json at all');
		const order = sim.addOrder({ symbol: 'USDT/AUD', side: 'sell', type: 'limit', amount: '100.50', price: '1.5301', clientOrderId: 'mine-1' });
		sim.fillOrder(order.id, '0.5');
		await run.waitForItems(2);
		expect(run.items[0]).toMatchObject({
			event: 'orderUpdated',
			source: 'stream',
			orderId: order.id,
			clientOrderId: 'mine-1',
			symbol: 'USDT/AUD',
			side: 'sell',
			type: 'limit',
			status: 'open',
			amount: '100.50',
			price: '1.5301',
			filled: '0',
		});
		expect(run.items[1]).toMatchObject({ orderId: order.id, status: 'open', filled: '0.5', remaining: '100' });
		expect((run.items[1].raw as IDataObject).OrderId).toBe(order.id);
		expect(Number(run.items[1].updatedAtMs)).toBeGreaterThan(Number(run.items[0].updatedAtMs));
		expect(run.items[1].updatedAt).toBe(new Date(Number(run.items[1].updatedAtMs)).toISOString());
		expect(run.errors).toEqual([]);
		expect(run.items).toHaveLength(2);
	});

	it('filters order updates by symbol, side and status', async () => {
		const run = await activate({
			event: 'orderUpdated',
			filters: { symbol: 'btc/aud', side: 'buy', statuses: ['closed'] },
			options: FAST,
		});
		await subscribed();
		const wanted = sim.addOrder({ symbol: 'BTC/AUD', side: 'buy', type: 'limit', amount: '1', price: '90000' });
		const otherSide = sim.addOrder({ symbol: 'BTC/AUD', side: 'sell', type: 'limit', amount: '1', price: '90000' });
		const otherSymbol = sim.addOrder({ symbol: 'ETH/AUD', side: 'buy', type: 'limit', amount: '1', price: '5000' });
		for (const order of [otherSide, otherSymbol, wanted]) sim.fillOrder(order.id);
		await run.waitForItems(1);
		await sleep(100);
		expect(run.items.map((item) => [item.orderId, item.status])).toEqual([[wanted.id, 'closed']]);
	});

	it('emits trades of the trade channel, with the seed key scheme', async () => {
		const run = await activate({ event: 'tradeExecuted', filters: { side: 'sell' }, options: FAST }, { signatureScheme: 'apiKey' });
		await subscribed();
		const buy = sim.addOrder({ symbol: 'USDT/AUD', side: 'buy', type: 'limit', amount: '10', price: '1.5' });
		const sell = sim.addOrder({ symbol: 'USDT/AUD', side: 'sell', type: 'limit', amount: '10', price: '1.6' });
		sim.fillOrder(buy.id);
		sim.fillOrder(sell.id, '4');
		await run.waitForItems(1);
		await sleep(100);
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toMatchObject({
			event: 'tradeExecuted',
			orderId: sell.id,
			side: 'sell',
			price: '1.6',
			amount: '4',
			cost: '6.4',
			takerOrMaker: 'maker',
		});
		expect(run.items[0].tradeId).toBe(sim.tradeLog[1].id);
	});

	it('falls back to the order / trade subscription when the server does not know "orders"', async () => {
		const strict = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0, seedOrdersForm: false });
		await strict.listen();
		try {
			const run = await activateTrigger(
				{ event: 'orderUpdated', options: FAST },
				credentials({ restBaseUrl: strict.restUrl, webSocketUrl: strict.wsUrl }),
			);
			runs.push(run);
			await until(() => [...strict.clients].some((client) => client.orders), 'the order subscription');
			expect(strict.clientMessages()).toEqual(expect.arrayContaining([{ type: 'orders' }, { type: 'order' }]));
			strict.addOrder({ symbol: 'USDT/AUD', side: 'buy', type: 'market', amount: '1' });
			await run.waitForItems(1);
			expect(run.errors).toEqual([]);
		} finally {
			for (const run of runs.splice(0)) await run.close();
			await strict.close();
		}
	});

	it('sends keep-alive pings', async () => {
		await activate({ event: 'orderUpdated', options: { ...FAST, pingInterval: 20 } });
		await subscribed();
		await until(
			() => sim.clientMessages().filter((message) => message?.message === 'ping').length >= 3,
			'three pings',
		);
		expect(sim.clientMessages()).toContainEqual({ type: 'message', message: 'ping' });
	});

	it('delivers 5,000 order updates exactly once and in order across 20 drops and a long outage', async () => {
		const random = seededRandom(20261121);
		const run = await activate({ event: 'orderUpdated', options: { ...FAST, maxFailedAttempts: 1000 } });
		await subscribed();

		const batches = 200; // 25 updates each
		const dropAt = new Set<number>();
		while (dropAt.size < 20) dropAt.add(1 + Math.floor(random() * (batches - 2)));
		let outageAt = 0;
		while (outageAt === 0 || dropAt.has(outageAt)) outageAt = 1 + Math.floor(random() * (batches - 2));
		let outageBatches = 0;
		let drops = 0;

		await sim.emitOrderUpdates(5000, {
			orders: 1000,
			batchSize: 25,
			onBatch: async (emitted) => {
				const batch = emitted / 25;
				if (dropAt.has(batch)) {
					await until(() => sim.connectionCount > 0, 'a connection to drop');
					drops += sim.dropAllConnections();
				}
				if (batch === outageAt) {
					// Refuse reconnections for longer than the longest backoff (100 ms).
					await until(() => sim.connectionCount > 0, 'a connection to drop');
					sim.rejectConnections(400);
					drops += sim.dropAllConnections();
					outageBatches = 10;
				}
				if (outageBatches > 0) {
					outageBatches -= 1;
					await sleep(40);
				} else {
					await sleep(5 + Math.floor(random() * 15));
				}
			},
		});
		await run.waitForItems(5000, 60_000);
		await sleep(200);

		expect(drops).toBe(21);
		expect(sim.wsStats.refused).toBeGreaterThan(0);
		expect(run.errors).toEqual([]);

		const key = (orderId: unknown, updatedAt: unknown) => `${String(orderId)}@${String(updatedAt)}`;
		const received = run.items.map((item) => key(item.orderId, item.updatedAtMs));
		const expected = sim.orderUpdates.map((update) => key(update.OrderId, update.UpdatedAt));
		expect(expected).toHaveLength(5000);
		expect(new Set(received).size).toBe(received.length); // no duplicates
		expect([...received].sort()).toEqual([...expected].sort()); // no loss
		const lastPerOrder = new Map<string, number>();
		for (const item of run.items) {
			const previous = lastPerOrder.get(String(item.orderId)) ?? -1;
			expect(Number(item.updatedAtMs)).toBeGreaterThan(previous); // in order per order ID
			lastPerOrder.set(String(item.orderId), Number(item.updatedAtMs));
		}
		// Back-filled states carry the same data as the stream would have.
		const backfilled = run.items.filter((item) => item.source === 'backfill');
		expect(backfilled.length).toBeGreaterThan(0);
		const byKey = new Map(sim.orderUpdates.map((update) => [key(update.OrderId, update.UpdatedAt), update]));
		for (const item of backfilled) {
			const update = byKey.get(key(item.orderId, item.updatedAtMs)) as IDataObject;
			expect([item.status, item.filled, item.remaining]).toEqual([update.Status, update.Filled, update.Remaining]);
		}
	}, 90_000);

	it('reports a rejected WebSocket handshake through emitError, once, without the secret', async () => {
		const run = await activate({ event: 'orderUpdated', options: FAST }, { apiSecret: 'not-the-secret' });
		const error = await run.waitForError();
		expect(error.message).toBe('WebSocket authentication failed: check the API key and secret');
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('not-the-secret');
		await sleep(150);
		expect(run.errors).toHaveLength(1);
		expect(sim.wsStats.unauthorized).toBe(1); // no retry with credentials that cannot work
		expect(run.items).toEqual([]);
	});

	it('reports a back-fill the API refuses as an authentication error', async () => {
		const run = await activate({ event: 'orderUpdated', options: FAST });
		await subscribed();
		sim.injectFault({ type: 'status', status: 401, path: 'fetch_orders', times: 0, body: { error_code: '401', error_message: 'Unauthorized' } });
		sim.dropAllConnections();
		const error = await run.waitForError();
		expect(error.message).toBe('Zerocap rejected the credentials while listing missed order updates');
		expect(sim.requests.filter((request) => request.path === '/v2/orders/fetch_orders')).toHaveLength(1);
	});

	it('retries a back-fill that failed for another reason, then delivers the missed update', async () => {
		const run = await activate({ event: 'orderUpdated', options: FAST });
		await subscribed();
		sim.injectFault({ type: 'status', status: 500, path: 'fetch_orders', times: 2 });
		sim.rejectConnections(200);
		sim.dropAllConnections();
		const missed = sim.addOrder({ symbol: 'USDT/AUD', side: 'buy', type: 'limit', amount: '2', price: '1.5' });
		await run.waitForItems(1);
		expect(run.items[0]).toMatchObject({ orderId: missed.id, source: 'backfill', status: 'open' });
		expect(sim.requests.filter((request) => request.path === '/v2/orders/fetch_orders').length).toBeGreaterThanOrEqual(3);
		expect(run.errors).toEqual([]);
	});

	it('reports an unreachable stream through emitError after the allowed failed attempts', async () => {
		sim.rejectConnections(60_000);
		const run = await activate({ event: 'orderUpdated', options: { ...FAST, maxFailedAttempts: 3 } });
		const error = await run.waitForError();
		expect(error.message).toMatch(/3 connection attempts in a row failed/);
		expect(sim.wsStats.refused).toBe(3);
	});

	it('closes at once during a long backoff', async () => {
		const run = await activate({ event: 'orderUpdated', options: { reconnectDelay: 600_000, maxReconnectDelay: 600_000 } });
		await subscribed();
		sim.rejectConnections(600_000);
		sim.dropAllConnections();
		await sleep(50); // the trigger is now waiting at least 300 s before reconnecting
		const timersBefore = activeTimerCount();
		await run.close(); // resolves only once the loop has ended
		runs.splice(runs.indexOf(run), 1);
		expect(activeTimerCount()).toBeLessThan(timersBefore);
		expect(sim.wsStats.refused).toBe(0);
		expect(run.errors).toEqual([]);
	}, 10_000);

	it('closes the socket at once when the workflow is deactivated', async () => {
		const run = await activate({ event: 'orderUpdated', options: FAST });
		await subscribed();
		await run.close();
		runs.splice(runs.indexOf(run), 1);
		await until(() => sim.connectionCount === 0, 'the socket to close');
		sim.addOrder({ symbol: 'USDT/AUD', side: 'buy', type: 'limit', amount: '1', price: '1' });
		await sleep(50);
		expect(run.items).toEqual([]);
		expect(sim.wsStats.accepted).toBe(1);
	});

	it('throttles the price ladder: at most one per interval, the latest wins', async () => {
		const run = await activate({ event: 'priceLadder', symbol: 'btc/aud', options: { ...FAST, minInterval: 1000 } });
		await subscribed();
		sim.emitPriceLadder('BTC/AUD', 40);
		sim.emitPriceLadder('ETH/AUD', 5);
		const latest = sim.book('BTC/AUD');
		await run.waitForItems(2);
		await sleep(100);
		expect(run.items).toHaveLength(2);
		expect(run.items[1]).toMatchObject({
			event: 'priceLadder',
			symbol: 'BTC/AUD',
			exchange: 'zerocap',
			bestBid: String(latest.bids[0][0]),
			bestAsk: String(latest.asks[0][0]),
		});
		expect(run.items[1].bids).toEqual(latest.bids.map(([price, quantity]) => [String(price), String(quantity)]));
	});

	it('emits every price ladder without a minimum interval, and fails on a symbol without prices', async () => {
		const run = await activate({ event: 'priceLadder', symbol: 'USDT/AUD', options: FAST });
		await subscribed();
		sim.emitPriceLadder('USDT/AUD', 25);
		await run.waitForItems(25);
		expect(run.errors).toEqual([]);

		const none = await activate({ event: 'priceLadder', symbol: 'DOGE/AUD', options: { ...FAST, maxFailedAttempts: 2 } });
		const error = await none.waitForError();
		expect(error.message).toMatch(/no live prices for DOGE\/AUD/);
	});

	it('reads ladders whose data arrives as an object', async () => {
		const objects = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0, ladderDataAsString: false });
		await objects.listen();
		try {
			const run = await activateTrigger(
				{ event: 'priceLadder', symbol: 'ETH/USDT', options: FAST },
				credentials({ restBaseUrl: objects.restUrl, webSocketUrl: objects.wsUrl }),
			);
			runs.push(run);
			await until(() => [...objects.clients].some((client) => client.prices.has('ETH/USDT')), 'the price subscription');
			objects.emitPriceLadder('ETH/USDT');
			await run.waitForItems(1);
			expect(run.items[0]).toMatchObject({ symbol: 'ETH/USDT', bestBid: String(objects.book('ETH/USDT').bids[0][0]) });
		} finally {
			for (const run of runs.splice(0)) await run.close();
			await objects.close();
		}
	});

	it('rejects a malformed symbol before connecting', async () => {
		await expect(activate({ event: 'priceLadder', symbol: 'BTCAUD' })).rejects.toThrow(
			'Symbol "BTCAUD" is not a trading pair',
		);
		expect(sim.wsStats.accepted + sim.wsStats.unauthorized).toBe(0);
	});

	it('asks for Node.js 22+ or --experimental-websocket when the runtime has no WebSocket', async () => {
		setWebSocketFactory(undefined);
		try {
			await withoutGlobalWebSocket(async () => {
				await expect(activate({ event: 'orderUpdated' })).rejects.toMatchObject({
					message: 'The Zerocap Trigger needs a WebSocket: run n8n on Node.js 22 or later, or start it with NODE_OPTIONS=--experimental-websocket',
					description: expect.stringContaining('--experimental-websocket'),
				});
			});
		} finally {
			useDefaultWebSocket();
		}
		expect(sim.wsStats.accepted).toBe(0);
	});

	describe('manual mode', () => {
		it('resolves with the first real event only and closes the socket', async () => {
			const { response, data } = await runManualTrigger({ event: 'orderUpdated', options: FAST }, credentials());
			try {
				await subscribed();
				sim.broadcastRaw(JSON.stringify({ type: 'message', channel: '', data: '{"ok": "ok"}' }));
				const order = sim.addOrder({ symbol: 'USDT/AUD', side: 'buy', type: 'market', amount: '3' });
				sim.fillOrder(order.id);
				const result = await data;
				expect(result).toHaveLength(1);
				expect(result[0]).toHaveLength(1);
				expect(result[0][0].json).toMatchObject({ orderId: order.id, status: 'open' });
				await until(() => sim.connectionCount === 0, 'the socket to close');
			} finally {
				await response.closeFunction?.();
			}
		});

		it('rejects with the authentication error', async () => {
			const { response, data } = await runManualTrigger(
				{ event: 'tradeExecuted', options: FAST },
				credentials({ signatureScheme: 'apiKey', apiKey: 'unknown-key' }),
			);
			try {
				await expect(data).rejects.toThrow('WebSocket authentication failed: check the API key and secret');
			} finally {
				await response.closeFunction?.();
			}
		});
	});
});

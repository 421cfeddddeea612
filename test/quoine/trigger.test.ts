/**
 * Quoine Trigger against the simulator, polled in n8n-core's PollContext: first activation,
 * manual mode, boundary seconds, page boundaries, errors that must not move the cursor, and
 * long random runs with bursts, faults and restarts that must lose and repeat nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { DEFAULT_USER_ID, QuoineSimulator, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET } from '../../sandbox/quoine';
import { createPoller, type Poller } from '../helpers/poll';

const START = 1_700_000_000;

describe('Quoine Trigger', () => {
	const sim = new QuoineSimulator();
	let now = START;
	let credentials: Record<string, IDataObject>;

	const poller = (parameters: IDataObject, staticData?: IDataObject): Poller =>
		createPoller({ type: 'quoineTrigger', parameters, credentials: credentials as never, staticData });

	const publicParams = (options: IDataObject = {}) => ({
		event: 'newPublicExecution',
		productId: { __rl: true, mode: 'id', value: '3' },
		options,
	});
	const ownParams = (options: IDataObject = {}) => ({
		event: 'newOwnExecution',
		productId: { __rl: true, mode: 'list', value: '1' },
		options,
	});
	const orderParams = (filters: IDataObject = {}, options: IDataObject = {}) => ({
		event: 'orderStatusChanged',
		filters,
		options,
	});

	/** Requests the simulator received from here on. */
	const requestsSince = (mark: number) => sim.requests.slice(mark).map((r) => `${r.method} ${r.path}?${r.rawQuery}`);

	const addExecution = (productId = 3, ts = now) =>
		sim.addPublicExecution(productId, { price: '300000.0', quantity: '0.01', taker_side: 'buy', created_at: ts });

	/** A resting order of the sandbox user, far from the market so that it does not fill by itself. */
	const restingOrder = (side: 'buy' | 'sell' = 'buy', productId = 1) => {
		const result = sim.submitOrder(DEFAULT_USER_ID, {
			order_type: 'limit',
			product_id: productId,
			side,
			quantity: '0.01',
			price: side === 'buy' ? (productId === 1 ? '30000.0' : '4000000.0') : productId === 1 ? '60000.0' : '8000000.0',
		});
		if ('error' in result) throw new Error(JSON.stringify(result.error.body));
		return result.order;
	};

	beforeAll(async () => {
		await sim.listen();
		credentials = {
			quoineApi: {
				apiTokenId: SANDBOX_TOKEN_ID,
				apiSecret: SANDBOX_TOKEN_SECRET,
				exchange: 'custom',
				baseUrl: sim.url,
				vendorId: '',
				language: '',
			},
		};
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		now = START;
		sim.clock = () => now;
		sim.reset();
		resetRateWindows();
		sim.setBalance('USD', '100000000.0');
		sim.setBalance('JPY', '100000000000.0');
	});

	describe('first activation', () => {
		it('starts from now: emits nothing old, then only what is new, with one request when nothing is new', async () => {
			const trigger = poller(publicParams());
			const mark = sim.requests.length;
			expect(await trigger.poll()).toBeNull();
			expect(requestsSince(mark)).toHaveLength(1);
			const afterStart = sim.requests.length;
			expect(await trigger.poll()).toBeNull();
			expect(requestsSince(afterStart)).toEqual([`GET /executions?product_id=3&timestamp=${START - 180}&limit=1000`]);

			now += 5;
			const first = addExecution();
			const second = addExecution();
			const items = await trigger.pollJson();
			expect(items.map((item) => item.id)).toEqual([first.id, second.id]);
			expect(items[0]).toEqual({ id: first.id, quantity: '0.01', price: '300000.0', taker_side: 'buy', created_at: now });
			expect(await trigger.poll()).toBeNull();
		});

		it('emits the last N on the first poll when asked to, oldest first', async () => {
			const older = addExecution(3, START + 1);
			const newer = addExecution(3, START + 2);
			const trigger = poller(publicParams({ includeLast: 2 }));
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual([older.id, newer.id]);
			expect(await trigger.poll()).toBeNull();
		});

		it('starts afresh when the event or product changes', async () => {
			const trigger = poller(publicParams());
			await trigger.poll();
			addExecution(5);
			trigger.setParameters({ ...publicParams(), productId: { __rl: true, mode: 'id', value: '5' } });
			expect(await trigger.poll()).toBeNull();
			const next = addExecution(5);
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual([next.id]);
		});

		it('rejects a bad product or page size before sending anything', async () => {
			for (const params of [
				{ ...publicParams(), productId: { __rl: true, mode: 'id', value: 'BTC' } },
				{ ...publicParams(), productId: { __rl: true, mode: 'list', value: '' } },
				publicParams({ pageSize: 5000 }),
				orderParams({ productId: '-1' }),
			]) {
				const mark = sim.requests.length;
				await expect(poller(params).poll()).rejects.toThrow(/^(Product|Page Size|Product ID): /);
				expect(sim.requests.length).toBe(mark);
			}
		});
	});

	describe('manual mode', () => {
		it('returns the most recent execution and neither creates nor moves the cursor', async () => {
			const trigger = poller(publicParams());
			const latest = addExecution(3, START + 7);
			expect((await trigger.pollJson('manual')).map((item) => item.id)).toEqual([latest.id]);
			expect(trigger.savedStaticData()).toEqual({});

			await trigger.poll();
			const saved = trigger.savedStaticData();
			now += 10;
			const fresh = addExecution();
			expect((await trigger.pollJson('manual')).map((item) => item.id)).toEqual([fresh.id]);
			expect(trigger.savedStaticData()).toEqual(saved);
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual([fresh.id]);
		});

		it('returns the latest own execution and the latest order change', async () => {
			const order = restingOrder();
			now += 3;
			sim.fillOrder(order.id, '0.004');
			const own = await poller(ownParams()).pollJson('manual');
			expect(own).toEqual([expect.objectContaining({ my_side: 'buy', quantity: '0.004', created_at: now })]);
			const change = await poller(orderParams()).pollJson('manual');
			expect(change).toEqual([expect.objectContaining({ id: order.id, status: 'partially_filled' })]);
		});
	});

	describe('public executions', () => {
		it('reads a burst larger than a page completely and in order', async () => {
			const trigger = poller(publicParams({ pageSize: 5 }));
			await trigger.poll();
			const added = [];
			for (let i = 0; i < 23; i++) {
				if (i % 6 === 0) now += 1;
				added.push(addExecution());
			}
			const mark = sim.requests.length;
			const items = await trigger.pollJson();
			expect(items.map((item) => item.id)).toEqual(added.map((e) => e.id));
			expect(requestsSince(mark).length).toBeGreaterThan(4);
			expect(sim.requests.slice(mark).every((r) => r.status === 200)).toBe(true);
			expect(await trigger.poll()).toBeNull();
		});

		it('keeps executions that share the boundary second, even more than a page of them', async () => {
			const trigger = poller(publicParams({ pageSize: 3 }));
			await trigger.poll();
			now += 1;
			const burst = Array.from({ length: 10 }, () => addExecution());
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual(burst.map((e) => e.id));
			const late = [addExecution(), addExecution()];
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual(late.map((e) => e.id));
			expect(trigger.nodeStaticData().cursor).toEqual({ ts: now, ids: [...burst, ...late].map((e) => e.id) });
			now += 1;
			const next = addExecution();
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual([next.id]);
			expect(trigger.nodeStaticData().cursor).toEqual({ ts: now, ids: [next.id] });
		});
	});

	describe('long backlogs', () => {
		it('reads at most 100 requests of public executions per poll and continues in the next poll', async () => {
			const trigger = poller(publicParams({ pageSize: 2 }));
			await trigger.poll();
			const added = [];
			for (let i = 0; i < 150; i++) {
				now += 1;
				added.push(addExecution().id);
			}
			const emitted: number[] = [];
			const perPoll: number[] = [];
			for (let i = 0; i < 3; i++) {
				const mark = sim.requests.length;
				emitted.push(...(await trigger.pollJson()).map((item) => Number(item.id)));
				perPoll.push(sim.requests.length - mark);
			}
			expect(emitted).toEqual(added);
			expect(perPoll[0]).toBe(100);
			expect(sim.requests.every((r) => r.status === 200)).toBe(true);
		});

		it('follows page numbers sent as strings', async () => {
			const stringly = new QuoineSimulator({ pageNumbersAsStrings: true });
			await stringly.listen();
			try {
				stringly.clock = () => now;
				const trigger = createPoller({
					type: 'quoineTrigger',
					parameters: ownParams({ pageSize: 2 }),
					credentials: { quoineApi: { ...credentials.quoineApi, baseUrl: stringly.url } } as never,
				});
				await trigger.poll();
				const placed = stringly.submitOrder(DEFAULT_USER_ID, { order_type: 'limit', product_id: 1, side: 'buy', quantity: '0.01', price: '30000.0' });
				if ('error' in placed) throw new Error('order rejected');
				const fills = [];
				for (let i = 0; i < 5; i++) fills.push(...stringly.fillOrder(placed.order.id, '0.001'));
				const page = stringly.requests.length;
				expect((await trigger.pollJson()).map((item) => item.id)).toEqual(fills.map((e) => e.id));
				expect(stringly.requests.slice(page).map((r) => r.rawQuery)).toEqual([
					'product_id=1&limit=2&page=1',
					'product_id=1&limit=2&page=2',
					'product_id=1&limit=2&page=3',
				]);
			} finally {
				await stringly.close();
			}
		});
	});

	describe('errors', () => {
		it('does not move the cursor on 500, a dropped connection or 429 beyond the retries', async () => {
			const trigger = poller(publicParams());
			await trigger.poll();
			now += 1;
			const missed = [addExecution(), addExecution()];
			const saved = trigger.savedStaticData();

			sim.injectFault({ type: 'status', status: 500, path: '^/executions$' });
			await expect(trigger.poll()).rejects.toThrow(/Exchange error \(500\)/);
			expect(trigger.savedStaticData()).toEqual(saved);

			sim.injectFault({ type: 'drop', path: '^/executions$' });
			await expect(trigger.poll()).rejects.toThrow(/connection was closed without an answer/);
			expect(trigger.savedStaticData()).toEqual(saved);

			sim.injectFault({
				type: 'status',
				status: 429,
				path: '^/executions$',
				times: 30,
				headers: { 'retry-after': '0' },
				body: { message: 'API rate limit exceeded. Please retry after 300s' },
			});
			await expect(trigger.poll()).rejects.toThrow(/rate limit/i);
			expect(trigger.savedStaticData()).toEqual(saved);
			sim.clearFaults();

			expect((await trigger.pollJson()).map((item) => item.id)).toEqual(missed.map((e) => e.id));
		});

		it('retries a single 429 within the poll and loses nothing', async () => {
			const trigger = poller(ownParams());
			await trigger.poll();
			const order = restingOrder();
			now += 1;
			const [execution] = sim.fillOrder(order.id, '0.002');
			sim.injectFault({ type: 'status', status: 429, path: '^/executions/me$', headers: { 'retry-after': '0' } });
			expect((await trigger.pollJson()).map((item) => item.id)).toEqual([execution.id]);
		});

		it('shows an authentication failure clearly', async () => {
			credentials.quoineApi.apiSecret = 'wrong';
			try {
				await expect(poller(ownParams()).poll()).rejects.toThrow(/Authentication failed/);
			} finally {
				credentials.quoineApi.apiSecret = SANDBOX_TOKEN_SECRET;
			}
		});
	});

	describe('own executions', () => {
		it('emits fills of my orders once, oldest first, across pages', async () => {
			const trigger = poller(ownParams({ pageSize: 2 }));
			const before = restingOrder();
			sim.fillOrder(before.id, '0.001');
			await trigger.poll();
			const order = restingOrder();
			const fills = [];
			for (let i = 0; i < 5; i++) {
				if (i % 2 === 0) now += 1;
				fills.push(...sim.fillOrder(order.id, '0.001'));
			}
			const items = await trigger.pollJson();
			expect(items.map((item) => item.id)).toEqual(fills.map((e) => e.id));
			expect(items.every((item) => item.my_side === 'buy')).toBe(true);
			expect(await trigger.poll()).toBeNull();
		});
	});

	describe('order status changes', () => {
		it('emits partial fills, fills and cancellations of my orders', async () => {
			const trigger = poller(orderParams());
			const a = restingOrder();
			const b = restingOrder('sell');
			const mark = sim.requests.length;
			expect(await trigger.poll()).toBeNull();
			expect(requestsSince(mark).length).toBeGreaterThan(1); // the first poll also lists open orders
			const quiet = sim.requests.length;
			expect(await trigger.poll()).toBeNull();
			expect(requestsSince(quiet)).toHaveLength(1);

			now += 1;
			sim.fillOrder(a.id, '0.004');
			sim.cancelOrderById(b.id);
			const created = restingOrder();
			expect(await trigger.pollJson()).toEqual([
				expect.objectContaining({ id: a.id, status: 'partially_filled', filled_quantity: '0.004' }),
				expect.objectContaining({ id: b.id, status: 'cancelled' }),
			]);
			now += 1;
			sim.fillOrder(a.id);
			sim.fillOrder(created.id);
			expect((await trigger.pollJson()).map((o) => [o.id, o.status])).toEqual([
				[a.id, 'filled'],
				[created.id, 'filled'],
			]);
			expect(await trigger.poll()).toBeNull();
		});

		it('applies the status and product filters', async () => {
			const trigger = poller(orderParams({ statuses: ['filled'], productId: '5' }));
			const jpy = restingOrder('buy', 5);
			const usd = restingOrder('buy', 1);
			await trigger.poll();
			sim.fillOrder(jpy.id, '0.005');
			sim.fillOrder(usd.id);
			expect(await trigger.poll()).toBeNull();
			sim.fillOrder(jpy.id);
			expect((await trigger.pollJson()).map((o) => [o.id, o.status])).toEqual([[jpy.id, 'filled']]);
		});

		it('emits orders that filled before a poll ever saw them live', async () => {
			const trigger = poller(orderParams());
			await trigger.poll();
			const result = sim.submitOrder(DEFAULT_USER_ID, { order_type: 'market', product_id: 1, side: 'buy', quantity: '0.01' });
			if ('error' in result) throw new Error('market order rejected');
			expect((await trigger.pollJson()).map((o) => [o.id, o.status])).toEqual([[result.order.id, 'filled']]);
		});

		it('includes the last N changed orders on the first poll', async () => {
			const a = restingOrder();
			const b = restingOrder();
			restingOrder();
			now += 1;
			sim.fillOrder(a.id);
			now += 1;
			sim.cancelOrderById(b.id);
			const items = await poller(orderParams({}, { includeLast: 5 })).pollJson();
			expect(items.map((o) => [o.id, o.status])).toEqual([
				[a.id, 'filled'],
				[b.id, 'cancelled'],
			]);
		});
	});

	describe('random runs: no loss, no duplicates', () => {
		/** Small deterministic generator, so a failure can be replayed. */
		function random(seed: number) {
			let state = seed >>> 0;
			const next = () => {
				state = (state + 0x6d2b79f5) >>> 0;
				let t = state;
				t = Math.imul(t ^ (t >>> 15), t | 1);
				t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
				return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
			};
			return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
		}

		/**
		 * Makes the n-th request from now fail with 500 (or 429 beyond the retries), wherever it falls
		 * in a poll, by wrapping the simulator's fault lookup.
		 */
		function faultPlan() {
			let counter = 0;
			let failAt: { at: number; status: number } | undefined;
			const original = sim.takeFault.bind(sim);
			sim.takeFault = (method: string, path: string) => {
				counter += 1;
				if (failAt && counter === failAt.at) {
					const status = failAt.status;
					failAt = undefined;
					if (status === 429) {
						sim.injectFault({ type: 'status', status: 429, times: 25, headers: { 'retry-after': '0' } });
						return original(method, path);
					}
					return { type: 'status', status, remaining: 0 };
				}
				return original(method, path);
			};
			return {
				failIn: (requests: number, status: number) => (failAt = { at: counter + requests, status }),
				restore: () => {
					sim.takeFault = original;
					sim.clearFaults();
				},
			};
		}

		/**
		 * Polls 200 times with `produce` run before each poll; faults and restarts at random. A restart
		 * continues from the static data n8n saved last (at activation and whenever items were emitted).
		 */
		async function run(
			parameters: IDataObject,
			seed: number,
			produce: (rng: ReturnType<typeof random>) => void,
			check: (items: IDataObject[]) => void,
		) {
			const rng = random(seed);
			const faults = faultPlan();
			let trigger = poller(parameters);
			let saved: IDataObject = {};
			let failures = 0;
			let restarts = 0;
			try {
				await trigger.poll();
				saved = trigger.savedStaticData();
				for (let i = 0; i < 200; i++) {
					produce(rng);
					const roll = rng.next();
					if (roll < 0.12) faults.failIn(rng.int(1, 3), 500);
					else if (roll < 0.16) faults.failIn(rng.int(1, 3), 429);
					if (rng.next() < 0.06) {
						trigger = poller(parameters, saved);
						restarts += 1;
					}
					resetRateWindows();
					sim.rateWindows.clear();
					let items: IDataObject[] = [];
					try {
						const result = await trigger.poll();
						items = (result?.[0] ?? []).map((item) => item.json);
						if (result) saved = trigger.savedStaticData();
					} catch {
						failures += 1;
					}
					sim.clearFaults();
					check(items);
				}
				faults.restore();
				for (let i = 0; i < 3; i++) check(await trigger.pollJson());
			} finally {
				faults.restore();
			}
			expect(failures).toBeGreaterThan(5);
			expect(restarts).toBeGreaterThan(3);
		}

		it('public executions with bursts, equal seconds and page boundaries', async () => {
			const expected: number[] = [];
			const emitted: number[] = [];
			let lastStamp: [number, number] = [0, 0];
			await run(
				publicParams({ pageSize: 4 }),
				20261121,
				(rng) => {
					if (rng.next() < 0.5) now += rng.int(0, 2);
					const burst = rng.next() < 0.2 ? rng.int(5, 14) : rng.int(0, 3);
					for (let i = 0; i < burst; i++) expected.push(addExecution().id);
				},
				(items) => {
					for (const item of items) {
						const stamp: [number, number] = [Number(item.created_at), Number(item.id)];
						expect(stamp[0] > lastStamp[0] || (stamp[0] === lastStamp[0] && stamp[1] > lastStamp[1])).toBe(true);
						lastStamp = stamp;
						emitted.push(Number(item.id));
					}
				},
			);
			expect(emitted).toEqual(expected);
			expect(expected.length).toBeGreaterThan(200);
		});

		it('own executions with bursts, equal seconds and page boundaries', async () => {
			const expected: number[] = [];
			const emitted: number[] = [];
			const open: number[] = [];
			await run(
				ownParams({ pageSize: 3 }),
				777,
				(rng) => {
					if (rng.next() < 0.5) now += rng.int(0, 2);
					if (open.length < 3 || rng.next() < 0.2) open.push(restingOrder(rng.next() < 0.5 ? 'buy' : 'sell').id);
					const fills = rng.next() < 0.2 ? rng.int(4, 9) : rng.int(0, 2);
					for (let i = 0; i < fills && open.length; i++) {
						const index = rng.int(0, open.length - 1);
						const order = sim.orders.find((o) => o.id === open[index]);
						const remaining = order ? Number(order.quantity - order.filled) / 1e18 : 0;
						const quantity = rng.next() < 0.3 || remaining <= 0.002 ? undefined : '0.002';
						for (const execution of sim.fillOrder(open[index], quantity)) expected.push(execution.id);
						if (quantity === undefined) open.splice(index, 1);
					}
				},
				(items) => emitted.push(...items.map((item) => Number(item.id))),
			);
			expect(emitted).toEqual(expected);
			expect(expected.length).toBeGreaterThan(100);
		});

		it('order status changes with fills, cancellations and new orders', async () => {
			const lastEmitted = new Map<number, string>();
			const open: number[] = [];
			const signature = (o: IDataObject) => `${String(o.status)}|${String(o.filled_quantity)}`;
			await run(
				orderParams({}, { pageSize: 5 }),
				4242,
				(rng) => {
					if (rng.next() < 0.5) now += rng.int(0, 2);
					for (let i = rng.int(0, 2); i > 0; i--) open.push(restingOrder(rng.next() < 0.5 ? 'buy' : 'sell').id);
					for (let i = rng.int(0, 3); i > 0 && open.length; i--) {
						const index = rng.int(0, open.length - 1);
						const roll = rng.next();
						if (roll < 0.4) sim.fillOrder(open[index], '0.001');
						else if (roll < 0.7) {
							sim.fillOrder(open[index]);
							open.splice(index, 1);
						} else {
							sim.cancelOrderById(open[index]);
							open.splice(index, 1);
						}
					}
					if (rng.next() < 0.1) sim.submitOrder(DEFAULT_USER_ID, { order_type: 'market', product_id: 1, side: 'buy', quantity: '0.001' });
				},
				(items) => {
					for (const item of items) {
						const id = Number(item.id);
						// Every item is a change: never the same state twice for an order.
						expect(lastEmitted.get(id)).not.toBe(signature(item));
						lastEmitted.set(id, signature(item));
					}
				},
			);
			// Nothing lost: every order that was filled, partially filled or cancelled was last emitted in its current state.
			const mine = sim.orders.filter((o) => o.userId === DEFAULT_USER_ID && o.status !== 'live');
			expect(mine.length).toBeGreaterThan(100);
			for (const order of mine) {
				const current = sim.orderById(order.id) as IDataObject;
				expect([order.id, lastEmitted.get(order.id)]).toEqual([order.id, signature(current)]);
			}
		});
	});
});

'use strict';
/**
 * Zerocap DMA API simulator (spec: zerocap.md, generation C paths under /v2 with both signature
 * schemes). REST: create / fetch / list orders, instruments, balances, server time. WebSocket on the
 * same port at /v2: order updates (dma_order_info), trades (dma_trade_info) and price ladders
 * (dma_ladder_price_<SYMBOL>), with the documented frames for connect, acknowledgements, 401 and 400.
 *
 * Signatures are checked here with node:crypto, written separately from the node's signing code.
 */
const { createHmac, randomUUID, timingSafeEqual } = require('node:crypto');
const { WebSocketServer } = require('ws');

const { Simulator } = require('../common/server');

const SANDBOX_API_KEY = 'zerocap-sandbox-key';
const SANDBOX_API_SECRET = 'zerocap-sandbox-secret';
/** Allowed distance between the `timestamp` header and the server clock (spec §4.1). */
const TIMESTAMP_WINDOW_S = 30;
const MAX_PAGE_SIZE = 500;
const MAX_UPDATE_LOG = 200000;

/** Instruments and a starting mid price for each (the ladder random-walks from there). */
const INSTRUMENTS = {
	'USDT/AUD': { base: 'USDT', quote: 'AUD', mid: '1.53', step: '0.0001' },
	'USDC/AUD': { base: 'USDC', quote: 'AUD', mid: '1.53', step: '0.0001' },
	'BTC/AUD': { base: 'BTC', quote: 'AUD', mid: '98000', step: '1' },
	'ETH/AUD': { base: 'ETH', quote: 'AUD', mid: '5200', step: '0.1' },
	'BTC/USDT': { base: 'BTC', quote: 'USDT', mid: '64000', step: '1' },
	'ETH/USDT': { base: 'ETH', quote: 'USDT', mid: '3400', step: '0.1' },
};

/**
 * @typedef {{ id: string, timestamp: number, symbol: string, order: string, type: string, side: string,
 *   takerOrMaker: string, price: string, amount: string, cost: string, orderFrom: string }} Trade
 * @typedef {{ id: string, clientOrderId: string, symbol: string, side: string, type: string,
 *   timeInForce: string, price: string, amount: string, filled: string, cost: string,
 *   status: 'open' | 'closed' | 'canceled' | 'rejected', createdAt: number, updatedAt: number,
 *   lastTradeAt: number | null, customerId: string, note: string, trades: Trade[] }} Order
 * @typedef {{ socket: import('ws').WebSocket, orders: boolean, trades: boolean, prices: Set<string>,
 *   received: any[], apiKey: string }} Client
 */

class ZerocapSimulator extends Simulator {
	/**
	 * @param {{ heartbeatMs?: number, ladderIntervalMs?: number, ladderDataAsString?: boolean,
	 *   fetchOrderWrapped?: boolean, tradeChannel?: string, addSandboxKey?: boolean, seedOrdersForm?: boolean }} [options]
	 *   heartbeatMs: server heartbeat frames (0 = none, default 10000); ladderIntervalMs: price
	 *   ladder period per subscribed symbol (default 1000, 0 = only on emitPriceLadder);
	 *   ladderDataAsString: send the ladder's `data` JSON-encoded (default) or as an object;
	 *   fetchOrderWrapped: fetch_order answers `{order_list: [...]}` (default, as the seed) or a bare order;
	 *   seedOrdersForm: accept the seed's `{"type":"orders"}` subscription (default) or only the
	 *   `{"type":"order"}` / `{"type":"trade"}` form.
	 */
	constructor(options = {}) {
		super('zerocap');
		this.options = {
			heartbeatMs: options.heartbeatMs ?? 10000,
			ladderIntervalMs: options.ladderIntervalMs ?? 1000,
			ladderDataAsString: options.ladderDataAsString ?? true,
			fetchOrderWrapped: options.fetchOrderWrapped ?? true,
			tradeChannel: options.tradeChannel ?? 'dma_trade_info',
			seedOrdersForm: options.seedOrdersForm ?? true,
		};
		/** @type {Map<string, string>} api key → secret */
		this.keys = new Map();
		if (options.addSandboxKey !== false) this.addKey(SANDBOX_API_KEY, SANDBOX_API_SECRET);
		/** @type {Map<string, Order>} insertion order = creation order */
		this.orders = new Map();
		/** @type {Map<string, string>} client order id → order id */
		this.clientOrderIds = new Map();
		/** Every order update sent on dma_order_info, in order (what a perfect client would see). */
		/** @type {any[]} */
		this.orderUpdates = [];
		/** @type {Trade[]} */
		this.tradeLog = [];
		/** @type {Map<string, { mid: bigint, step: bigint }>} */
		this.ladders = new Map();
		this.lastTime = 0;
		/** Upgrades are refused with HTTP 503 until this time (ms). */
		this.rejectUntil = 0;
		/** Upgrades whose authentication failed, and accepted connections, for assertions. */
		this.wsStats = { accepted: 0, unauthorized: 0, refused: 0, dropped: 0 };
		/** @type {Set<Client>} */
		this.clients = new Set();
		/** @type {Map<string, NodeJS.Timeout>} */
		this.ladderTimers = new Map();
		/** @type {NodeJS.Timeout | undefined} */
		this.heartbeatTimer = undefined;
		this.resetLadders();

		this.onReset = () => {
			this.orders.clear();
			this.clientOrderIds.clear();
			this.orderUpdates.length = 0;
			this.tradeLog.length = 0;
			this.rejectUntil = 0;
			this.wsStats = { accepted: 0, unauthorized: 0, refused: 0, dropped: 0 };
			this.resetLadders();
		};

		this.wss = new WebSocketServer({ noServer: true });
		this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));

		this.route('GET', '/v2/systems/get_time', () => {
			const now = Date.now();
			return { status: 200, body: { timestamp: now / 1000, datetime: formatDatetime(now) } };
		});
		this.route('POST', '/v2/orders/create_order', (req) => this.authorized(req, () => this.createOrder(req)));
		this.route('GET', '/v2/orders/fetch_order', (req) =>
			this.authorized(req, () => this.fetchOrder(req.query.get('id'))),
		);
		this.route('POST', '/v2/orders/fetch_order', (req) =>
			this.authorized(req, () => this.fetchOrder(req.body?.id)),
		);
		this.route('POST', '/v2/orders/fetch_orders', (req) => this.authorized(req, () => this.fetchOrders(req)));
		this.route('GET', '/v2/orders/get_instruments', (req) =>
			this.authorized(req, () => ({
				status: 200,
				body: {
					status: 'success',
					data: Object.entries(INSTRUMENTS).map(([symbol, info]) => ({
						symbol,
						base: info.base,
						quote: info.quote,
					})),
				},
			})),
		);
		this.route('GET', '/v2/orders/get_balances', (req) =>
			this.authorized(req, () => ({ status: 200, body: { status: 'success', data: this.balances() } })),
		);
		this.route('POST', '/v2/orders/api_key_signature_valid', ({ body }) => {
			const secret = this.keys.get(String(body?.api_key ?? ''));
			const ok = secret !== undefined && safeEqual(String(body?.signature ?? ''), hmacHex(secret, body.api_key));
			return { status: 200, body: ok ? { status_code: 200 } : { status_code: 401, message: 'Authentication failed' } };
		});

		// Stream controls for people trying workflows against `npm run sandbox`.
		this.route('POST', '/__sandbox/ws/drop', () => ({ status: 200, body: { dropped: this.dropAllConnections() } }));
		this.route('POST', '/__sandbox/ws/reject', ({ body }) => {
			this.rejectConnections(Number(body?.ms ?? 5000));
			return { status: 200, body: { ok: true } };
		});
		this.route('POST', '/__sandbox/orders/:id/fill', (req) => {
			const order = this.fillOrder(req.params.id, req.body?.amount);
			return order ? { status: 200, body: this.restOrder(order) } : { status: 404, body: { error: 'not found' } };
		});
		this.route('POST', '/__sandbox/order-updates', async ({ body }) => {
			await this.emitOrderUpdates(Number(body?.count ?? 10), { orders: body?.orders, symbol: body?.symbol });
			return { status: 200, body: { ok: true } };
		});
	}

	/** Registers an API key and its secret. @param {string} apiKey @param {string} secret */
	addKey(apiKey, secret) {
		this.keys.set(apiKey, secret);
		return this;
	}

	/** REST base URL (append /orders/..., /systems/...). */
	get restUrl() {
		return `${this.url}/v2`;
	}

	/** WebSocket URL of the streams. */
	get wsUrl() {
		return `${this.url.replace(/^http/, 'ws')}/v2`;
	}

	/** A strictly increasing millisecond clock, so every change has its own update time. */
	now() {
		this.lastTime = Math.max(Date.now(), this.lastTime + 1);
		return this.lastTime;
	}

	resetLadders() {
		this.ladders.clear();
		for (const [symbol, info] of Object.entries(INSTRUMENTS)) {
			this.ladders.set(symbol, { mid: toUnits(info.mid), step: toUnits(info.step) });
		}
	}

	// ------------------------------------------------------------------ authentication

	/**
	 * Checks the headers of a request or an upgrade. With a `timestamp` header: the timestamp scheme
	 * (HMAC of the timestamp, within 30 s); without: the seed's scheme (HMAC of the API key).
	 * @param {import('node:http').IncomingHttpHeaders} headers
	 * @returns {{ ok: true, apiKey: string } | { ok: false, message: string }}
	 */
	verifyHeaders(headers) {
		const apiKey = header(headers, 'api-key');
		const signature = header(headers, 'signature');
		const timestamp = header(headers, 'timestamp');
		const secret = apiKey === undefined ? undefined : this.keys.get(apiKey);
		if (apiKey === undefined || signature === undefined || secret === undefined) {
			return { ok: false, message: 'Unauthorized' };
		}
		if (timestamp !== undefined) {
			const seconds = Number(timestamp);
			if (timestamp.trim() === '' || !Number.isFinite(seconds)) return { ok: false, message: 'Unauthorized' };
			if (!safeEqual(signature, hmacHex(secret, timestamp))) return { ok: false, message: 'Unauthorized' };
			if (Math.abs(Date.now() / 1000 - seconds) > TIMESTAMP_WINDOW_S) {
				return { ok: false, message: 'Request expired: timestamp is more than 30 seconds from server time' };
			}
			return { ok: true, apiKey };
		}
		if (!safeEqual(signature, hmacHex(secret, apiKey))) return { ok: false, message: 'Unauthorized' };
		return { ok: true, apiKey };
	}

	/**
	 * @param {import('../common/server').SimRequest} req
	 * @param {() => import('../common/server').SimResult} next
	 */
	authorized(req, next) {
		const check = this.verifyHeaders(req.headers);
		if (!check.ok) return { status: 401, body: { error_code: '401', error_message: check.message } };
		return next();
	}

	// ------------------------------------------------------------------ REST

	/** @param {import('../common/server').SimRequest} req */
	createOrder(req) {
		const body = req.body;
		if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest('invalid message');
		const symbol = String(body.symbol ?? '');
		if (!INSTRUMENTS[/** @type {keyof typeof INSTRUMENTS} */ (symbol)]) return badRequest(`Unknown symbol: ${symbol}`);
		const side = String(body.side ?? '').toLowerCase();
		if (side !== 'buy' && side !== 'sell') return badRequest(`Invalid side: ${body.side}`);
		const type = String(body.type ?? '').toLowerCase();
		if (type !== 'market' && type !== 'limit') return badRequest(`Invalid type: ${body.type}`);
		const amount = body.amount === undefined ? '' : String(body.amount);
		if (!isPositiveDecimal(amount)) return badRequest(`Invalid amount: ${amount}`);
		const price = body.price === undefined || body.price === null ? '0' : String(body.price);
		if (type === 'limit' && !isPositiveDecimal(price)) return badRequest(`Invalid price for a limit order: ${price}`);
		if (type === 'market' && !/^\d+(\.\d+)?$/.test(price)) return badRequest(`Invalid price: ${price}`);
		const clientOrderId = body.client_order_id === undefined || body.client_order_id === null ? '' : String(body.client_order_id);
		const customerId = String(body.coinroutes_customer_id ?? body.customer_id ?? header(req.headers, 'customer-id') ?? '');

		if (clientOrderId !== '' && this.clientOrderIds.has(clientOrderId)) {
			// A business rejection: HTTP 200 with error_message (spec §6.1); no order is created.
			const existing = /** @type {string} */ (this.clientOrderIds.get(clientOrderId));
			return {
				status: 200,
				body: {
					...emptyCreateResponse(clientOrderId, symbol, side, type, amount, price),
					error_message: `Duplicate client_order_id ${clientOrderId}: order ${existing} already exists`,
				},
			};
		}

		const order = this.addOrder({ symbol, side, type, amount, price, clientOrderId, customerId });
		if (type === 'market') this.fillOrder(order.id);
		return { status: 200, body: this.createResponse(order) };
	}

	/** @param {string | null | undefined} id */
	fetchOrder(id) {
		const order = id ? this.orders.get(String(id)) : undefined;
		if (!order) return { status: 404, body: { error_code: '404', error_message: `Order not found: ${id ?? ''}` } };
		const rest = this.restOrder(order);
		return { status: 200, body: this.options.fetchOrderWrapped ? { order_list: [rest], status: 'success' } : rest };
	}

	/**
	 * Filters as the spec lists them: an empty string or 0 means no filter. The time range
	 * (start_datetime / end_datetime, epoch ms) and the sort apply to the order's last update time,
	 * so "orders updated since" can be listed.
	 * @param {import('../common/server').SimRequest} req
	 */
	fetchOrders(req) {
		const body = req.body ?? {};
		if (typeof body !== 'object' || Array.isArray(body)) return badRequest('invalid message');
		const symbol = String(body.symbol ?? '');
		const status = String(body.status ?? '').toLowerCase();
		const side = String(body.side ?? '').toLowerCase();
		const orderType = String(body.order_type ?? '').toLowerCase();
		const ids = String(body.ids ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter((id) => id !== '');
		const start = Number(body.start_datetime ?? 0);
		const end = Number(body.end_datetime ?? 0);
		if (!Number.isFinite(start) || !Number.isFinite(end)) return badRequest('Invalid start_datetime or end_datetime');
		const sortOrder = String(body.sort_order ?? '').toLowerCase() === 'asc' ? 'asc' : 'desc';
		let page = Number(body.page ?? 1);
		let limit = Number(body.limit ?? 0);
		if (!Number.isInteger(page) || page < 0 || !Number.isInteger(limit) || limit < 0) {
			return badRequest('Invalid page or limit');
		}
		if (page === 0) page = 1;
		if (limit === 0) limit = MAX_PAGE_SIZE;
		limit = Math.min(limit, MAX_PAGE_SIZE);

		const matching = [...this.orders.values()].filter(
			(order) =>
				(symbol === '' || order.symbol === symbol) &&
				(status === '' || order.status === status) &&
				(side === '' || order.side === side) &&
				(orderType === '' || order.type === orderType) &&
				(ids.length === 0 || ids.includes(order.id)) &&
				(!start || order.updatedAt >= start) &&
				(!end || order.updatedAt <= end),
		);
		matching.sort((a, b) => (sortOrder === 'asc' ? a.updatedAt - b.updatedAt : b.updatedAt - a.updatedAt));
		const slice = matching.slice((page - 1) * limit, page * limit);
		return {
			status: 200,
			body: {
				order_list: slice.map((order) => this.restOrder(order)),
				status: 'success',
				total: matching.length,
				page: String(page),
			},
		};
	}

	balances() {
		/** @type {Map<string, bigint>} */
		const totals = new Map([
			['AUD', toUnits('1000000')],
			['USDT', toUnits('1000000')],
			['USDC', toUnits('500000')],
			['BTC', toUnits('10')],
			['ETH', toUnits('100')],
		]);
		for (const order of this.orders.values()) {
			const info = INSTRUMENTS[/** @type {keyof typeof INSTRUMENTS} */ (order.symbol)];
			const sign = order.side === 'buy' ? 1n : -1n;
			totals.set(info.base, (totals.get(info.base) ?? 0n) + sign * toUnits(order.filled));
			totals.set(info.quote, (totals.get(info.quote) ?? 0n) - sign * toUnits(order.cost));
		}
		return [...totals].map(([asset, total]) => ({ asset, total: fromUnits(total), available: fromUnits(total) }));
	}

	// ------------------------------------------------------------------ orders

	/**
	 * Adds an open order and announces it on dma_order_info.
	 * @param {{ symbol: string, side: string, type: string, amount: string, price?: string,
	 *   clientOrderId?: string, customerId?: string, note?: string }} input
	 */
	addOrder(input) {
		const now = this.now();
		/** @type {Order} */
		const order = {
			id: randomUUID(),
			clientOrderId: input.clientOrderId || '',
			symbol: input.symbol,
			side: input.side,
			type: input.type,
			timeInForce: input.type === 'market' ? 'FOK' : 'GTC',
			price: input.price ?? '0',
			amount: input.amount,
			filled: '0',
			cost: '0',
			status: 'open',
			createdAt: now,
			updatedAt: now,
			lastTradeAt: null,
			customerId: input.customerId ?? '',
			note: input.note ?? '',
			trades: [],
		};
		this.orders.set(order.id, order);
		if (order.clientOrderId) this.clientOrderIds.set(order.clientOrderId, order.id);
		this.publishOrder(order);
		return order;
	}

	/**
	 * Fills an open order, wholly or by `amount` (a decimal string), at its limit price or, for a
	 * market order, at the best ladder price. Publishes a trade and the order update.
	 * @param {string} id @param {string | number} [amount]
	 * @returns {Order | undefined}
	 */
	fillOrder(id, amount) {
		const order = this.orders.get(id);
		if (!order || order.status !== 'open') return order;
		const remaining = toUnits(order.amount) - toUnits(order.filled);
		let quantity = amount === undefined ? remaining : toUnits(String(amount));
		if (quantity <= 0n) return order;
		if (quantity > remaining) quantity = remaining;
		const price = order.type === 'market' ? this.bestPrice(order.symbol, order.side) : toUnits(order.price);
		const cost = mulUnits(quantity, price);
		const now = this.now();
		/** @type {Trade} */
		const trade = {
			id: randomUUID(),
			timestamp: now,
			symbol: order.symbol,
			order: order.id,
			type: order.type,
			side: order.side,
			takerOrMaker: order.type === 'market' ? 'taker' : 'maker',
			price: fromUnits(price),
			amount: fromUnits(quantity),
			cost: fromUnits(cost),
			orderFrom: 'coinroutes',
		};
		order.trades.push(trade);
		order.filled = fromUnits(toUnits(order.filled) + quantity);
		order.cost = fromUnits(toUnits(order.cost) + cost);
		order.updatedAt = now;
		order.lastTradeAt = now;
		if (toUnits(order.filled) >= toUnits(order.amount)) order.status = 'closed';
		this.tradeLog.push(trade);
		this.publishTrade(trade);
		this.publishOrder(order);
		return order;
	}

	/** Cancels an open order (no REST route is documented for it). @param {string} id */
	cancelOrder(id) {
		const order = this.orders.get(id);
		if (!order || order.status !== 'open') return order;
		order.status = 'canceled';
		order.updatedAt = this.now();
		this.publishOrder(order);
		return order;
	}

	/**
	 * Generates `count` order updates quickly: `orders` limit orders (default count / 5) are created
	 * and then filled step by step, round robin, so consecutive updates of one order are `orders`
	 * updates apart. Every step is one dma_order_info message (plus a trade for fills).
	 * `batchSize` / `onBatch` let a test act between batches (drop connections, pause).
	 * @param {number} count
	 * @param {{ orders?: number, symbol?: string, batchSize?: number,
	 *   onBatch?: (emitted: number) => void | Promise<void> }} [options]
	 * @returns {Promise<Order[]>} the orders that were updated
	 */
	async emitOrderUpdates(count, options = {}) {
		const orderCount = Math.max(1, Math.min(count, options.orders ?? Math.ceil(count / 5)));
		const steps = Math.ceil(count / orderCount);
		const fillSteps = Math.max(1, steps - 1);
		const symbol = options.symbol ?? 'USDT/AUD';
		const batchSize = options.batchSize ?? count;
		/** @type {Order[]} */
		const orders = [];
		for (let index = 0; index < count; index++) {
			const slot = index % orderCount;
			if (index < orderCount) {
				orders.push(
					this.addOrder({
						symbol,
						side: slot % 2 === 0 ? 'buy' : 'sell',
						type: 'limit',
						amount: String(fillSteps * 10),
						price: fromUnits(/** @type {{ mid: bigint }} */ (this.ladders.get(symbol)).mid),
						clientOrderId: randomUUID(),
					}),
				);
			} else {
				this.fillOrder(orders[slot].id, '10');
			}
			if (options.onBatch && (index + 1) % batchSize === 0 && index + 1 < count) await options.onBatch(index + 1);
		}
		return orders;
	}

	/** Orders whose last update is at or after `sinceMs`, oldest update first. @param {number} sinceMs */
	ordersUpdatedSince(sinceMs) {
		return [...this.orders.values()].filter((order) => order.updatedAt >= sinceMs).sort((a, b) => a.updatedAt - b.updatedAt);
	}

	/** @param {string} symbol @param {string} side */
	bestPrice(symbol, side) {
		const book = this.book(symbol);
		return toUnits(String(side === 'buy' ? book.asks[0][0] : book.bids[0][0]));
	}

	/** create_order's answer (camelCase, spec §6.1). @param {Order} order */
	createResponse(order) {
		const filled = toUnits(order.filled);
		return {
			id: order.id,
			clientOrderId: order.clientOrderId,
			datatime: formatDatetime(order.createdAt),
			timestamp: String(order.createdAt),
			lastTradeTimestamp: String(order.lastTradeAt ?? order.createdAt),
			status: order.status,
			symbol: order.symbol,
			type: capitalize(order.type),
			timeInForce: order.timeInForce,
			side: order.side,
			price: order.price,
			average: filled > 0n ? average(order) : '',
			amount: order.amount,
			filled: order.filled,
			remaining: fromUnits(toUnits(order.amount) - filled),
			cost: order.cost,
			transferId: order.trades[0]?.id ?? '',
			fee: '0',
			error_message: '',
			trades: order.trades.map(tradePayload),
		};
	}

	/**
	 * fetch_order / fetch_orders item (snake_case, spec §6.2). `last_trade_timestamp` carries the
	 * time of the order's last change, the same value as UpdatedAt on the stream.
	 * @param {Order} order
	 */
	restOrder(order) {
		const filled = toUnits(order.filled);
		return {
			id: order.id,
			client_order_id: order.clientOrderId,
			datatime: formatDatetime(order.createdAt),
			timestamp: String(order.createdAt),
			last_trade_timestamp: String(order.updatedAt),
			status: order.status,
			symbol: order.symbol,
			type: order.type,
			time_in_force: order.timeInForce,
			side: order.side,
			price: order.price,
			average: filled > 0n ? average(order) : '',
			amount: order.amount,
			filled: order.filled,
			remaining: fromUnits(toUnits(order.amount) - filled),
			cost: order.cost,
			transfer_id: order.trades[0]?.id ?? '',
			fee: '0',
			trades: order.trades.map((trade) => ({
				id: trade.id,
				timestamp: String(trade.timestamp),
				datetime: formatDatetime(trade.timestamp),
				symbol: trade.symbol,
				order: trade.order,
				type: trade.type,
				side: trade.side,
				taker_or_maker: trade.takerOrMaker,
				price: trade.price,
				amount: trade.amount,
				cost: trade.cost,
				order_from: trade.orderFrom,
				fee: '0',
				fees: '',
			})),
		};
	}

	/** The dma_order_info payload (PascalCase, spec §7.2). @param {Order} order */
	streamOrder(order) {
		const filled = toUnits(order.filled);
		return {
			OrderId: order.id,
			ClientOrderId: order.clientOrderId,
			TxnAlias: '',
			TransferId: order.trades[0]?.id ?? '',
			Symbol: order.symbol,
			Type: order.type,
			TimeInForce: order.timeInForce,
			Side: order.side,
			Price: order.price,
			AveragePrice: filled > 0n ? average(order) : '',
			Amount: order.amount,
			CreatedAt: order.createdAt,
			UpdatedAt: order.updatedAt,
			AccountId: 'sandbox-account',
			VaultId: '5175',
			Note: order.note,
			Status: order.status,
			Average: filled > 0n ? average(order) : '0',
			Filled: order.filled,
			Remaining: fromUnits(toUnits(order.amount) - filled),
			Cost: order.cost,
			ExecPrice: order.trades.length ? order.trades[order.trades.length - 1].price : '',
			OrderFrom: 'coinroutes',
		};
	}

	// ------------------------------------------------------------------ WebSocket

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:stream').Duplex} socket
	 * @param {Buffer} head
	 */
	upgrade(req, socket, head) {
		const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
		if (path !== '/v2') {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		if (Date.now() < this.rejectUntil) {
			this.wsStats.refused += 1;
			socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		const check = this.verifyHeaders(req.headers);
		this.wss.handleUpgrade(req, socket, head, (ws) => {
			if (!check.ok) {
				// The documented failure frame, then the server ends the connection.
				this.wsStats.unauthorized += 1;
				ws.send(JSON.stringify({ error_code: '401', error_message: 'Unauthorized' }));
				ws.close(1008, 'Unauthorized');
				return;
			}
			this.wsStats.accepted += 1;
			/** @type {Client} */
			const client = { socket: ws, orders: false, trades: false, prices: new Set(), received: [], apiKey: check.apiKey };
			this.clients.add(client);
			this.ensureHeartbeat();
			ws.on('message', (data) => this.onClientMessage(client, data.toString()));
			ws.on('close', () => {
				this.clients.delete(client);
				this.refreshLadderTimers();
			});
			ws.on('error', () => undefined);
			ws.send(JSON.stringify({ type: 'message', message: 'Successfully connected.' }));
		});
	}

	/** @param {Client} client @param {string} text */
	onClientMessage(client, text) {
		/** @type {any} */
		let message;
		try {
			message = JSON.parse(text);
		} catch {
			message = undefined;
		}
		client.received.push(message ?? text);
		if (client.received.length > 1000) client.received.splice(0, 500);
		const invalid = () => send(client.socket, { error_code: '400', error_message: 'invalid message' });
		if (typeof message !== 'object' || message === null || Array.isArray(message)) return invalid();
		const type = message.type ?? message.data_type;
		if (type === 'message' && message.message === 'ping') return; // client heartbeat; no answer is documented
		if (type === 'price') {
			const symbol = message.symbol;
			if (typeof symbol !== 'string' || symbol === '') return invalid();
			send(client.socket, { type: 'message', message: 'price Subscription successful.' });
			if (!this.ladders.has(symbol)) {
				send(client.socket, { type: 'message', message: 'Price stream unavailable.' });
				return;
			}
			client.prices.add(symbol);
			this.refreshLadderTimers();
			return;
		}
		if (type === 'orders' && this.options.seedOrdersForm) {
			client.orders = true;
			client.trades = true;
		} else if (type === 'order') {
			client.orders = true;
		} else if (type === 'trade') {
			client.trades = true;
		} else {
			return invalid();
		}
		send(client.socket, { type: 'message', message: `${type} Subscription successful.` });
	}

	/** @param {Order} order */
	publishOrder(order) {
		const payload = this.streamOrder(order);
		this.orderUpdates.push(payload);
		if (this.orderUpdates.length > MAX_UPDATE_LOG) this.orderUpdates.splice(0, this.orderUpdates.length - MAX_UPDATE_LOG);
		const frame = JSON.stringify({ type: 'message', channel: 'dma_order_info', data: JSON.stringify(payload) });
		for (const client of this.clients) if (client.orders) sendRaw(client.socket, frame);
	}

	/** @param {Trade} trade */
	publishTrade(trade) {
		const payload = tradePayload(trade);
		const frame = JSON.stringify({
			type: 'message',
			pattern: null,
			channel: this.options.tradeChannel,
			data: JSON.stringify(payload),
		});
		for (const client of this.clients) if (client.trades) sendRaw(client.socket, frame);
	}

	/** The current book of a symbol: 5 levels each side. @param {string} symbol */
	book(symbol) {
		const ladder = this.ladders.get(symbol);
		if (!ladder) throw new Error(`unknown symbol ${symbol}`);
		/** @type {Array<[number, number]>} */
		const bids = [];
		/** @type {Array<[number, number]>} */
		const asks = [];
		const sizes = [100, 1000, 5000, 20000, 50000];
		for (let level = 0; level < 5; level++) {
			const offset = ladder.step * BigInt(level + 1);
			bids.push([Number(fromUnits(ladder.mid - offset)), sizes[level]]);
			asks.push([Number(fromUnits(ladder.mid + offset)), sizes[level]]);
		}
		return { bids, asks };
	}

	/**
	 * Moves the price of `symbol` one random step and sends the ladder to its subscribers,
	 * `count` times.
	 * @param {string} symbol @param {number} [count]
	 */
	emitPriceLadder(symbol, count = 1) {
		const ladder = this.ladders.get(symbol);
		if (!ladder) return;
		for (let index = 0; index < count; index++) {
			const move = BigInt(Math.floor(Math.random() * 3) - 1) * ladder.step;
			if (ladder.mid + move > ladder.step * 10n) ladder.mid += move;
			const now = Date.now();
			const data = {
				timestamp: now / 1000,
				datetime: formatDatetime(now, true),
				symbol,
				exchange: 'zerocap',
				data: this.book(symbol),
			};
			const frame = JSON.stringify({
				type: 'message',
				channel: `dma_ladder_price_${symbol}`,
				data: this.options.ladderDataAsString ? JSON.stringify(data) : data,
			});
			for (const client of this.clients) if (client.prices.has(symbol)) sendRaw(client.socket, frame);
		}
	}

	/** Runs one ladder timer per symbol that has subscribers. */
	refreshLadderTimers() {
		const wanted = new Set();
		for (const client of this.clients) for (const symbol of client.prices) wanted.add(symbol);
		for (const [symbol, timer] of this.ladderTimers) {
			if (!wanted.has(symbol)) {
				clearInterval(timer);
				this.ladderTimers.delete(symbol);
			}
		}
		if (!this.options.ladderIntervalMs) return;
		for (const symbol of wanted) {
			if (this.ladderTimers.has(symbol)) continue;
			const timer = setInterval(() => this.emitPriceLadder(symbol), this.options.ladderIntervalMs);
			timer.unref();
			this.ladderTimers.set(symbol, timer);
		}
	}

	ensureHeartbeat() {
		if (this.heartbeatTimer || !this.options.heartbeatMs) return;
		this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), this.options.heartbeatMs);
		this.heartbeatTimer.unref();
	}

	/** The server heartbeat frame (spec §7.3), to every connection. */
	sendHeartbeat() {
		const frame = JSON.stringify({ type: 'message', channel: '', data: JSON.stringify({ ok: 'ok' }) });
		for (const client of this.clients) sendRaw(client.socket, frame);
	}

	/** Sends a raw text frame to every connection (for malformed-frame tests). @param {string} text */
	broadcastRaw(text) {
		for (const client of this.clients) sendRaw(client.socket, text);
	}

	/** Cuts every WebSocket connection without a close frame. @returns {number} how many */
	dropAllConnections() {
		const count = this.clients.size;
		for (const client of this.clients) client.socket.terminate();
		this.clients.clear();
		this.wsStats.dropped += count;
		this.refreshLadderTimers();
		return count;
	}

	/** Refuses WebSocket upgrades (HTTP 503) for `ms` milliseconds. @param {number} ms */
	rejectConnections(ms) {
		this.rejectUntil = Date.now() + ms;
	}

	/** Number of open, authenticated stream connections. */
	get connectionCount() {
		return this.clients.size;
	}

	/** Messages the clients sent (subscriptions, pings), oldest first. */
	clientMessages() {
		return [...this.clients].flatMap((client) => client.received);
	}

	async close() {
		for (const timer of this.ladderTimers.values()) clearInterval(timer);
		this.ladderTimers.clear();
		if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
		this.heartbeatTimer = undefined;
		for (const client of this.clients) client.socket.terminate();
		this.clients.clear();
		this.wss.close();
		await super.close();
	}
}

// ---------------------------------------------------------------------- utilities

/** @param {import('node:http').IncomingHttpHeaders} headers @param {string} name */
function header(headers, name) {
	const value = headers[name];
	if (Array.isArray(value)) return value[0];
	return value;
}

/** @param {string} secret @param {string} message */
function hmacHex(secret, message) {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');
}

/** @param {string} a @param {string} b */
function safeEqual(a, b) {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/** @param {string} message */
function badRequest(message) {
	return { status: 400, body: { error_code: '400', error_message: message } };
}

/** @param {import('ws').WebSocket} socket @param {unknown} message */
function send(socket, message) {
	sendRaw(socket, JSON.stringify(message));
}

/** @param {import('ws').WebSocket} socket @param {string} text */
function sendRaw(socket, text) {
	if (socket.readyState === socket.OPEN) socket.send(text);
}

/** @param {string} value */
function isPositiveDecimal(value) {
	return /^\d+(\.\d+)?$/.test(value) && toUnits(value) > 0n;
}

/** @param {string} value */
function capitalize(value) {
	return value.charAt(0).toUpperCase() + value.slice(1);
}

/** "2023-07-28 09:19:45" (UTC), or with milliseconds. @param {number} ms @param {boolean} [withMs] */
function formatDatetime(ms, withMs = false) {
	const iso = new Date(ms).toISOString();
	return withMs ? iso.slice(0, 23).replace('T', ' ') : iso.slice(0, 19).replace('T', ' ');
}

function emptyCreateResponse(
	/** @type {string} */ clientOrderId,
	/** @type {string} */ symbol,
	/** @type {string} */ side,
	/** @type {string} */ type,
	/** @type {string} */ amount,
	/** @type {string} */ price,
) {
	const now = Date.now();
	return {
		id: '',
		clientOrderId,
		datatime: formatDatetime(now),
		timestamp: String(now),
		lastTradeTimestamp: '',
		status: 'rejected',
		symbol,
		type: capitalize(type),
		timeInForce: type === 'market' ? 'FOK' : 'GTC',
		side,
		price,
		average: '',
		amount,
		filled: '0',
		remaining: amount,
		cost: '0',
		transferId: '',
		fee: '0',
		trades: [],
	};
}

// Exact decimal arithmetic on strings: fixed point with 18 decimals in a BigInt.
const SCALE = 18;
const ONE = 10n ** BigInt(SCALE);

/** @param {string} value */
function toUnits(value) {
	const [whole, fraction = ''] = value.trim().split('.');
	const negative = whole.startsWith('-');
	const digits = BigInt((negative ? whole.slice(1) : whole) || '0') * ONE + BigInt((fraction + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
	return negative ? -digits : digits;
}

/** @param {bigint} units */
function fromUnits(units) {
	const negative = units < 0n;
	const absolute = negative ? -units : units;
	const whole = absolute / ONE;
	const fraction = (absolute % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** @param {bigint} a @param {bigint} b */
function mulUnits(a, b) {
	return (a * b) / ONE;
}

/** Volume-weighted fill price, 10 decimals. @param {Order} order */
function average(order) {
	const filled = toUnits(order.filled);
	if (filled === 0n) return '0';
	const value = (toUnits(order.cost) * ONE) / filled;
	const rounded = (value / 10n ** 8n) * 10n ** 8n;
	return fromUnits(rounded);
}

/**
 * A trade as the REST order answers and the trade stream both show it.
 * @param {Trade} trade
 */
function tradePayload(trade) {
	return {
		id: trade.id,
		timestamp: String(trade.timestamp),
		datetime: formatDatetime(trade.timestamp),
		symbol: trade.symbol,
		order: trade.order,
		type: trade.type,
		side: trade.side,
		takerOrMaker: trade.takerOrMaker,
		price: trade.price,
		amount: trade.amount,
		cost: trade.cost,
		orderFrom: trade.orderFrom,
	};
}

module.exports = {
	ZerocapSimulator,
	SANDBOX_API_KEY,
	SANDBOX_API_SECRET,
	TIMESTAMP_WINDOW_S,
	INSTRUMENTS,
	hmacHex,
};

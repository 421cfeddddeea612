'use strict';
/**
 * Quoine (Quoinex / Qryptos / Liquid) REST API v2 simulator (spec: quoine.md).
 *
 * It keeps products, an order book with a price-time matching engine, public and own executions,
 * orders, balances that change with fills, fiat and crypto accounts, loan bids, loans, trading
 * accounts and margin trades in memory. It checks the `X-Quoine-Auth` JWT with `jose` (not the
 * signing code of the node): the `path` claim must equal the request path plus the raw query as
 * received, the token id must be known and the nonce must strictly increase per token. It enforces
 * the documented rate limit (300 requests per 5 minutes per token, or per address for public calls)
 * and answers errors in both documented shapes (`{"message"}` and `{"errors": {field: [code]}}`),
 * with plain-text 401 bodies.
 *
 * Choices where the documentation is silent (INFERRED):
 * - Order bodies are accepted wrapped (`{"order": {...}}`, as python-quoine sends) and flat (as the
 *   Liquid docs show); the same goes for `loan_bid`, `trading_account` and `trade`.
 * - `limit` above 1000 is capped at 1000; `GET /orders`, `/trades`, `/executions` (paged) and
 *   `/executions/me` list newest first; `GET /loan_bids` is paginated.
 * - `X-Quoine-API-Version: 2` is required on every call, public ones included.
 * - A market order fills against the book; what the book cannot fill is cancelled. Margin trades
 *   close at the product's last traded price and do not touch the order book.
 */
const { decodeJwt, jwtVerify } = require('jose');

const { Simulator } = require('../common/server');
const { parse, format, mul, div, min, d } = require('./decimal');

const SANDBOX_PORT = 8010;
const SANDBOX_TOKEN_ID = 'sandbox-token';
const SANDBOX_TOKEN_SECRET = 'sandbox-secret';
/** The account every registered token trades for unless told otherwise. */
const DEFAULT_USER_ID = 3020;
/** The other side of the market: unlimited balances, never listed as "mine". */
const MARKET_USER_ID = 1;
const LEVERAGE_LEVELS = [2, 4, 5, 10, 25];
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 20;

const AUTH_FAILED = 'API Authentication failed';
const NONCE_TOO_SMALL = 'Nonce is too small';
const RATE_LIMITED = 'API rate limit exceeded. Please retry after 300s';

/** Currencies the simulated exchange knows, with a USD rate used for the main asset. */
const CURRENCIES = {
	USD: { type: 'fiat', symbol: '$', usd: '1' },
	JPY: { type: 'fiat', symbol: '¥', usd: '0.0067' },
	EUR: { type: 'fiat', symbol: '€', usd: '1.08' },
	SGD: { type: 'fiat', symbol: 'S$', usd: '0.74' },
	BTC: { type: 'crypto', symbol: '฿', usd: '' },
	ETH: { type: 'crypto', symbol: 'Ξ', usd: '' },
};

/**
 * Products seeded at start (ids as in the python-quoine examples: 1 is BTCUSD, 5 is BTCJPY).
 * `book` lists the market maker's resting orders as [side, price, quantity].
 */
const PRODUCT_SEEDS = [
	{
		id: 1,
		base: 'BTC',
		quoted: 'USD',
		last: '42000.0',
		minQuantity: '0.0001',
		book: [
			['sell', '42010.0', '0.5'],
			['sell', '42050.0', '1.0'],
			['sell', '42100.0', '2.0'],
			['buy', '41990.0', '0.5'],
			['buy', '41950.0', '1.0'],
			['buy', '41900.0', '2.0'],
		],
	},
	{
		id: 3,
		base: 'ETH',
		quoted: 'JPY',
		last: '300000.0',
		minQuantity: '0.001',
		book: [
			['sell', '300100.0', '5.0'],
			['sell', '300500.0', '10.0'],
			['buy', '299900.0', '5.0'],
			['buy', '299500.0', '10.0'],
		],
	},
	{
		id: 5,
		base: 'BTC',
		quoted: 'JPY',
		last: '6000000.0',
		minQuantity: '0.0001',
		book: [
			['sell', '6001000.0', '0.5'],
			['sell', '6005000.0', '1.0'],
			['buy', '5999000.0', '0.5'],
			['buy', '5995000.0', '1.0'],
		],
	},
	{
		id: 27,
		base: 'ETH',
		quoted: 'BTC',
		last: '0.05',
		minQuantity: '0.001',
		book: [
			['sell', '0.0501', '10.0'],
			['sell', '0.0505', '20.0'],
			['buy', '0.0499', '10.0'],
			['buy', '0.0495', '20.0'],
		],
	},
];

const STARTING_BALANCES = { USD: '10000.0', JPY: '1000000.0', BTC: '5.0', ETH: '50.0' };

/**
 * @typedef {import('../common/server').SimRequest} SimRequest
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {{ id: number, tokenSecret?: string, balances: Map<string, bigint>, fiat: Map<string, number>, crypto: Map<string, number>, unlimited: boolean }} User
 * @typedef {{ id: number, base: string, quoted: string, last: bigint, lastQuantity: bigint, volume: bigint, minQuantity: bigint, low: bigint, high: bigint, last24h: bigint }} Product
 * @typedef {{ id: number, userId: number, productId: number, orderType: string, side: 'buy' | 'sell', quantity: bigint, filled: bigint, price: bigint | undefined, priceRange: bigint | undefined, status: string, leverage: number, fundingCurrency: string, orderDirection?: string, clientOrderId?: string, createdAt: number, updatedAt: number, executionIds: number[], tradeId?: number, spent: bigint }} Order
 * @typedef {{ id: number, productId: number, quantity: bigint, price: bigint, takerSide: 'buy' | 'sell', createdAt: number, buyOrderId?: number, sellOrderId?: number, buyUserId: number, sellUserId: number, takerOrderId?: number }} Execution
 */

class QuoineSimulator extends Simulator {
	/**
	 * @param {{ rateLimit?: { max?: number, windowMs?: number } | false, pageNumbersAsStrings?: boolean, seedOrderBook?: boolean, seedExecutions?: boolean }} [options]
	 */
	constructor(options = {}) {
		super('quoine');
		this.options = options;
		/** Unix seconds used for every created_at / updated_at; replace it to control time. */
		this.clock = () => Math.floor(Date.now() / 1000);
		/** Milliseconds used by the rate limiter; replace it to control the window. */
		this.rateClock = () => Date.now();
		/** @type {{ max: number, windowMs: number } | false} */
		this.rateLimit =
			options.rateLimit === false
				? false
				: { max: options.rateLimit?.max ?? 300, windowMs: options.rateLimit?.windowMs ?? 300000 };
		/** @type {Map<string, { secret: string, userId: number }>} */
		this.tokens = new Map();
		/** @type {Map<string, bigint>} last accepted nonce per token */
		this.nonces = new Map();
		/** @type {Map<string, number[]>} request times per rate-limit key */
		this.rateWindows = new Map();
		this.remoteAddress = '127.0.0.1';
		this.nextOrderId = 0;
		this.nextExecutionId = 0;
		this.nextTradeId = 0;
		this.nextLoanId = 0;
		this.nextLoanBidId = 0;
		this.nextAccountId = 0;
		/** @type {Map<number, User>} */
		this.users = new Map();
		/** @type {Map<number, Product>} */
		this.products = new Map();
		/** @type {Order[]} */
		this.orders = [];
		/** @type {Execution[]} */
		this.executions = [];
		/** @type {any[]} */
		this.trades = [];
		/** @type {any[]} */
		this.loans = [];
		/** @type {any[]} */
		this.loanBids = [];
		/** @type {any[]} */
		this.tradingAccounts = [];
		this.addToken(SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET);
		this.seed();
		this.onReset = () => {
			this.nonces.clear();
			this.rateWindows.clear();
			this.seed();
		};
		this.registerRoutes();
	}

	/** Current time in Unix seconds (see `clock`). */
	now() {
		return this.clock();
	}

	/**
	 * Registers an API token; requests signed with it act for `userId` (default: the sandbox user).
	 * @param {string} tokenId @param {string} secret @param {number} [userId]
	 */
	addToken(tokenId, secret, userId = DEFAULT_USER_ID) {
		this.tokens.set(String(tokenId), { secret, userId });
		this.ensureUser(userId);
		return this;
	}

	// ---------------------------------------------------------------- state

	seed() {
		this.nextOrderId = 2157474;
		this.nextExecutionId = 1011880;
		this.nextTradeId = 57896;
		this.nextLoanId = 144825;
		this.nextLoanBidId = 3580;
		this.nextAccountId = 4695;
		this.users = new Map();
		this.products = new Map();
		this.orders = [];
		this.executions = [];
		this.trades = [];
		this.loans = [];
		this.loanBids = [];
		this.tradingAccounts = [];
		const now = this.now();

		const market = this.ensureUser(MARKET_USER_ID);
		market.unlimited = true;
		for (const { userId } of this.tokens.values()) this.ensureUser(userId);
		this.ensureUser(DEFAULT_USER_ID);

		for (const seed of PRODUCT_SEEDS) {
			const last = d(seed.last);
			this.products.set(seed.id, {
				id: seed.id,
				base: seed.base,
				quoted: seed.quoted,
				last,
				lastQuantity: d('1.0'),
				volume: d('0.0'),
				minQuantity: d(seed.minQuantity),
				low: last,
				high: last,
				last24h: last,
			});
			if (this.options.seedOrderBook !== false) {
				for (const [side, price, quantity] of seed.book) {
					this.submitOrder(MARKET_USER_ID, {
						order_type: 'limit',
						product_id: seed.id,
						side: /** @type {'buy' | 'sell'} */ (side),
						quantity,
						price,
					});
				}
			}
			if (this.options.seedExecutions !== false) {
				for (let i = 0; i < 3; i++) {
					this.addPublicExecution(seed.id, {
						price: seed.last,
						quantity: '0.1',
						taker_side: i % 2 === 0 ? 'buy' : 'sell',
						created_at: now - 300 + i * 60,
					});
				}
			}
		}

		for (const [id, product, leverage, max] of [
			[1759, 1, 10, 25],
			[1760, 5, 2, 25],
		]) {
			const p = /** @type {Product} */ (this.products.get(product));
			this.tradingAccounts.push({
				id,
				userId: DEFAULT_USER_ID,
				leverage_level: leverage,
				max_leverage_level: max,
				product_id: product,
				funding_currency: p.quoted,
				currency_pair_code: `${p.base}${p.quoted}`,
				created_at: now - 86400,
				updated_at: now - 86400,
			});
		}

		this.loans.push(
			{ id: this.nextLoanId++, quantity: d('495.1048'), rate: '0.0005', created_at: now - 3600, lender_id: DEFAULT_USER_ID, borrower_id: 5712, status: 'open', currency: 'JPY', fund_reloaned: true },
			{ id: this.nextLoanId++, quantity: d('120.5'), rate: '0.0002', created_at: now - 1800, lender_id: DEFAULT_USER_ID, borrower_id: 5713, status: 'open', currency: 'USD', fund_reloaned: true },
		);
		// Other lenders' bids make up the interest-rate ladder.
		for (const [rate, quantity] of [
			['0.00020', '23617.81698'],
			['0.00040', '50050.42'],
			['0.00050', '100000.0'],
		]) {
			this.loanBids.push({ id: this.nextLoanBidId++, userId: 100, bidask_type: 'limit', quantity: d(quantity), currency: 'USD', side: 'bid', filled: 0n, status: 'live', rate });
		}
	}

	/** @param {number} userId @returns {User} */
	ensureUser(userId) {
		let user = this.users.get(userId);
		if (!user) {
			user = { id: userId, balances: new Map(), fiat: new Map(), crypto: new Map(), unlimited: false };
			for (const [currency, amount] of Object.entries(STARTING_BALANCES)) user.balances.set(currency, d(amount));
			for (const currency of ['USD', 'JPY']) user.fiat.set(currency, this.nextAccountId++);
			for (const currency of ['BTC', 'ETH']) user.crypto.set(currency, this.nextAccountId++);
			this.users.set(userId, user);
		}
		return user;
	}

	/**
	 * Sets a balance (decimal string) of a user, the sandbox user by default.
	 * @param {string} currency @param {string} amount @param {number} [userId]
	 */
	setBalance(currency, amount, userId = DEFAULT_USER_ID) {
		const user = this.ensureUser(userId);
		user.balances.set(currency, d(amount));
		if (CURRENCIES[/** @type {keyof CURRENCIES} */ (currency)]?.type === 'crypto') {
			if (!user.crypto.has(currency)) user.crypto.set(currency, this.nextAccountId++);
		} else if (!user.fiat.has(currency)) user.fiat.set(currency, this.nextAccountId++);
	}

	/** @param {string} currency @param {number} [userId] @returns {string} */
	balanceOf(currency, userId = DEFAULT_USER_ID) {
		return format(this.ensureUser(userId).balances.get(currency) ?? 0n);
	}

	/**
	 * Amount of `currency` held by live orders, open margin trades and live loan bids.
	 * @param {User} user @param {string} currency
	 */
	reserved(user, currency) {
		let total = 0n;
		for (const order of this.orders) {
			if (order.userId !== user.id || !isOpen(order)) continue;
			const product = /** @type {Product} */ (this.products.get(order.productId));
			const remaining = order.quantity - order.filled;
			const price = order.price ?? product.last;
			if (order.leverage > 1) {
				if (order.fundingCurrency === currency) total += div(mul(remaining, price), BigInt(order.leverage) * 10n ** 18n);
			} else if (order.side === 'buy' && product.quoted === currency) total += mul(remaining, price);
			else if (order.side === 'sell' && product.base === currency) total += remaining;
		}
		for (const trade of this.trades) {
			if (trade.userId === user.id && trade.status === 'open' && trade.funding_currency === currency) total += trade.marginUsed;
		}
		for (const bid of this.loanBids) {
			if (bid.userId === user.id && bid.status === 'live' && bid.currency === currency) total += bid.quantity - bid.filled;
		}
		return total;
	}

	/** @param {User} user @param {string} currency */
	free(user, currency) {
		return (user.balances.get(currency) ?? 0n) - this.reserved(user, currency);
	}

	/** @param {User} user @param {string} currency @param {bigint} delta */
	credit(user, currency, delta) {
		if (user.unlimited) return;
		user.balances.set(currency, (user.balances.get(currency) ?? 0n) + delta);
	}

	// ------------------------------------------------------- matching engine

	/**
	 * Places an order for a user, checks it as the exchange does and matches it against the book.
	 * @param {number} userId
	 * @param {Record<string, any>} params order_type, product_id, side, quantity, price, price_range,
	 *   leverage_level, funding_currency, order_direction, client_order_id
	 * @returns {{ order: Order } | { error: SimResponse }}
	 */
	submitOrder(userId, params) {
		const user = this.ensureUser(userId);
		const missing = ['order_type', 'product_id', 'side', 'quantity'].filter(
			(key) => params[key] === undefined || params[key] === null || params[key] === '',
		);
		if (missing.length) return { error: unprocessable({ message: 'missing parameters' }) };
		const orderType = String(params.order_type);
		if (!['limit', 'market', 'market_with_range'].includes(orderType)) return { error: fieldError('order_type', 'invalid') };
		const product = this.products.get(Number(params.product_id));
		if (!product) return { error: fieldError('product_id', 'invalid') };
		const side = String(params.side);
		if (side !== 'buy' && side !== 'sell') return { error: fieldError('side', 'invalid') };
		const quantity = parse(params.quantity);
		if (quantity === undefined) return { error: fieldError('quantity', 'is_not_a_number') };
		if (quantity <= 0n) return { error: fieldError('quantity', 'must_be_positive') };
		if (quantity < product.minQuantity) return { error: fieldError('quantity', 'less_than_order_size') };
		/** @type {bigint | undefined} */
		let price;
		if (orderType === 'limit') {
			if (params.price === undefined || params.price === null || params.price === '') {
				return { error: unprocessable({ message: 'missing parameters' }) };
			}
			price = parse(params.price);
			if (price === undefined) return { error: fieldError('price', 'is_not_a_number') };
			if (price <= 0n) return { error: fieldError('price', 'must_be_positive') };
		}
		/** @type {bigint | undefined} */
		let priceRange;
		if (orderType === 'market_with_range') {
			priceRange = parse(params.price_range);
			if (priceRange === undefined) return { error: fieldError('price_range', 'is_not_a_number') };
			if (priceRange < 0n) return { error: fieldError('price_range', 'must_be_positive') };
		}
		const leverage = params.leverage_level === undefined || params.leverage_level === null ? 1 : Number(params.leverage_level);
		if (leverage !== 1 && !LEVERAGE_LEVELS.includes(leverage)) return { error: fieldError('leverage_level', 'invalid') };
		const fundingCurrency = params.funding_currency ? String(params.funding_currency) : product.quoted;
		if (leverage === 1 && fundingCurrency !== product.quoted) return { error: fieldError('funding_currency', 'invalid') };
		if (leverage > 1 && !CURRENCIES[/** @type {keyof CURRENCIES} */ (fundingCurrency)]) {
			return { error: fieldError('funding_currency', 'invalid') };
		}

		const now = this.now();
		/** @type {Order} */
		const order = {
			id: this.nextOrderId++,
			userId,
			productId: product.id,
			orderType,
			side,
			quantity,
			filled: 0n,
			price,
			priceRange,
			status: 'live',
			leverage,
			fundingCurrency,
			orderDirection: params.order_direction ? String(params.order_direction) : undefined,
			clientOrderId: params.client_order_id ? String(params.client_order_id) : undefined,
			createdAt: now,
			updatedAt: now,
			executionIds: [],
			spent: 0n,
		};
		if (orderType === 'market_with_range') {
			const best = this.bestOpposite(order);
			if (best) order.price = side === 'buy' ? best.price + (priceRange ?? 0n) : best.price - (priceRange ?? 0n);
		}

		if (!user.unlimited) {
			const plan = this.plan(order);
			let needed = 0n;
			let currency = '';
			if (leverage > 1) {
				currency = fundingCurrency;
				const notional = orderType === 'limit' ? mul(quantity, /** @type {bigint} */ (price)) : plan.cost;
				needed = div(notional, BigInt(leverage) * 10n ** 18n);
			} else if (side === 'buy') {
				currency = product.quoted;
				needed = orderType === 'limit' ? mul(quantity, /** @type {bigint} */ (price)) : plan.cost;
			} else {
				currency = product.base;
				needed = orderType === 'limit' ? quantity : plan.quantity;
			}
			if (needed > this.free(user, currency)) return { error: fieldError('user', 'not_enough_free_balance') };
		}

		this.orders.push(order);
		this.match(order);
		if (order.orderType !== 'limit' && order.status !== 'filled') {
			order.status = 'cancelled';
			order.updatedAt = now;
		}
		return { order };
	}

	/** @param {Order} taker */
	book(taker) {
		return this.orders
			.filter((o) => o.productId === taker.productId && o.side !== taker.side && isOpen(o) && o.id !== taker.id && o.price !== undefined)
			.sort((a, b) => {
				const pa = /** @type {bigint} */ (a.price);
				const pb = /** @type {bigint} */ (b.price);
				if (pa !== pb) return (taker.side === 'buy' ? pa < pb : pa > pb) ? -1 : 1;
				return a.id - b.id;
			});
	}

	/** @param {Order} taker */
	bestOpposite(taker) {
		return this.book(taker)[0];
	}

	/** @param {Order} taker @param {Order} maker */
	crosses(taker, maker) {
		if (taker.price === undefined) return true;
		const makerPrice = /** @type {bigint} */ (maker.price);
		return taker.side === 'buy' ? makerPrice <= taker.price : makerPrice >= taker.price;
	}

	/**
	 * What an order would fill right now: quantity and cost in the quoted currency.
	 * @param {Order} taker
	 */
	plan(taker) {
		let remaining = taker.quantity - taker.filled;
		let quantity = 0n;
		let cost = 0n;
		for (const maker of this.book(taker)) {
			if (remaining <= 0n || !this.crosses(taker, maker)) break;
			const fill = min(remaining, maker.quantity - maker.filled);
			remaining -= fill;
			quantity += fill;
			cost += mul(fill, /** @type {bigint} */ (maker.price));
		}
		return { quantity, cost };
	}

	/** @param {Order} taker */
	match(taker) {
		for (const maker of this.book(taker)) {
			const remaining = taker.quantity - taker.filled;
			if (remaining <= 0n || !this.crosses(taker, maker)) break;
			this.execute(taker, maker, min(remaining, maker.quantity - maker.filled));
		}
	}

	/**
	 * Fills `quantity` between a taker and a resting maker order at the maker's price.
	 * @param {Order} taker @param {Order} maker @param {bigint} quantity
	 */
	execute(taker, maker, quantity) {
		const price = /** @type {bigint} */ (maker.price);
		const now = this.now();
		const buy = taker.side === 'buy' ? taker : maker;
		const sell = taker.side === 'buy' ? maker : taker;
		/** @type {Execution} */
		const execution = {
			id: this.nextExecutionId++,
			productId: taker.productId,
			quantity,
			price,
			takerSide: taker.side,
			createdAt: now,
			buyOrderId: buy.id,
			sellOrderId: sell.id,
			buyUserId: buy.userId,
			sellUserId: sell.userId,
			takerOrderId: taker.id,
		};
		this.executions.push(execution);
		for (const order of [taker, maker]) {
			order.filled += quantity;
			order.spent += mul(quantity, price);
			order.status = order.filled >= order.quantity ? 'filled' : 'partially_filled';
			order.updatedAt = now;
			order.executionIds.push(execution.id);
			this.settle(order, quantity, price, now);
		}
		this.recordTrade(taker.productId, quantity, price);
		return execution;
	}

	/**
	 * Moves balances for one side of a fill, or opens / extends the margin trade of a margin order.
	 * @param {Order} order @param {bigint} quantity @param {bigint} price @param {number} now
	 */
	settle(order, quantity, price, now) {
		const user = this.ensureUser(order.userId);
		const product = /** @type {Product} */ (this.products.get(order.productId));
		if (order.leverage === 1) {
			const value = mul(quantity, price);
			if (order.side === 'buy') {
				this.credit(user, product.quoted, -value);
				this.credit(user, product.base, quantity);
			} else {
				this.credit(user, product.base, -quantity);
				this.credit(user, product.quoted, value);
			}
			return;
		}
		if (user.unlimited) return;
		const margin = div(mul(quantity, price), BigInt(order.leverage) * 10n ** 18n);
		let trade = this.trades.find((t) => t.id === order.tradeId);
		if (!trade) {
			trade = {
				id: this.nextTradeId++,
				userId: user.id,
				orderId: order.id,
				productId: product.id,
				side: order.side === 'buy' ? 'long' : 'short',
				status: 'open',
				quantity: 0n,
				openQuantity: 0n,
				closeQuantity: 0n,
				openPrice: price,
				closePrice: 0n,
				marginUsed: 0n,
				leverage_level: order.leverage,
				funding_currency: order.fundingCurrency,
				closePnl: 0n,
				stop_loss: '0.0',
				take_profit: '0.0',
				created_at: now,
				updated_at: now,
				loanId: this.nextLoanId++,
			};
			this.trades.push(trade);
			order.tradeId = trade.id;
			this.loans.push({ id: trade.loanId, quantity: 0n, rate: '0.0002', created_at: now, lender_id: 100, borrower_id: user.id, status: 'open', currency: order.fundingCurrency, fund_reloaned: true, tradeId: trade.id });
		}
		const total = trade.openQuantity + quantity;
		trade.openPrice = div(mul(trade.openPrice, trade.openQuantity) + mul(price, quantity), total);
		trade.quantity += quantity;
		trade.openQuantity = total;
		trade.marginUsed += margin;
		trade.updated_at = now;
		const loan = this.loans.find((l) => l.id === trade.loanId);
		if (loan) loan.quantity += mul(quantity, price) - margin;
	}

	/** @param {number} productId @param {bigint} quantity @param {bigint} price */
	recordTrade(productId, quantity, price) {
		const product = /** @type {Product} */ (this.products.get(productId));
		product.last = price;
		product.lastQuantity = quantity;
		product.volume += quantity;
		if (price < product.low) product.low = price;
		if (price > product.high) product.high = price;
	}

	// ---------------------------------------------------- helpers for tests

	/**
	 * Places an order for the market side (unlimited balances), as other traders would.
	 * @param {{ productId?: number, product_id?: number, side: 'buy' | 'sell', quantity: string, price?: string, orderType?: string, userId?: number }} params
	 * @returns {Order}
	 */
	placeCounterOrder(params) {
		const result = this.submitOrder(params.userId ?? MARKET_USER_ID, {
			order_type: params.orderType ?? (params.price === undefined ? 'market' : 'limit'),
			product_id: params.productId ?? params.product_id,
			side: params.side,
			quantity: params.quantity,
			price: params.price,
		});
		if ('error' in result) throw new Error(`counter order rejected: ${JSON.stringify(result.error.body)}`);
		return result.order;
	}

	/**
	 * Fills `quantity` (default: all that remains) of a resting order with a counter order at its price.
	 * @param {number} orderId @param {string} [quantity]
	 * @returns {Execution[]} the executions created
	 */
	fillOrder(orderId, quantity) {
		const order = this.orders.find((o) => o.id === Number(orderId));
		if (!order || !isOpen(order) || order.price === undefined) throw new Error(`order ${orderId} is not open`);
		const amount = quantity === undefined ? order.quantity - order.filled : d(quantity);
		const before = this.executions.length;
		const counter = {
			id: this.nextOrderId++,
			userId: MARKET_USER_ID,
			productId: order.productId,
			orderType: 'limit',
			side: /** @type {'buy' | 'sell'} */ (order.side === 'buy' ? 'sell' : 'buy'),
			quantity: amount,
			filled: 0n,
			price: order.price,
			priceRange: undefined,
			status: 'live',
			leverage: 1,
			fundingCurrency: '',
			createdAt: this.now(),
			updatedAt: this.now(),
			executionIds: [],
			spent: 0n,
		};
		this.orders.push(counter);
		this.execute(counter, order, min(amount, order.quantity - order.filled));
		if (counter.filled < counter.quantity) {
			counter.status = 'cancelled';
		}
		return this.executions.slice(before);
	}

	/**
	 * Cancels an order as if from the exchange's web interface.
	 * @param {number} orderId
	 */
	cancelOrderById(orderId) {
		const order = this.orders.find((o) => o.id === Number(orderId));
		if (!order || !isOpen(order)) throw new Error(`order ${orderId} is not open`);
		order.status = 'cancelled';
		order.updatedAt = this.now();
		return order;
	}

	/**
	 * Records a public execution between other traders.
	 * @param {number} productId
	 * @param {{ price: string, quantity: string, taker_side?: 'buy' | 'sell', created_at?: number }} execution
	 * @returns {{ id: number, quantity: string, price: string, taker_side: string, created_at: number }}
	 */
	addPublicExecution(productId, execution) {
		if (!this.products.has(Number(productId))) throw new Error(`unknown product ${productId}`);
		/** @type {Execution} */
		const record = {
			id: this.nextExecutionId++,
			productId: Number(productId),
			quantity: d(execution.quantity),
			price: d(execution.price),
			takerSide: execution.taker_side ?? 'buy',
			createdAt: execution.created_at ?? this.now(),
			buyUserId: MARKET_USER_ID,
			sellUserId: MARKET_USER_ID,
		};
		this.executions.push(record);
		this.recordTrade(record.productId, record.quantity, record.price);
		return renderPublicExecution(record);
	}

	/** @param {number} orderId */
	orderById(orderId) {
		const order = this.orders.find((o) => o.id === Number(orderId));
		return order ? this.renderOrder(order) : undefined;
	}

	/** The order book of a product as the API returns it. @param {number} productId */
	orderBook(productId, full = true) {
		/** @param {'buy' | 'sell'} side */
		const levels = (side) => {
			/** @type {Map<bigint, bigint>} */
			const byPrice = new Map();
			for (const o of this.orders) {
				if (o.productId !== productId || o.side !== side || !isOpen(o) || o.price === undefined) continue;
				byPrice.set(o.price, (byPrice.get(o.price) ?? 0n) + o.quantity - o.filled);
			}
			const sorted = [...byPrice].sort(([a], [b]) => (side === 'buy' ? (a > b ? -1 : 1) : a < b ? -1 : 1));
			return (full ? sorted : sorted.slice(0, 20)).map(([price, amount]) => [format(price), format(amount)]);
		};
		return { buy_price_levels: levels('buy'), sell_price_levels: levels('sell') };
	}

	// --------------------------------------------------------------- render

	/** @param {Product} p */
	renderProduct(p) {
		const book = this.orderBook(p.id);
		const pair = `${p.base}${p.quoted}`;
		const usd = this.usdRate(p.quoted);
		return {
			id: p.id,
			product_type: 'CurrencyPair',
			code: 'CASH',
			name: 'CASH Trading',
			market_ask: book.sell_price_levels[0]?.[0] ?? format(p.last),
			market_bid: book.buy_price_levels[0]?.[0] ?? format(p.last),
			indicator: p.last >= p.last24h ? 1 : -1,
			currency: p.quoted,
			currency_pair_code: pair,
			symbol: CURRENCIES[/** @type {keyof CURRENCIES} */ (p.quoted)]?.symbol ?? p.quoted,
			fiat_minimum_withdraw: '1500.0',
			pusher_channel: `product_cash_${pair.toLowerCase()}_${p.id}`,
			taker_fee: '0.0',
			maker_fee: '0.0',
			low_market_bid: format(p.low),
			high_market_ask: format(p.high),
			volume_24h: format(p.volume),
			last_price_24h: format(p.last24h),
			last_traded_price: format(p.last),
			last_traded_quantity: format(p.lastQuantity),
			quoted_currency: p.quoted,
			base_currency: p.base,
			exchange_rate: usd === undefined ? '0.0' : format(usd),
		};
	}

	/** @param {Order} o */
	renderOrder(o, withDetails = false) {
		const product = /** @type {Product} */ (this.products.get(o.productId));
		/** @type {Record<string, any>} */
		const out = {
			id: o.id,
			order_type: o.orderType,
			quantity: format(o.quantity),
			disc_quantity: '0.0',
			iceberg_total_quantity: '0.0',
			side: o.side,
			filled_quantity: format(o.filled),
			price: o.orderType === 'limit' ? format(/** @type {bigint} */ (o.price)) : o.filled > 0n ? format(div(o.spent, o.filled)) : '0.0',
			created_at: o.createdAt,
			updated_at: o.updatedAt,
			status: o.status,
			leverage_level: o.leverage,
			source_exchange: 'QUOINE',
			product_id: o.productId,
			product_code: 'CASH',
			funding_currency: o.fundingCurrency || product.quoted,
			currency_pair_code: `${product.base}${product.quoted}`,
			order_fee: '0.0',
			margin_used: o.leverage > 1 ? format(div(mul(o.filled, o.price ?? product.last), BigInt(o.leverage) * 10n ** 18n)) : '0.0',
			margin_interest: '0.0',
			unwound_trade_leverage_level: null,
			average_price: o.filled > 0n ? format(div(o.spent, o.filled)) : '0.0',
			client_order_id: o.clientOrderId ?? null,
		};
		if (o.priceRange !== undefined) out.price_range = format(o.priceRange);
		if (o.orderDirection) out.order_direction = o.orderDirection;
		if (withDetails) out.executions = this.ownExecutions(o.userId, (e) => o.executionIds.includes(e.id)).map((e) => this.renderOwnExecution(e, o.userId, false));
		return out;
	}

	/** @param {Execution} e @param {number} userId @param {boolean} withOrderId */
	renderOwnExecution(e, userId, withOrderId) {
		const mySide = e.buyUserId === userId && e.sellUserId === userId ? e.takerSide : e.buyUserId === userId ? 'buy' : 'sell';
		/** @type {Record<string, any>} */
		const out = { ...renderPublicExecution(e), my_side: mySide };
		if (withOrderId) out.order_id = mySide === 'buy' ? e.buyOrderId : e.sellOrderId;
		return out;
	}

	/** @param {number} userId @param {(e: Execution) => boolean} [filter] */
	ownExecutions(userId, filter = () => true) {
		return this.executions.filter((e) => (e.buyUserId === userId || e.sellUserId === userId) && filter(e));
	}

	/** @param {any} t */
	renderTrade(t) {
		const product = /** @type {Product} */ (this.products.get(t.productId));
		const openPnl = t.status === 'open' ? pnl(t.side, t.openPrice, product.last, t.openQuantity) : 0n;
		const loan = this.loans.find((l) => l.id === t.loanId);
		return {
			id: t.id,
			currency_pair_code: `${product.base}${product.quoted}`,
			status: t.status,
			side: t.side,
			margin_used: format(t.marginUsed),
			open_quantity: format(t.openQuantity),
			close_quantity: format(t.closeQuantity),
			quantity: format(t.quantity),
			leverage_level: t.leverage_level,
			product_code: 'CASH',
			product_id: t.productId,
			open_price: format(t.openPrice),
			close_price: format(t.closePrice),
			trader_id: t.userId,
			open_pnl: format(openPnl),
			close_pnl: format(t.closePnl),
			pnl: format(openPnl + t.closePnl),
			stop_loss: t.stop_loss,
			take_profit: t.take_profit,
			funding_currency: t.funding_currency,
			created_at: t.created_at,
			updated_at: t.updated_at,
			close_fee: '0.0',
			total_interest: loan ? format(mul(loan.quantity, d(loan.rate))) : '0.0',
			daily_interest: loan ? format(mul(loan.quantity, d(loan.rate))) : '0.0',
		};
	}

	/** @param {any} l */
	renderLoan(l) {
		return {
			id: l.id,
			quantity: format(l.quantity),
			rate: l.rate,
			created_at: l.created_at,
			lender_id: l.lender_id,
			borrower_id: l.borrower_id,
			status: l.status,
			currency: l.currency,
			fund_reloaned: l.fund_reloaned,
		};
	}

	/** @param {any} b */
	renderLoanBid(b) {
		return {
			id: b.id,
			bidask_type: b.bidask_type,
			quantity: format(b.quantity),
			currency: b.currency,
			side: b.side,
			filled_quantity: format(b.filled),
			status: b.status,
			rate: b.rate,
			user_id: b.userId,
		};
	}

	/** @param {any} a @param {boolean} listForm */
	renderTradingAccount(a, listForm) {
		const product = /** @type {Product} */ (this.products.get(a.product_id));
		const user = this.ensureUser(a.userId);
		const open = this.trades.filter((t) => t.userId === a.userId && t.productId === a.product_id && t.status === 'open');
		const balance = user.balances.get(a.funding_currency) ?? 0n;
		let margin = 0n;
		let openPnl = 0n;
		let position = 0n;
		/** @type {Record<string, { pnl: bigint, position: bigint, value: bigint }>} */
		const summary = { long: { pnl: 0n, position: 0n, value: 0n }, short: { pnl: 0n, position: 0n, value: 0n } };
		for (const t of open) {
			const tradePnl = pnl(t.side, t.openPrice, product.last, t.openQuantity);
			margin += t.marginUsed;
			openPnl += tradePnl;
			position += t.side === 'long' ? t.openQuantity : -t.openQuantity;
			summary[t.side].pnl += tradePnl;
			summary[t.side].position += t.openQuantity;
			summary[t.side].value += mul(t.openQuantity, t.openPrice);
		}
		const equity = balance + openPnl;
		/** @type {Record<string, any>} */
		const out = {
			id: a.id,
			leverage_level: a.leverage_level,
			max_leverage_level: a.max_leverage_level,
			pnl: format(openPnl),
			equity: format(equity),
			margin: format(margin),
			free_margin: format(equity - margin),
			trader_id: a.userId,
			status: 'active',
			product_code: 'CASH',
			currency_pair_code: a.currency_pair_code,
			position: format(position),
			balance: format(balance),
			created_at: a.created_at,
			updated_at: a.updated_at,
			pusher_channel: `trading_account_${a.id}`,
			margin_percent: format(div(10n ** 18n, BigInt(a.leverage_level) * 10n ** 18n)),
			product_id: a.product_id,
			funding_currency: a.funding_currency,
		};
		if (listForm) {
			/** @param {{ pnl: bigint, position: bigint, value: bigint }} s */
			const side = (s) => ({ pnl: format(s.pnl), position: format(s.position), base_open_price: s.position > 0n ? format(div(s.value, s.position)) : '0.0' });
			const total = summary.long.position + summary.short.position;
			out.base_open_price = total > 0n ? format(div(summary.long.value + summary.short.value, total)) : 0;
			out.long_summary = side(summary.long);
			out.short_summary = side(summary.short);
		}
		return out;
	}

	/** @param {string} currency @returns {bigint | undefined} USD per unit */
	usdRate(currency) {
		const info = CURRENCIES[/** @type {keyof CURRENCIES} */ (currency)];
		if (info?.usd) return d(info.usd);
		const btcUsd = /** @type {Product} */ (this.products.get(1)).last;
		if (currency === 'BTC') return btcUsd;
		if (currency === 'ETH') return mul(/** @type {Product} */ (this.products.get(27)).last, btcUsd);
		return undefined;
	}

	/** @param {User} user @param {string} currency */
	renderAccount(user, currency) {
		const info = CURRENCIES[/** @type {keyof CURRENCIES} */ (currency)];
		const balance = user.balances.get(currency) ?? 0n;
		const lower = currency.toLowerCase();
		if (info?.type === 'crypto') {
			return {
				id: user.crypto.get(currency),
				balance: format(balance),
				address: currency === 'BTC' ? '1F25zWAQ1BAAmppNxLV3KtK6aTNhxNg5Hg' : '0x8ba1f109551bd432803012645ac136ddd64dba72',
				currency,
				currency_symbol: info.symbol,
				pusher_channel: `user_${user.id}_account_${lower}`,
				minimum_withdraw: 0.02,
				lowest_offer_interest_rate: '0.00049',
				highest_offer_interest_rate: '0.05000',
				currency_type: 'crypto',
			};
		}
		const usd = this.usdRate(currency);
		const free = this.free(user, currency);
		return {
			id: user.fiat.get(currency),
			currency,
			currency_symbol: info?.symbol ?? currency,
			balance: format(balance),
			pusher_channel: `user_${user.id}_account_${lower}`,
			lowest_offer_interest_rate: '0.00020',
			highest_offer_interest_rate: '0.00060',
			exchange_rate: usd === undefined ? '1.0' : format(usd),
			currency_type: 'fiat',
			margin: format(balance - free),
			free_margin: format(free),
		};
	}

	// --------------------------------------------------------------- routes

	registerRoutes() {
		/** @param {string} method @param {string} path @param {(req: SimRequest) => SimResponse} handler */
		const open = (method, path, handler) =>
			this.route(method, path, (req) => this.guard(req, false, () => handler(req)));
		/** @param {string} method @param {string} path @param {(req: SimRequest, user: User) => SimResponse} handler */
		const signed = (method, path, handler) =>
			this.route(method, path, (req) => this.guard(req, true, (user) => handler(req, /** @type {User} */ (user))));

		// Products, order book, executions, interest rates (public)
		open('GET', '/products', () => ok([...this.products.values()].map((p) => this.renderProduct(p))));
		open('GET', '/products/:id/price_levels', (req) => {
			const product = this.products.get(Number(req.params.id));
			if (!product) return notFound('Product not found');
			return ok(this.orderBook(product.id, req.query.get('full') === '1'));
		});
		open('GET', '/products/:id', (req) => {
			const product = this.products.get(Number(req.params.id));
			return product ? ok(this.renderProduct(product)) : notFound('Product not found');
		});
		open('GET', '/executions', (req) => this.listPublicExecutions(req));
		open('GET', '/ir_ladders/:currency', (req) => {
			const currency = req.params.currency.toUpperCase();
			if (!CURRENCIES[/** @type {keyof CURRENCIES} */ (currency)]) return notFound('Currency not found');
			/** @type {Map<string, bigint>} */
			const byRate = new Map();
			for (const b of this.loanBids) {
				if (b.currency !== currency || b.status !== 'live') continue;
				const rate = format(d(b.rate));
				byRate.set(rate, (byRate.get(rate) ?? 0n) + b.quantity - b.filled);
			}
			const bids = [...byRate].sort(([a], [b]) => (d(a) < d(b) ? -1 : 1)).map(([rate, amount]) => [rate, format(amount)]);
			return ok({ bids, asks: [] });
		});

		// Own executions
		signed('GET', '/executions/me', (req, user) => {
			const productId = Number(req.query.get('product_id'));
			if (!req.query.get('product_id')) return unprocessable({ message: 'missing parameters' });
			if (!this.products.has(productId)) return fieldError('product_id', 'invalid');
			const withDetails = req.query.get('with_details') === '1';
			const list = this.ownExecutions(user.id, (e) => e.productId === productId)
				.sort(newestFirst)
				.map((e) => this.renderOwnExecution(e, user.id, withDetails));
			return this.paginate(list, req);
		});

		// Orders
		signed('POST', '/orders', (req, user) => {
			const params = unwrap(req.body, 'order');
			if (!params) return unprocessable({ message: 'missing parameters' });
			const result = this.submitOrder(user.id, params);
			return 'error' in result ? result.error : ok(this.renderOrder(result.order));
		});
		signed('GET', '/orders', (req, user) => {
			const q = req.query;
			const withDetails = q.get('with_details') === '1';
			const list = this.orders
				.filter(
					(o) =>
						o.userId === user.id &&
						(!q.get('funding_currency') || (o.fundingCurrency || '') === q.get('funding_currency')) &&
						(!q.get('product_id') || o.productId === Number(q.get('product_id'))) &&
						(!q.get('status') || o.status === q.get('status')),
				)
				.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
				.map((o) => this.renderOrder(o, withDetails));
			return this.paginate(list, req);
		});
		signed('PUT', '/orders/:id/cancel', (req, user) => {
			const order = this.ownOrder(user, req.params.id);
			if (!order) return notFound('Order not found');
			if (!isOpen(order)) return unprocessable({ message: 'Can not cancel non-live order' });
			order.status = 'cancelled';
			order.updatedAt = this.now();
			return ok(this.renderOrder(order));
		});
		signed('GET', '/orders/:id/trades', (req, user) => {
			const order = this.ownOrder(user, req.params.id);
			if (!order) return notFound('Order not found');
			return ok(this.trades.filter((t) => t.orderId === order.id).map((t) => this.renderTrade(t)));
		});
		signed('GET', '/orders/:id', (req, user) => {
			const order = this.ownOrder(user, req.params.id);
			return order ? ok(this.renderOrder(order, true)) : notFound('Order not found');
		});
		signed('PUT', '/orders/:id', (req, user) => this.updateOrder(req, user));

		// Accounts
		signed('GET', '/fiat_accounts', (_req, user) => ok([...user.fiat.keys()].map((c) => this.renderAccount(user, c))));
		signed('POST', '/fiat_accounts', (req, user) => {
			const currency = typeof req.body?.currency === 'string' ? req.body.currency.toUpperCase() : '';
			if (!currency) return unprocessable({ message: 'missing parameters' });
			if (CURRENCIES[/** @type {keyof CURRENCIES} */ (currency)]?.type !== 'fiat') return fieldError('currency', 'invalid');
			if (user.fiat.has(currency)) return fieldError('currency', 'taken');
			user.fiat.set(currency, this.nextAccountId++);
			if (!user.balances.has(currency)) user.balances.set(currency, 0n);
			return ok(this.renderAccount(user, currency));
		});
		signed('GET', '/crypto_accounts', (_req, user) => ok([...user.crypto.keys()].map((c) => this.renderAccount(user, c))));
		signed('GET', '/accounts/balance', (_req, user) =>
			ok([...user.balances].map(([currency, balance]) => ({ currency, balance: format(balance) }))),
		);
		signed('GET', '/accounts/main_asset', (_req, user) => {
			let total = 0n;
			for (const [currency, balance] of user.balances) {
				const rate = this.usdRate(currency);
				if (rate !== undefined) total += mul(balance, rate);
			}
			return ok({ currency: 'USD', total_amount: format(total) });
		});

		// Asset lending
		signed('POST', '/loan_bids', (req, user) => this.createLoanBid(req, user));
		signed('GET', '/loan_bids', (req, user) => {
			const currency = req.query.get('currency');
			if (!currency) return unprocessable({ message: 'missing parameters' });
			const list = this.loanBids
				.filter((b) => b.userId === user.id && b.currency === currency.toUpperCase())
				.sort((a, b) => b.id - a.id)
				.map((b) => this.renderLoanBid(b));
			return this.paginate(list, req);
		});
		signed('PUT', '/loan_bids/:id/close', (req, user) => {
			const bid = this.loanBids.find((b) => b.id === Number(req.params.id) && b.userId === user.id);
			if (!bid) return notFound('Loan bid not found');
			bid.status = 'closed';
			return ok(this.renderLoanBid(bid));
		});
		signed('GET', '/loans', (req, user) => {
			const currency = req.query.get('currency');
			if (!currency) return unprocessable({ message: 'missing parameters' });
			const list = this.loans
				.filter((l) => (l.lender_id === user.id || l.borrower_id === user.id) && l.currency === currency.toUpperCase())
				.sort((a, b) => b.id - a.id)
				.map((l) => this.renderLoan(l));
			return this.paginate(list, req);
		});
		signed('PUT', '/loans/:id', (req, user) => {
			const loan = this.loans.find((l) => l.id === Number(req.params.id) && (l.lender_id === user.id || l.borrower_id === user.id));
			if (!loan) return notFound('Loan not found');
			const body = unwrap(req.body, 'loan') ?? {};
			if (body.fund_reloaned !== undefined) {
				if (typeof body.fund_reloaned !== 'boolean') return fieldError('fund_reloaned', 'invalid');
				loan.fund_reloaned = body.fund_reloaned;
			}
			return ok(this.renderLoan(loan));
		});

		// Trading accounts
		signed('GET', '/trading_accounts', (_req, user) =>
			ok(this.tradingAccounts.filter((a) => a.userId === user.id).map((a) => this.renderTradingAccount(a, true))),
		);
		signed('GET', '/trading_accounts/:id', (req, user) => {
			const account = this.tradingAccounts.find((a) => a.id === Number(req.params.id) && a.userId === user.id);
			return account ? ok(this.renderTradingAccount(account, false)) : notFound('Trading account not found');
		});
		signed('PUT', '/trading_accounts/:id', (req, user) => {
			const account = this.tradingAccounts.find((a) => a.id === Number(req.params.id) && a.userId === user.id);
			if (!account) return notFound('Trading account not found');
			const body = unwrap(req.body, 'trading_account');
			if (!body || body.leverage_level === undefined) return unprocessable({ message: 'missing parameters' });
			const level = Number(body.leverage_level);
			if (!Number.isInteger(level) || !LEVERAGE_LEVELS.includes(level) || level > account.max_leverage_level) {
				return fieldError('leverage_level', 'invalid');
			}
			account.leverage_level = level;
			account.updated_at = this.now();
			return ok(this.renderTradingAccount(account, false));
		});

		// Trades
		signed('GET', '/trades', (req, user) => {
			const q = req.query;
			const list = this.trades
				.filter(
					(t) =>
						t.userId === user.id &&
						(!q.get('funding_currency') || t.funding_currency === q.get('funding_currency')) &&
						(!q.get('status') || t.status === q.get('status')),
				)
				.sort((a, b) => b.created_at - a.created_at || b.id - a.id)
				.map((t) => this.renderTrade(t));
			return this.paginate(list, req);
		});
		signed('PUT', '/trades/close_all', (req, user) => {
			const side = req.body?.side;
			if (side !== undefined && side !== 'long' && side !== 'short') return fieldError('side', 'invalid');
			const closed = this.trades
				.filter((t) => t.userId === user.id && t.status === 'open' && (!side || t.side === side))
				.map((t) => {
					this.closeTrade(t, t.openQuantity);
					return this.renderTrade(t);
				});
			return ok(closed);
		});
		signed('PUT', '/trades/:id/close', (req, user) => {
			const trade = this.trades.find((t) => t.id === Number(req.params.id) && t.userId === user.id);
			if (!trade) return notFound('Trade not found');
			if (trade.status !== 'open') return unprocessable({ message: 'Trade is already closed' });
			let quantity = trade.openQuantity;
			const body = unwrap(req.body, 'trade') ?? {};
			if (body.closed_quantity !== undefined) {
				const parsed = parse(body.closed_quantity);
				if (parsed === undefined) return fieldError('closed_quantity', 'is_not_a_number');
				if (parsed <= 0n) return fieldError('closed_quantity', 'must_be_positive');
				if (parsed > trade.openQuantity) return fieldError('closed_quantity', 'invalid');
				quantity = parsed;
			}
			this.closeTrade(trade, quantity);
			return ok(this.renderTrade(trade));
		});
		signed('GET', '/trades/:id/loans', (req, user) => {
			const trade = this.trades.find((t) => t.id === Number(req.params.id) && t.userId === user.id);
			if (!trade) return notFound('Trade not found');
			return ok(this.loans.filter((l) => l.tradeId === trade.id).map((l) => this.renderLoan(l)));
		});
		signed('PUT', '/trades/:id', (req, user) => {
			const trade = this.trades.find((t) => t.id === Number(req.params.id) && t.userId === user.id);
			if (!trade) return notFound('Trade not found');
			const body = unwrap(req.body, 'trade');
			if (!body || (body.stop_loss === undefined && body.take_profit === undefined)) return unprocessable({ message: 'missing parameters' });
			for (const field of ['stop_loss', 'take_profit']) {
				if (body[field] === undefined) continue;
				const value = parse(body[field]);
				if (value === undefined) return fieldError(field, 'is_not_a_number');
				if (value < 0n) return fieldError(field, 'must_be_positive');
				trade[field] = format(value);
			}
			trade.updated_at = this.now();
			return ok(this.renderTrade(trade));
		});
	}

	/**
	 * Checks the version header, the signature (for signed routes) and the rate limit.
	 * @param {SimRequest} req @param {boolean} needsAuth @param {(user?: User) => SimResponse} next
	 * @returns {Promise<SimResponse>}
	 */
	async guard(req, needsAuth, next) {
		const address = this.remoteAddress;
		if (req.headers['x-quoine-api-version'] !== '2') {
			return { status: 400, body: { message: 'X-Quoine-API-Version header must be 2' } };
		}
		/** @type {User | undefined} */
		let user;
		let key = `ip:${address}`;
		if (needsAuth) {
			const auth = await this.verify(req);
			if ('status' in auth) return auth;
			user = auth.user;
			key = `token:${auth.tokenId}`;
		}
		if (!this.allow(key)) return { status: 429, body: { message: RATE_LIMITED } };
		return next(user);
	}

	/**
	 * Verifies X-Quoine-Auth independently of the node: HS256 with the token's secret, the path claim
	 * against the path and raw query received, and a strictly increasing nonce.
	 * @param {SimRequest} req
	 * @returns {Promise<{ user: User, tokenId: string } | SimResponse>}
	 */
	async verify(req) {
		const denied = (text = AUTH_FAILED) => ({ status: 401, text });
		const header = req.headers['x-quoine-auth'];
		if (typeof header !== 'string' || header === '') return denied();
		/** @type {Record<string, unknown>} */
		let claims;
		try {
			claims = decodeJwt(header);
		} catch {
			return denied();
		}
		const tokenId = claims.token_id === undefined ? undefined : String(claims.token_id);
		const token = tokenId === undefined ? undefined : this.tokens.get(tokenId);
		if (!token || tokenId === undefined) return denied();
		try {
			await jwtVerify(header, new TextEncoder().encode(token.secret), { algorithms: ['HS256'] });
		} catch {
			return denied();
		}
		const expectedPath = req.rawQuery === '' ? req.path : `${req.path}?${req.rawQuery}`;
		if (claims.path !== expectedPath) return denied();
		const body = unwrap(req.body, 'order');
		if (claims.nonce === undefined && body?.client_order_id) {
			// Liquid: "Nonce is not required in authentication's payload if client_order_id is provided."
		} else {
			const nonce = parseNonce(claims.nonce);
			if (nonce === undefined) return denied();
			const last = this.nonces.get(tokenId);
			if (last !== undefined && nonce <= last) return denied(NONCE_TOO_SMALL);
			this.nonces.set(tokenId, nonce);
		}
		return { user: this.ensureUser(token.userId), tokenId };
	}

	/** Sliding-window limiter; returns false when the request must get 429. @param {string} key */
	allow(key) {
		if (!this.rateLimit) return true;
		const now = this.rateClock();
		const since = now - this.rateLimit.windowMs;
		const times = (this.rateWindows.get(key) ?? []).filter((t) => t > since);
		if (times.length >= this.rateLimit.max) {
			this.rateWindows.set(key, times);
			return false;
		}
		times.push(now);
		this.rateWindows.set(key, times);
		return true;
	}

	/**
	 * @param {string} method @param {string} path @param {string} rawQuery
	 * @param {import('node:http').IncomingMessage} req @param {string} rawBody
	 */
	dispatch(method, path, rawQuery, req, rawBody) {
		// Read synchronously by guard() before the handler awaits anything.
		this.remoteAddress = req.socket.remoteAddress ?? '127.0.0.1';
		return super.dispatch(method, path, rawQuery, req, rawBody);
	}

	/** @param {SimRequest} req */
	listPublicExecutions(req) {
		const q = req.query;
		if (!q.get('product_id')) return unprocessable({ message: 'missing parameters' });
		const productId = Number(q.get('product_id'));
		if (!this.products.has(productId)) return fieldError('product_id', 'invalid');
		const all = this.executions.filter((e) => e.productId === productId);
		const timestamp = q.get('timestamp');
		if (timestamp !== null) {
			if (!/^\d+$/.test(timestamp)) return fieldError('timestamp', 'invalid');
			const since = Number(timestamp);
			const limit = this.limitOf(req);
			return ok(
				all
					.filter((e) => e.createdAt >= since)
					.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
					.slice(0, limit)
					.map(renderPublicExecution),
			);
		}
		return this.paginate(all.sort(newestFirst).map(renderPublicExecution), req);
	}

	/** @param {SimRequest} req */
	limitOf(req) {
		const limit = Number.parseInt(req.query.get('limit') ?? '', 10);
		return Number.isFinite(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT;
	}

	/** @param {any[]} items @param {SimRequest} req */
	paginate(items, req) {
		const limit = this.limitOf(req);
		const requested = Number.parseInt(req.query.get('page') ?? '', 10);
		const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
		const totalPages = Math.max(1, Math.ceil(items.length / limit));
		const asString = this.options.pageNumbersAsStrings === true;
		return ok({
			models: items.slice((page - 1) * limit, page * limit),
			current_page: asString ? String(page) : page,
			total_pages: asString ? String(totalPages) : totalPages,
		});
	}

	/** @param {User} user @param {string} id */
	ownOrder(user, id) {
		return this.orders.find((o) => o.id === Number(id) && o.userId === user.id);
	}

	/** @param {SimRequest} req @param {User} user @returns {SimResponse} */
	updateOrder(req, user) {
		const order = this.ownOrder(user, req.params.id);
		if (!order) return notFound('Order not found');
		if (order.status === 'partially_filled') return unprocessable({ message: 'Can not update partially filled order' });
		if (order.status !== 'live') return unprocessable({ message: 'Can not update non-live order' });
		const body = unwrap(req.body, 'order');
		if (!body || (body.quantity === undefined && body.price === undefined)) return unprocessable({ message: 'missing parameters' });
		const product = /** @type {Product} */ (this.products.get(order.productId));
		let quantity = order.quantity;
		let price = order.price;
		if (body.quantity !== undefined) {
			const parsed = parse(body.quantity);
			if (parsed === undefined) return fieldError('quantity', 'is_not_a_number');
			if (parsed <= 0n) return fieldError('quantity', 'must_be_positive');
			if (parsed < product.minQuantity) return fieldError('quantity', 'less_than_order_size');
			quantity = parsed;
		}
		if (body.price !== undefined) {
			if (order.orderType !== 'limit') return fieldError('price', 'invalid');
			const parsed = parse(body.price);
			if (parsed === undefined) return fieldError('price', 'is_not_a_number');
			if (parsed <= 0n) return fieldError('price', 'must_be_positive');
			price = parsed;
		}
		const before = { quantity: order.quantity, price: order.price };
		order.quantity = quantity;
		order.price = price;
		const currency = order.leverage > 1 ? order.fundingCurrency : order.side === 'buy' ? product.quoted : product.base;
		if (this.free(user, currency) < 0n) {
			order.quantity = before.quantity;
			order.price = before.price;
			return fieldError('user', 'not_enough_free_balance');
		}
		order.updatedAt = this.now();
		this.match(order);
		return ok(this.renderOrder(order));
	}

	/** @param {SimRequest} req @param {User} user @returns {SimResponse} */
	createLoanBid(req, user) {
		const body = unwrap(req.body, 'loan_bid');
		if (!body || body.rate === undefined || body.quantity === undefined || !body.currency) {
			return unprocessable({ message: 'missing parameters' });
		}
		const currency = String(body.currency).toUpperCase();
		if (currency === 'JPY' || !CURRENCIES[/** @type {keyof CURRENCIES} */ (currency)]) return fieldError('currency', 'invalid');
		const rate = parse(body.rate);
		if (rate === undefined) return fieldError('rate', 'is_not_a_number');
		if (rate <= 0n) return fieldError('rate', 'must_be_positive');
		if (rate > d('0.0007')) return fieldError('rate', 'too_high');
		const quantity = parse(body.quantity);
		if (quantity === undefined) return fieldError('quantity', 'is_not_a_number');
		if (quantity <= 0n) return fieldError('quantity', 'must_be_positive');
		if (quantity > this.free(user, currency)) return fieldError('user', 'not_enough_free_balance');
		const bid = { id: this.nextLoanBidId++, userId: user.id, bidask_type: 'limit', quantity, currency, side: 'bid', filled: 0n, status: 'live', rate: format(rate) };
		this.loanBids.push(bid);
		return ok(this.renderLoanBid(bid));
	}

	/** Closes (part of) a margin trade at the product's last traded price. @param {any} trade @param {bigint} quantity */
	closeTrade(trade, quantity) {
		const product = /** @type {Product} */ (this.products.get(trade.productId));
		const user = this.ensureUser(trade.userId);
		const realized = pnl(trade.side, trade.openPrice, product.last, quantity);
		const releasedMargin = div(mul(trade.marginUsed, quantity), trade.openQuantity);
		this.credit(user, trade.funding_currency, realized);
		trade.marginUsed -= releasedMargin;
		trade.openQuantity -= quantity;
		trade.closeQuantity += quantity;
		trade.closePnl += realized;
		trade.closePrice = product.last;
		trade.updated_at = this.now();
		if (trade.openQuantity === 0n) {
			trade.status = 'closed';
			const loan = this.loans.find((l) => l.id === trade.loanId);
			if (loan) loan.status = 'closed';
		}
	}
}

/** @param {Order} order */
function isOpen(order) {
	return order.status === 'live' || order.status === 'partially_filled';
}

/** @param {Execution} e */
function renderPublicExecution(e) {
	return { id: e.id, quantity: format(e.quantity), price: format(e.price), taker_side: e.takerSide, created_at: e.createdAt };
}

/** @param {Execution} a @param {Execution} b */
function newestFirst(a, b) {
	return b.createdAt - a.createdAt || b.id - a.id;
}

/** @param {'long' | 'short'} side @param {bigint} open @param {bigint} close @param {bigint} quantity */
function pnl(side, open, close, quantity) {
	return side === 'long' ? mul(close - open, quantity) : mul(open - close, quantity);
}

/** @param {unknown} nonce @returns {bigint | undefined} */
function parseNonce(nonce) {
	if (typeof nonce === 'number' && Number.isInteger(nonce)) return BigInt(nonce);
	if (typeof nonce === 'string' && /^\d+$/.test(nonce)) return BigInt(nonce);
	return undefined;
}

/**
 * The fields of a body sent wrapped (`{"order": {...}}`) or flat.
 * @param {any} body @param {string} key @returns {Record<string, any> | undefined}
 */
function unwrap(body, key) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const inner = body[key];
	if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner;
	return body;
}

/** @param {any} body @returns {SimResponse} */
const ok = (body) => ({ status: 200, body });
/** @param {string} message @returns {SimResponse} */
const notFound = (message) => ({ status: 404, body: { message } });
/** @param {any} body @returns {SimResponse} */
const unprocessable = (body) => ({ status: 422, body });
/** @param {string} field @param {string} code @returns {SimResponse} */
const fieldError = (field, code) => unprocessable({ errors: { [field]: [code] } });

module.exports = {
	QuoineSimulator,
	SANDBOX_PORT,
	SANDBOX_TOKEN_ID,
	SANDBOX_TOKEN_SECRET,
	DEFAULT_USER_ID,
	MARKET_USER_ID,
	PRODUCT_SEEDS,
	STARTING_BALANCES,
};

if (require.main === module) {
	const simulator = new QuoineSimulator();
	simulator.listen(Number(process.env.PORT ?? SANDBOX_PORT), process.env.HOST ?? '127.0.0.1').then((url) => {
		process.stdout.write(`Quoine simulator on ${url} (token ID "${SANDBOX_TOKEN_ID}", secret "${SANDBOX_TOKEN_SECRET}")\n`);
	});
}

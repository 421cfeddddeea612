'use strict';
/** Quoine simulator, part 3 of 5: order placement and matching. */
const { QuoineLedger } = require('./ledger');
const { MARKET_USER_ID, LEVERAGE_LEVELS, CURRENCIES } = require('./constants');
const { parse, format, mul, div, min, d } = require('./decimal');
const { isOpen, renderPublicExecution, unprocessable, fieldError } = require('./helpers');

/**
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {import('./types').Product} Product
 * @typedef {import('./types').Order} Order
 * @typedef {import('./types').Execution} Execution
 */

/** The price-time matching engine, and helpers for tests that move the market. */
class QuoineMatching extends QuoineLedger {
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
}

module.exports = { QuoineMatching };

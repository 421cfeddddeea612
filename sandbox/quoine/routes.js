'use strict';
/** Quoine simulator, part 5 of 5: routes. */
const { QuoineRendering } = require('./rendering');
const { LEVERAGE_LEVELS, MAX_LIMIT, DEFAULT_LIMIT, CURRENCIES } = require('./constants');
const { parse, format, mul, d } = require('./decimal');
const { isOpen, renderPublicExecution, newestFirst, unwrap, ok, notFound, unprocessable, fieldError } = require('./helpers');

/**
 * @typedef {import('../common/server').SimRequest} SimRequest
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {import('./types').User} User
 * @typedef {import('./types').Product} Product
 * @typedef {import('./types').Order} Order
 */

/** The REST routes and the handlers that need more than a few lines. */
class QuoineRoutes extends QuoineRendering {
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
}

module.exports = { QuoineRoutes };

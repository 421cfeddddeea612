'use strict';
/** Quoine simulator, part 2 of 5: the ledger. */
const { QuoineAuth } = require('./auth');
const { DEFAULT_USER_ID, MARKET_USER_ID, CURRENCIES, PRODUCT_SEEDS, STARTING_BALANCES } = require('./constants');
const { format, mul, div, d } = require('./decimal');
const { isOpen, pnl } = require('./helpers');

/**
 * @typedef {import('./types').User} User
 * @typedef {import('./types').Product} Product
 * @typedef {import('./types').Order} Order
 * @typedef {import('./types').Execution} Execution
 */

/** Users, balances (free and reserved), products and the seeded state. */
class QuoineLedger extends QuoineAuth {
	/** @param {ConstructorParameters<typeof QuoineAuth>[0]} [options] */
	constructor(options = {}) {
		super(options);
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
	}

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

module.exports = { QuoineLedger };

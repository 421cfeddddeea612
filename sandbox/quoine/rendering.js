'use strict';
/** Quoine simulator, part 4 of 5: rendering. */
const { QuoineMatching } = require('./matching');
const { CURRENCIES } = require('./constants');
const { format, mul, div, d } = require('./decimal');
const { renderPublicExecution, pnl } = require('./helpers');

/**
 * @typedef {import('./types').User} User
 * @typedef {import('./types').Product} Product
 * @typedef {import('./types').Order} Order
 * @typedef {import('./types').Execution} Execution
 */

/** The JSON shapes the API answers with. */
class QuoineRendering extends QuoineMatching {
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
}

module.exports = { QuoineRendering };

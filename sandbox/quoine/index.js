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
 *
 * Layout: auth.js (version header, signature, nonces, rate limit) → ledger.js (users, balances,
 * products, seed) → matching.js (order placement, matching engine, test helpers) → rendering.js
 * (answer shapes) → routes.js (REST routes); each extends the one before, and QuoineSimulator
 * (here) puts them together. constants.js, helpers.js and decimal.js hold what they share.
 */
const { QuoineRoutes } = require('./routes');
const {
	SANDBOX_PORT,
	SANDBOX_TOKEN_ID,
	SANDBOX_TOKEN_SECRET,
	DEFAULT_USER_ID,
	MARKET_USER_ID,
	PRODUCT_SEEDS,
	STARTING_BALANCES,
} = require('./constants');

class QuoineSimulator extends QuoineRoutes {
	/** @param {ConstructorParameters<typeof QuoineRoutes>[0]} [options] */
	constructor(options = {}) {
		super(options);
		this.addToken(SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET);
		this.seed();
		this.onReset = () => {
			this.nonces.clear();
			this.rateWindows.clear();
			this.seed();
		};
		this.registerRoutes();
	}
}

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

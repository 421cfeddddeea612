'use strict';
/** Fixed values of the Quoine simulator: sandbox token, users, limits, messages, currencies and seed products. */

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

module.exports = {
	SANDBOX_PORT,
	SANDBOX_TOKEN_ID,
	SANDBOX_TOKEN_SECRET,
	DEFAULT_USER_ID,
	MARKET_USER_ID,
	LEVERAGE_LEVELS,
	MAX_LIMIT,
	DEFAULT_LIMIT,
	AUTH_FAILED,
	NONCE_TOO_SMALL,
	RATE_LIMITED,
	CURRENCIES,
	PRODUCT_SEEDS,
	STARTING_BALANCES,
};

/**
 * Every Quoine operation against nock: method, path, exact query string, JSON body and headers,
 * and whether the request carries the X-Quoine-Auth JWT (checked with jose, not with the node's
 * signing code). The table follows spec §11 method by method.
 */
import { jwtVerify } from 'jose';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../nodes/Quoine/actions/router';
import { Quoine } from '../../nodes/Quoine/Quoine.node';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { runNode } from '../helpers/engine';
import { HOST, SECRET, TOKEN_ID, credentials, noPacing } from './fixtures';

interface Case {
	/** The python-quoine methods this row stands for (spec §11). */
	methods: string[];
	resource: string;
	operation: string;
	parameters?: IDataObject;
	method: 'GET' | 'POST' | 'PUT';
	/** Path and query exactly as sent. */
	url: string;
	/** JSON body; undefined means no body at all. */
	body?: unknown;
	signed: boolean;
	answer?: unknown;
}

const PAGE = { models: [{ id: 1 }], current_page: 1, total_pages: 1 };
const product = (value: string, mode = 'id') => ({ productId: { __rl: true, mode, value } });

const cases: Case[] = [
	{ methods: ['get_products'], resource: 'product', operation: 'getAll', parameters: { returnAll: true }, method: 'GET', url: '/products', signed: false, answer: [{ id: 1 }] },
	{ methods: ['get_product'], resource: 'product', operation: 'get', parameters: product('5'), method: 'GET', url: '/products/5', signed: false },
	{ methods: ['get_order_book'], resource: 'product', operation: 'getOrderBook', parameters: { ...product('5', 'list'), full: true }, method: 'GET', url: '/products/5/price_levels?full=1', signed: false },
	{ methods: [], resource: 'product', operation: 'getOrderBook', parameters: { ...product('5'), full: false }, method: 'GET', url: '/products/5/price_levels?full=0', signed: false },
	{ methods: ['get_executions'], resource: 'execution', operation: 'getAll', parameters: { ...product('1'), returnAll: false, limit: 30 }, method: 'GET', url: '/executions?product_id=1&limit=30&page=1', signed: false, answer: PAGE },
	{ methods: ['get_executions_since_time'], resource: 'execution', operation: 'getSinceTime', parameters: { ...product('1'), timestamp: '2023-11-14T22:13:20Z', limit: 100 }, method: 'GET', url: '/executions?product_id=1&timestamp=1700000000&limit=100', signed: false, answer: [{ id: 1 }] },
	{ methods: [], resource: 'execution', operation: 'getSinceTime', parameters: { ...product('1'), timestamp: '2023-11-14T22:13:20.123Z', limit: 20 }, method: 'GET', url: '/executions?product_id=1&timestamp=1700000000&limit=20', signed: false, answer: [] },
	{ methods: ['get_my_executions'], resource: 'execution', operation: 'getMine', parameters: { ...product('1'), returnAll: true }, method: 'GET', url: '/executions/me?product_id=1&limit=1000&page=1', signed: true, answer: PAGE },
	{ methods: ['get_interest_rate_ladder'], resource: 'interestRate', operation: 'getLadder', parameters: { currency: 'usd' }, method: 'GET', url: '/ir_ladders/USD', signed: false },
	{
		methods: ['create_order (limit)', 'create_limit_buy'],
		resource: 'order', operation: 'createLimit',
		parameters: { ...product('1'), side: 'buy', quantity: '0.01', price: '500.5' },
		method: 'POST', url: '/orders', signed: true,
		body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity: '0.01', price: '500.5' } },
	},
	{
		methods: ['create_limit_sell'],
		resource: 'order', operation: 'createLimit',
		parameters: { ...product('5'), side: 'sell', quantity: 2, price: 0.0000001 },
		method: 'POST', url: '/orders', signed: true,
		body: { order: { order_type: 'limit', product_id: 5, side: 'sell', quantity: '2', price: '0.0000001' } },
	},
	{
		methods: ['create_order (market)', 'create_market_buy', 'create_market_sell'],
		resource: 'order', operation: 'createMarket',
		parameters: { ...product('1'), side: 'sell', quantity: '0.01' },
		method: 'POST', url: '/orders', signed: true,
		body: { order: { order_type: 'market', product_id: 1, side: 'sell', quantity: '0.01' } },
	},
	{
		methods: ['create_order (market_with_range)'],
		resource: 'order', operation: 'createMarketWithRange',
		parameters: { ...product('1'), side: 'buy', quantity: '0.01', priceRange: '0.001' },
		method: 'POST', url: '/orders', signed: true,
		body: { order: { order_type: 'market_with_range', product_id: 1, side: 'buy', quantity: '0.01', price_range: '0.001' } },
	},
	{
		methods: ['create_margin_order'],
		resource: 'order', operation: 'createMargin',
		parameters: { ...product('5'), orderType: 'limit', side: 'buy', quantity: '0.5', price: '600000', leverageLevel: 10, additionalFields: { fundingCurrency: 'jpy', orderDirection: 'netout' } },
		method: 'POST', url: '/orders', signed: true,
		body: { order: { order_type: 'limit', product_id: 5, side: 'buy', quantity: '0.5', leverage_level: 10, price: '600000', funding_currency: 'JPY', order_direction: 'netout' } },
	},
	{
		methods: [],
		resource: 'order', operation: 'createMargin',
		parameters: { ...product('5'), orderType: 'market_with_range', side: 'sell', quantity: '0.5', priceRange: '100', leverageLevel: 2 },
		method: 'POST', url: '/orders', signed: true,
		body: { order: { order_type: 'market_with_range', product_id: 5, side: 'sell', quantity: '0.5', leverage_level: 2, price_range: '100' } },
	},
	{ methods: ['get_order'], resource: 'order', operation: 'get', parameters: { orderId: '2157474' }, method: 'GET', url: '/orders/2157474', signed: true },
	{
		methods: ['get_orders'],
		resource: 'order', operation: 'getAll',
		parameters: { returnAll: false, limit: 5, filters: { fundingCurrency: 'USD', productId: '1', status: 'live', withDetails: true } },
		method: 'GET', url: '/orders?funding_currency=USD&product_id=1&status=live&with_details=1&limit=5&page=1', signed: true, answer: PAGE,
	},
	{ methods: [], resource: 'order', operation: 'getAll', parameters: { returnAll: true, filters: { withDetails: false } }, method: 'GET', url: '/orders?limit=1000&page=1', signed: true, answer: PAGE },
	{ methods: ['cancel_order'], resource: 'order', operation: 'cancel', parameters: { orderId: '2157474' }, method: 'PUT', url: '/orders/2157474/cancel', signed: true },
	{
		methods: ['update_live_order'],
		resource: 'order', operation: 'update',
		parameters: { orderId: '2157474', updateFields: { quantity: '0.02', price: '501' } },
		method: 'PUT', url: '/orders/2157474', signed: true, body: { order: { quantity: '0.02', price: '501' } },
	},
	{ methods: [], resource: 'order', operation: 'update', parameters: { orderId: '9', updateFields: { price: '7.5' } }, method: 'PUT', url: '/orders/9', signed: true, body: { order: { price: '7.5' } } },
	{ methods: ['get_order_trades'], resource: 'order', operation: 'getTrades', parameters: { orderId: '2157474' }, method: 'GET', url: '/orders/2157474/trades', signed: true, answer: [] },
	{ methods: ['get_fiat_accounts'], resource: 'account', operation: 'getFiatAccounts', method: 'GET', url: '/fiat_accounts', signed: true, answer: [] },
	{ methods: ['create_fiat_account'], resource: 'account', operation: 'createFiatAccount', parameters: { currency: 'usd' }, method: 'POST', url: '/fiat_accounts', signed: true, body: { currency: 'USD' } },
	{ methods: ['get_crypto_accounts'], resource: 'account', operation: 'getCryptoAccounts', method: 'GET', url: '/crypto_accounts', signed: true, answer: [] },
	{ methods: ['get_account_balances'], resource: 'account', operation: 'getBalances', method: 'GET', url: '/accounts/balance', signed: true, answer: [] },
	{ methods: ['get_main_asset'], resource: 'account', operation: 'getMainAsset', method: 'GET', url: '/accounts/main_asset', signed: true },
	{
		methods: ['create_loan_bid'],
		resource: 'loanBid', operation: 'create',
		parameters: { currency: 'usd', quantity: '50', rate: '0.0002' },
		method: 'POST', url: '/loan_bids', signed: true, body: { loan_bid: { rate: '0.0002', quantity: '50', currency: 'USD' } },
	},
	{ methods: ['get_loan_bid'], resource: 'loanBid', operation: 'getAll', parameters: { currency: 'USD', returnAll: true }, method: 'GET', url: '/loan_bids?currency=USD&limit=1000&page=1', signed: true, answer: PAGE },
	{ methods: ['close_loan_bid'], resource: 'loanBid', operation: 'close', parameters: { loanBidId: '3580' }, method: 'PUT', url: '/loan_bids/3580/close', signed: true },
	{ methods: ['get_loans'], resource: 'loan', operation: 'getAll', parameters: { currency: 'USD', returnAll: false, limit: 10 }, method: 'GET', url: '/loans?currency=USD&limit=10&page=1', signed: true, answer: PAGE },
	{ methods: ['update_loan'], resource: 'loan', operation: 'update', parameters: { loanId: '144825', fundReloaned: 'false' }, method: 'PUT', url: '/loans/144825', signed: true, body: { fund_reloaned: false } },
	{ methods: [], resource: 'loan', operation: 'update', parameters: { loanId: '144825', fundReloaned: 'true' }, method: 'PUT', url: '/loans/144825', signed: true, body: { fund_reloaned: true } },
	{ methods: [], resource: 'loan', operation: 'update', parameters: { loanId: '144825', fundReloaned: 'unchanged' }, method: 'PUT', url: '/loans/144825', signed: true, body: {} },
	{ methods: ['get_trading_accounts'], resource: 'tradingAccount', operation: 'getAll', method: 'GET', url: '/trading_accounts', signed: true, answer: [] },
	{ methods: ['get_trading_account'], resource: 'tradingAccount', operation: 'get', parameters: { tradingAccountId: '1759' }, method: 'GET', url: '/trading_accounts/1759', signed: true },
	{
		methods: ['update_leverage_level'],
		resource: 'tradingAccount', operation: 'updateLeverage',
		parameters: { tradingAccountId: '1759', leverageLevel: 25 },
		method: 'PUT', url: '/trading_accounts/1759', signed: true, body: { trading_account: { leverage_level: 25 } },
	},
	{
		methods: ['get_trades'],
		resource: 'trade', operation: 'getAll',
		parameters: { returnAll: true, filters: { fundingCurrency: 'USD', status: 'open' } },
		method: 'GET', url: '/trades?funding_currency=USD&status=open&limit=1000&page=1', signed: true, answer: PAGE,
	},
	{ methods: ['close_trade'], resource: 'trade', operation: 'close', parameters: { tradeId: '57896', closedQuantity: '0.01' }, method: 'PUT', url: '/trades/57896/close', signed: true, body: { closed_quantity: '0.01' } },
	{ methods: [], resource: 'trade', operation: 'close', parameters: { tradeId: '57896', closedQuantity: '' }, method: 'PUT', url: '/trades/57896/close', signed: true, body: {} },
	{ methods: ['close_all_trades'], resource: 'trade', operation: 'closeAll', parameters: { side: 'short' }, method: 'PUT', url: '/trades/close_all', signed: true, body: { side: 'short' }, answer: [] },
	{ methods: [], resource: 'trade', operation: 'closeAll', parameters: { side: 'both' }, method: 'PUT', url: '/trades/close_all', signed: true, body: {}, answer: [] },
	{
		methods: ['update_trade'],
		resource: 'trade', operation: 'update',
		parameters: { tradeId: '57896', stopLoss: '300', takeProfit: '0' },
		method: 'PUT', url: '/trades/57896', signed: true, body: { trade: { stop_loss: '300', take_profit: '0' } },
	},
	{ methods: ['get_trade_loans'], resource: 'trade', operation: 'getLoans', parameters: { tradeId: '57896' }, method: 'GET', url: '/trades/57896/loans', signed: true, answer: [] },
];

/** The 36 methods of python-quoine's Client (spec §11), in the spec's order. */
const SPEC_METHODS = [
	'get_products', 'get_product', 'get_order_book',
	'get_executions', 'get_executions_since_time', 'get_my_executions',
	'get_interest_rate_ladder',
	'create_order', 'create_limit_buy', 'create_limit_sell', 'create_market_buy', 'create_market_sell',
	'create_margin_order', 'get_order', 'get_orders', 'cancel_order', 'update_live_order', 'get_order_trades',
	'get_fiat_accounts', 'create_fiat_account', 'get_crypto_accounts', 'get_account_balances', 'get_main_asset',
	'create_loan_bid', 'get_loan_bid', 'close_loan_bid', 'get_loans', 'update_loan',
	'get_trading_accounts', 'get_trading_account', 'update_leverage_level',
	'get_trades', 'close_trade', 'close_all_trades', 'update_trade', 'get_trade_loans',
];

interface Seen {
	method: string;
	url: string;
	rawBody: string;
	headers: Record<string, string | string[] | undefined>;
}

function capture(method: string, answer: unknown): Seen[] {
	const seen: Seen[] = [];
	nock(HOST)
		.intercept(/.*/, method)
		.reply(function (uri, body) {
			seen.push({
				method,
				url: uri,
				rawBody: typeof body === 'string' ? body : JSON.stringify(body),
				headers: this.req.headers,
			});
			return [200, answer as nock.Body];
		});
	return seen;
}

describe('Quoine operations: request shapes', () => {
	beforeEach(() => {
		nock.disableNetConnect();
		resetRateWindows();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('covers all 36 python-quoine methods, each with an operation the node offers', () => {
		expect(SPEC_METHODS).toHaveLength(36);
		const covered = new Set(cases.flatMap((c) => c.methods.map((m) => m.replace(/ \(.*\)$/, ''))));
		expect([...covered].sort()).toEqual([...SPEC_METHODS].sort());

		const properties = new Quoine().description.properties;
		for (const c of cases) {
			expect(resources[c.resource]?.[c.operation]).toBeDefined();
			const operations = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(c.resource),
			);
			expect(operations?.options?.map((o) => (o as { value: string }).value)).toContain(c.operation);
		}
	});

	it.each(cases.map((c) => [`${c.resource} ${c.operation} → ${c.method} ${c.url}`, c] as const))(
		'%s',
		async (_name, c) => {
			const seen = capture(c.method, c.answer ?? { id: 1 });
			const result = await runNode({
				type: 'quoine',
				parameters: { resource: c.resource, operation: c.operation, ...c.parameters, ...noPacing },
				credentials,
			});
			expect(result.error).toBeUndefined();
			expect(seen).toHaveLength(1);
			const [request] = seen;
			expect(request.url).toBe(c.url);
			if (c.body === undefined) {
				expect(request.rawBody).toBe('');
				expect(request.headers['content-type']).toBeUndefined();
			} else {
				expect(JSON.parse(request.rawBody)).toEqual(c.body);
				// Key order as the SDK writes it.
				expect(request.rawBody).toBe(JSON.stringify(c.body));
				expect(request.headers['content-type']).toMatch(/^application\/json/);
			}
			expect(request.headers['x-quoine-api-version']).toBe('2');
			expect(request.headers.accept).toBe('application/json');
			expect(request.headers['x-n8n-quoine-public']).toBeUndefined();
			expect(request.headers['x-quoine-vendor-id']).toBeUndefined();
			const auth = request.headers['x-quoine-auth'];
			if (!c.signed) {
				expect(auth).toBeUndefined();
				return;
			}
			expect(typeof auth).toBe('string');
			const { payload, protectedHeader } = await jwtVerify(
				auth as string,
				new TextEncoder().encode(SECRET),
				{ algorithms: ['HS256'] },
			);
			expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'HS256' });
			expect(Object.keys(payload)).toEqual(['path', 'nonce', 'token_id']);
			expect(payload.path).toBe(c.url);
			expect(payload.token_id).toBe(TOKEN_ID);
			expect(Number.isInteger(payload.nonce)).toBe(true);
		},
	);

	it('sends the vendor ID and both language headers when they are configured', async () => {
		const seen = capture('GET', []);
		const result = await runNode({
			type: 'quoine',
			parameters: { resource: 'account', operation: 'getBalances', ...noPacing },
			credentials: { quoineApi: { ...credentials.quoineApi, vendorId: 'v-42', language: 'ja' } },
		});
		expect(result.error).toBeUndefined();
		expect(seen[0].headers['x-quoine-vendor-id']).toBe('v-42');
		expect(seen[0].headers['accept-language']).toBe('ja');
		expect(seen[0].headers.http_accept_language).toBe('ja');
	});
});

describe('Quoine operations: answers that are not the documented list', () => {
	beforeEach(() => {
		nock.disableNetConnect();
		resetRateWindows();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Trade → Get Loans: an object instead of the array of loans is an error, not "no loans"', async () => {
		capture('GET', { id: 1 });
		const result = await runNode({
			type: 'quoine',
			parameters: { resource: 'trade', operation: 'getLoans', tradeId: '57896', ...noPacing },
			credentials,
		});
		expect(result.error?.message).toBe('Quoine: the answer is not what was asked for: the loans are not a list');
	});

	it('Trade → Close All: an object instead of the closed trades is an error saying the close may have been executed', async () => {
		const seen = capture('PUT', { message: 'ok' });
		const result = await runNode({
			type: 'quoine',
			parameters: { resource: 'trade', operation: 'closeAll', side: 'both', ...noPacing },
			credentials,
		});
		expect(seen).toHaveLength(1);
		expect(result.error?.message).toBe('Quoine: the answer is not what was asked for: the closed trades are not a list');
		expect((result.error as { description?: string }).description).toMatch(/may have been executed.*Trade → Get Many/);
	});
});

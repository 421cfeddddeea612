/**
 * Quoine node behaviour against nock: readable errors for both documented body shapes and the
 * plain-text 401, 429 handling (wait, retry, give up), no retry of other errors, client-side
 * pacing, pagination, and bad input rejected before anything is sent.
 */
import { decodeJwt } from 'jose';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { describeError } from '../../nodes/Quoine/transport/errors';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { runNode } from '../helpers/engine';
import { HOST, SECRET, credentials, noPacing } from './fixtures';

interface Seen {
	method: string;
	url: string;
	auth?: string;
}

/** Records every request to HOST and answers from `answers` in turn (the last one repeats). */
function server(answers: Array<[number, unknown, Record<string, string>?]>): Seen[] {
	const seen: Seen[] = [];
	for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
		nock(HOST)
			.persist()
			.intercept(/.*/, method)
			.reply(function (uri) {
				seen.push({ method, url: uri, auth: this.req.headers['x-quoine-auth'] as string | undefined });
				const [status, body, headers] = answers[Math.min(seen.length, answers.length) - 1];
				return [status, body as nock.Body, headers ?? {}];
			});
	}
	return seen;
}

const limitBuy = { resource: 'order', operation: 'createLimit', productId: { __rl: true, mode: 'id', value: '1' }, side: 'buy', quantity: '0.01', price: '500' };

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runNode({
		type: 'quoine',
		parameters: { ...noPacing, ...parameters },
		credentials,
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
}

beforeEach(() => {
	nock.disableNetConnect();
	resetRateWindows();
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('error bodies become readable errors', () => {
	it.each([
		[400, { errors: { user: ['not_enough_free_balance'] } }, 'Not enough free balance to place this order'],
		[400, { errors: { user: ['not_enough_fund'] } }, 'Not enough funds in the account'],
		[422, { errors: { quantity: ['less_than_order_size'] } }, 'Quantity is below the minimum order size for this product'],
		[422, { errors: { price: ['must_be_positive'], quantity: ['must_be_positive'] } }, 'Quantity and price must be greater than zero; Quantity and price must be greater than zero'],
		[422, { errors: { product_id: ['product_disabled'] } }, 'This product is disabled for trading'],
		[422, { errors: { price: ['price_too_high'] } }, 'Price is too high for this product'],
		[422, { errors: { leverage_level: ['not_allowed'] } }, 'leverage_level: not allowed'],
		[422, { message: 'missing parameters' }, 'Missing parameters'],
		[404, { message: 'Order not found' }, 'No such order'],
		[422, { message: 'Can not update partially filled order' }, 'A partially filled order cannot be edited'],
		[422, { message: 'Can not update non-live order' }, 'Only live orders can be edited'],
		[401, 'API Authentication failed', 'Authentication failed: invalid API Token ID or API Secret'],
		[401, 'Nonce is too small', 'The request nonce was not increasing: retry, and check the system clock'],
		[401, '', 'Quoine: Authentication failed (HTTP 401)'],
		[429, { message: 'API rate limit exceeded. Please retry after 300s' }, 'Rate limited by the exchange: retry after 300 seconds'],
		[503, undefined, 'Quoine: Exchange unavailable, the API token lacks permission for this call, or the usage limit was reached (HTTP 503)'],
		[500, 'upstream exploded', 'Exchange error (500): upstream exploded'],
	])('%s %j → %s', (status, body, message) => {
		expect(describeError(status, body).message).toBe(message);
	});

	it('an order the exchange rejects fails the node with the readable text, and is not retried', async () => {
		const seen = server([[400, { errors: { user: ['not_enough_free_balance'] } }]]);
		const result = await run(limitBuy);
		expect(result.error?.message).toBe('Not enough free balance to place this order');
		expect(seen).toHaveLength(1);
		expect(JSON.stringify(result.run.data)).not.toContain(SECRET);
	});

	it('a plain-text 401 body becomes a credential hint, with Continue On Fail as an output item', async () => {
		server([[401, 'API Authentication failed', { 'content-type': 'text/plain' }]]);
		const result = await run({ resource: 'account', operation: 'getBalances' }, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			error: 'Authentication failed: invalid API Token ID or API Secret',
			httpCode: '401',
		});
	});

	it('5xx answers to an order are not retried', async () => {
		const seen = server([[503, ''], [200, { id: 1 }]]);
		const result = await run(limitBuy);
		expect(result.error?.message).toMatch(/Exchange unavailable/);
		expect(seen).toHaveLength(1);
	});
});

describe('rejected nonce', () => {
	it('signs again with a higher nonce and resends once the exchange says "Nonce is too small"', async () => {
		const seen = server([[401, 'Nonce is too small'], [200, { id: 78, status: 'live' }]]);
		const result = await run(limitBuy);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: 78, status: 'live' }]);
		const [first, second] = seen.map((s) => decodeJwt(s.auth as string).nonce as number);
		expect(second).toBeGreaterThan(first);
	});

	it('gives up after nine rejected nonces (queue-mode workers share a token), and never resends on other 401 answers', async () => {
		const nonce = server([[401, 'Nonce is too small']]);
		const result = await run(limitBuy);
		expect(result.error?.message).toBe('The request nonce was not increasing: retry, and check the system clock');
		expect(nonce).toHaveLength(9);
		const nonces = nonce.map((s) => decodeJwt(s.auth as string).nonce as number);
		expect(nonces.every((value, index) => index === 0 || value > nonces[index - 1])).toBe(true);
		nock.cleanAll();

		const auth = server([[401, 'API Authentication failed'], [200, { id: 1 }]]);
		const failed = await run(limitBuy);
		expect(failed.error?.message).toBe('Authentication failed: invalid API Token ID or API Secret');
		expect(auth).toHaveLength(1);
	});
});

describe('HTTP 429', () => {
	it('waits for Retry-After and sends the order again with a new nonce', async () => {
		const seen = server([
			[429, { message: 'API rate limit exceeded. Please retry after 300s' }, { 'retry-after': '0' }],
			[200, { id: 77, status: 'live' }],
		]);
		const result = await run(limitBuy);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ id: 77, status: 'live' }]);
		expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /orders', 'POST /orders']);
		const [first, second] = seen.map((s) => decodeJwt(s.auth as string).nonce as number);
		expect(second).toBeGreaterThan(first);
	});

	it('fails clearly when Retry-After is longer than the allowed wait, after one request', async () => {
		const seen = server([[429, { message: 'API rate limit exceeded. Please retry after 300s' }, { 'retry-after': '300' }]]);
		const result = await run({ ...limitBuy, requestOptions: { requestsPerWindow: 0, maxRateLimitWait: 10 } });
		expect(result.error?.message).toBe(
			'Quoine rate limit: the exchange answered 429 (too many requests) and the wait it needs (300 s) is longer than the allowed 10 s',
		);
		expect(result.error?.description).toMatch(/Max Rate-Limit Wait/);
		expect(seen).toHaveLength(1);
	});

	it('gives up once the waits add up past the maximum, naming what it waited', async () => {
		const seen = server([[429, {}, { 'retry-after': '0.6' }]]);
		const result = await run({ ...limitBuy, requestOptions: { requestsPerWindow: 0, maxRateLimitWait: 1 } });
		expect(result.error?.message).toBe(
			'Quoine rate limit: the exchange still answered 429 (too many requests) after waiting 0.6 s; the next wait of 0.6 s would pass the allowed 1 s',
		);
		expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
	});

	it('stops after 20 sends when the exchange keeps answering 429 with "Retry-After: 0"', async () => {
		const seen = server([[429, {}, { 'retry-after': '0' }]]);
		const result = await run({ resource: 'account', operation: 'getMainAsset' });
		expect(result.error?.message).toBe('Quoine rate limit: the exchange still answered 429 (too many requests) after 20 tries');
		expect(seen).toHaveLength(20);
	});

	it('without Retry-After it backs off, within the allowed wait', async () => {
		const seen = server([[429, {}]]);
		const result = await run({ resource: 'account', operation: 'getMainAsset', requestOptions: { requestsPerWindow: 0, maxRateLimitWait: 0 } });
		expect(result.error?.message).toBe(
			'Quoine rate limit: the exchange answered 429 (too many requests) and the wait it needs (1 s) is longer than the allowed 0 s',
		);
		expect(seen).toHaveLength(1);
	});
});

describe('pacing per credential', () => {
	it('keeps to the request budget: what would need a longer wait than allowed fails before sending', async () => {
		const seen = server([[200, { currency: 'USD', total_amount: '1' }]]);
		const result = await run(
			{ resource: 'account', operation: 'getMainAsset', requestOptions: { requestsPerWindow: 2, maxRateLimitWait: 5 } },
			{ input: [{}, {}, {}], continueOnFail: true },
		);
		expect(seen).toHaveLength(2);
		expect(result.json.slice(0, 2)).toEqual([
			{ currency: 'USD', total_amount: '1' },
			{ currency: 'USD', total_amount: '1' },
		]);
		expect(result.json[2].error).toMatch(/^Quoine rate limit: the request budget of 2 per 300 s is used up/);
	});
});

describe('pagination', () => {
	it('Return All follows current_page / total_pages given as strings', async () => {
		const seen = server([
			[200, { models: [{ id: 3 }, { id: 2 }], current_page: '1', total_pages: '3' }],
			[200, { models: [{ id: 1 }], current_page: '2', total_pages: '3' }],
			[200, { models: [{ id: 0 }], current_page: '3', total_pages: '3' }],
		]);
		const result = await run({ resource: 'order', operation: 'getAll', returnAll: true });
		expect(result.json.map((o) => o.id)).toEqual([3, 2, 1, 0]);
		expect(seen.map((s) => s.url)).toEqual([
			'/orders?limit=1000&page=1',
			'/orders?limit=1000&page=2',
			'/orders?limit=1000&page=3',
		]);
	});

	it('Limit asks for pages of that size and stops when it has enough', async () => {
		const seen = server([
			[200, { models: [{ id: 5 }, { id: 4 }], current_page: 1, total_pages: 9 }],
			[200, { models: [{ id: 3 }, { id: 2 }], current_page: 2, total_pages: 9 }],
		]);
		const result = await run({ resource: 'trade', operation: 'getAll', returnAll: false, limit: 3, filters: {} });
		expect(result.json.map((o) => o.id)).toEqual([5, 4, 3]);
		expect(seen.map((s) => s.url)).toEqual(['/trades?limit=3&page=1', '/trades?limit=3&page=2']);
	});

	it('a limit above 1000 is read in pages of 1000', async () => {
		const seen = server([[200, { models: [{ id: 1 }], current_page: 1, total_pages: 1 }]]);
		const result = await run({ resource: 'loan', operation: 'getAll', currency: 'USD', returnAll: false, limit: 5000 });
		expect(result.json).toEqual([{ id: 1 }]);
		expect(seen.map((s) => s.url)).toEqual(['/loans?currency=USD&limit=1000&page=1']);
	});

	it('a loan bid list answered as a single object is output as one item', async () => {
		server([[200, { id: 3580, status: 'live' }]]);
		const result = await run({ resource: 'loanBid', operation: 'getAll', currency: 'USD', returnAll: true });
		expect(result.json).toEqual([{ id: 3580, status: 'live' }]);
	});
});

describe('bad input is rejected before sending', () => {
	it('with Continue On Fail, a bad item becomes an error item and the others are still sent', async () => {
		const seen = server([[200, { id: 1, status: 'live' }]]);
		const result = await run(
			{ ...limitBuy, quantity: '={{ $json.quantity }}' },
			{ input: [{ quantity: '0.1' }, { quantity: 'lots' }, { quantity: '0.3' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ id: 1, status: 'live' },
			{ error: 'Quantity: must be a number such as 0.5 (digits and one dot)', errorDescription: 'Nothing was sent.' },
			{ id: 1, status: 'live' },
		]);
		expect(seen).toHaveLength(2);
		expect(result.items('Node').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});


	const product = { __rl: true, mode: 'id', value: '1' };
	it.each([
		['non-numeric quantity', { ...limitBuy, quantity: 'abc' }, 'Quantity: must be a number such as 0.5 (digits and one dot)'],
		['negative quantity', { ...limitBuy, quantity: '-1' }, 'Quantity: must be greater than zero'],
		// Values from expressions (e.g. a previous node), which the editor cannot check beforehand.
		['empty price on a limit order', { ...limitBuy, price: '={{ "" }}' }, 'Price: is required'],
		['price with a comma', { ...limitBuy, price: '1,5' }, 'Price: must be a number such as 0.5 (digits and one dot)'],
		['product that is not an ID', { ...limitBuy, productId: { __rl: true, mode: 'id', value: '={{ "BTCUSD" }}' } }, 'Product: must be a product ID (a whole number above zero)'],
		[
			'price on a market margin order',
			{ resource: 'order', operation: 'createMargin', orderType: 'market', productId: product, side: 'buy', quantity: '1', price: '100', leverageLevel: 2 },
			'Price: must be empty for a market order (it fills at the market price); use Order Type "Limit" to set a price',
		],
		[
			'limit margin order without a price',
			{ resource: 'order', operation: 'createMargin', orderType: 'limit', productId: product, side: 'buy', quantity: '1', price: '', leverageLevel: 2 },
			'Price: is required for a limit order',
		],
		[
			'leverage not offered',
			{ resource: 'order', operation: 'createMargin', orderType: 'limit', productId: product, side: 'buy', quantity: '1', price: '5', leverageLevel: 3 },
			'Leverage Level: must be one of 2, 4, 5, 10, 25',
		],
		[
			'market with range order without a range',
			{ resource: 'order', operation: 'createMarketWithRange', productId: product, side: 'buy', quantity: '1', priceRange: '={{ " " }}' },
			'Price Range: is required',
		],
		['leverage update not offered', { resource: 'tradingAccount', operation: 'updateLeverage', tradingAccountId: '1', leverageLevel: 50 }, 'Leverage Level: must be one of 2, 4, 5, 10, 25'],
		['order update without fields', { resource: 'order', operation: 'update', orderId: '9', updateFields: {} }, 'Update Fields: set Quantity, Price or both'],
		['order ID with letters', { resource: 'order', operation: 'cancel', orderId: '12x' }, 'Order ID: must be an order ID (a whole number above zero)'],
		['loan bid rate above 0.07%', { resource: 'loanBid', operation: 'create', currency: 'USD', quantity: '1', rate: '0.001' }, 'Rate: must be at most 0.0007 (0.07% a day)'],
		['loan bid in JPY', { resource: 'loanBid', operation: 'create', currency: 'jpy', quantity: '1', rate: '0.0002' }, 'Currency: JPY cannot be lent'],
		['currency that is not a code', { resource: 'interestRate', operation: 'getLadder', currency: 'US Dollar' }, 'Currency: must be a currency code such as USD or BTC'],
		['unreadable time', { resource: 'execution', operation: 'getSinceTime', productId: product, timestamp: 'yesterday', limit: 20 }, 'Since: must be a date or a Unix time in seconds'],
		['stop loss that is not a number', { resource: 'trade', operation: 'update', tradeId: '1', stopLoss: 'none', takeProfit: '1' }, 'Stop Loss: must be a number such as 0.5 (digits and one dot)'],
	])('%s', async (_name, parameters, message) => {
		const seen = server([[200, {}]]);
		const result = await run(parameters as IDataObject);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/Nothing was sent\./);
		expect(seen).toEqual([]);
	});
});

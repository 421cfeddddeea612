/**
 * The remaining CoinView operations against nock (request shapes and answer checks), the asset
 * picker, and the credential type itself (test request, rules, authenticate output).
 */
import { decodeJwt } from 'jose';
import nock from 'nock';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { CoinViewApi } from '../../credentials/CoinViewApi.credentials';
import { searchAssets } from '../../nodes/CoinView/methods/listSearch';
import { rateLimitRetry } from '../../nodes/CoinView/transport';
import { requestSignature } from '../../nodes/CoinView/transport/auth';
import { runNode } from '../helpers/engine';
import { ASSET_ID, HOST, OPPONENT_ID, PIN, edCredentials, rsaCredentials } from './fixtures';

const TRACE = '7c67e8e8-b142-488b-80a3-61d4d29c90bf';
const credentials = { coinViewApi: edCredentials };
const saved = { ...rateLimitRetry };
const NOT_FOUND = { error: { status: 202, code: 404, description: 'The endpoint is not found.' } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Payment → Verify', () => {
	const parameters = {
		resource: 'payment',
		operation: 'verify',
		recipientId: OPPONENT_ID.toUpperCase(),
		asset: { mode: 'list', value: ASSET_ID },
		amount: '10',
		traceId: TRACE,
	};

	it('posts asset, opponent, amount and trace ID (IDs in lower case) and returns the status', async () => {
		let body: unknown;
		nock(HOST)
			.post('/payments')
			.reply((_uri, sent) => {
				body = sent;
				return [200, { data: { status: 'paid', amount: '10', recipient: { user_id: OPPONENT_ID }, asset: { asset_id: ASSET_ID } } }];
			});
		const result = await runNode({ type: 'coinView', parameters, credentials });
		expect(body).toEqual({ asset_id: ASSET_ID, opponent_id: OPPONENT_ID, amount: '10', trace_id: TRACE });
		expect(result.json[0]).toMatchObject({ status: 'paid' });
	});

	// Spec §12.7: the answer is recipient (user), asset (asset), amount and status; it must be the
	// payment asked about, or a "paid" would confirm another payment.
	const OTHER_ID = '729c1eec-f03f-3a52-b391-6092cfaba3fb';
	const right = { status: 'paid', amount: '10', recipient: { type: 'user', user_id: OPPONENT_ID }, asset: { type: 'asset', asset_id: ASSET_ID } };
	it.each([
		['another recipient', { ...right, recipient: { type: 'user', user_id: OTHER_ID } }, /recipient is not the Recipient ID asked for/],
		['no recipient', { status: 'paid', amount: '10', asset: right.asset }, /recipient is not the Recipient ID asked for/],
		['another asset', { ...right, asset: { type: 'asset', asset_id: OTHER_ID } }, /asset is not the Asset asked for/],
		['no asset', { status: 'paid', amount: '10', recipient: right.recipient }, /asset is not the Asset asked for/],
		['another amount', { ...right, amount: '1' }, /amount is not the Amount asked for/],
		['an amount as a number', { ...right, amount: 10 }, /amount is not the Amount asked for/],
		['no amount', { status: 'paid', recipient: right.recipient, asset: right.asset }, /amount is not the Amount asked for/],
		['another trace ID', { ...right, trace_id: OTHER_ID }, /trace_id is not the Trace ID asked for/],
	])('an answer with %s is an error, not a status', async (_what, data, message) => {
		nock(HOST).post('/payments').reply(200, { data });
		const result = await runNode({ type: 'coinView', parameters, credentials, continueOnFail: true });
		expect(result.json[0].status).toBeUndefined();
		expect(result.json[0].error).toMatch(message);
	});

	it('the same amount written differently (10.00) and IDs in upper case match', async () => {
		nock(HOST)
			.post('/payments')
			.reply(200, { data: { ...right, amount: '10.00', trace_id: TRACE.toUpperCase(), asset: { asset_id: ASSET_ID.toUpperCase() } } });
		const result = await runNode({ type: 'coinView', parameters, credentials });
		expect(result.json[0]).toMatchObject({ status: 'paid', amount: '10.00' });
	});

	it('a status other than pending or paid is an error', async () => {
		nock(HOST).post('/payments').reply(200, { data: { status: 'maybe' } });
		const result = await runNode({ type: 'coinView', parameters, credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(/neither pending nor paid/);
	});
});

describe('Transfer → Get by Trace ID', () => {
	const parameters = { resource: 'transfer', operation: 'getByTraceId', traceId: TRACE };

	it('falls back to /snapshots/trace when /transfers/trace does not know the path', async () => {
		nock(HOST)
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(200, { data: { snapshot_id: 'ab56be4c-5b20-41c6-a9c3-244f9a433f35', trace_id: TRACE, amount: '-1' } });
		const result = await runNode({ type: 'coinView', parameters, credentials });
		expect(result.json[0]).toMatchObject({ trace_id: TRACE });
	});

	it('not found on both paths is a clear error; another trace ID in the answer is a bad answer', async () => {
		nock(HOST).get(`/transfers/trace/${TRACE}`).reply(202, NOT_FOUND).get(`/snapshots/trace/${TRACE}`).reply(404, NOT_FOUND);
		const missing = await runNode({ type: 'coinView', parameters, credentials, continueOnFail: true });
		expect(missing.json[0].error).toBe(`No transfer with trace ID ${TRACE}`);
		nock(HOST).get(`/transfers/trace/${TRACE}`).reply(200, { data: { trace_id: OPPONENT_ID } });
		const other = await runNode({ type: 'coinView', parameters, credentials, continueOnFail: true });
		expect(other.json[0].error).toMatch(/trace_id is not the one asked for/);
	});

	it('a transfer whose amount is not decimal text (a number) is a bad answer', async () => {
		nock(HOST).get(`/transfers/trace/${TRACE}`).reply(200, { data: { snapshot_id: 'ab56be4c-5b20-41c6-a9c3-244f9a433f35', trace_id: TRACE, amount: -1 } });
		const result = await runNode({ type: 'coinView', parameters, credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(/a transfer whose amount is not decimal text/);
	});

	it('another error (429) is not taken for "not found"', async () => {
		Object.assign(rateLimitRetry, { maxWaitMs: 0 });
		nock(HOST).get(`/transfers/trace/${TRACE}`).reply(202, { error: { status: 202, code: 429, description: 'Too Many Requests' } });
		const result = await runNode({ type: 'coinView', parameters, credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(/Rate limited/);
		Object.assign(rateLimitRetry, saved);
	});
});

describe('User → Get and Asset → Get Many', () => {
	it('reads a user and checks it is the one asked for', async () => {
		nock(HOST).get(`/users/${OPPONENT_ID}`).reply(200, { data: { type: 'user', user_id: OPPONENT_ID, full_name: 'OS105' } });
		const result = await runNode({ type: 'coinView', parameters: { resource: 'user', operation: 'get', userId: OPPONENT_ID }, credentials });
		expect(result.json[0]).toMatchObject({ full_name: 'OS105' });
	});

	it('applies Limit to the asset list; a non-list answer is an error', async () => {
		const assets = [1, 2, 3].map((n) => ({ asset_id: `0000000${n}-0000-4000-8000-000000000000`, symbol: `A${n}`, balance: `${n}.5` }));
		nock(HOST).get('/assets').reply(200, { data: assets });
		const limited = await runNode({ type: 'coinView', parameters: { resource: 'asset', operation: 'getAll', returnAll: false, limit: 2 }, credentials });
		expect(limited.json.map((asset) => asset.symbol)).toEqual(['A1', 'A2']);
		nock(HOST).get('/assets').reply(200, { data: { asset_id: ASSET_ID } });
		const bad = await runNode({ type: 'coinView', parameters: { resource: 'asset', operation: 'getAll', returnAll: true }, credentials, continueOnFail: true });
		expect(bad.json[0].error).toMatch(/not a list of records/);
	});

	// Spec §12.1: balance is a decimal string; a number would lose digits, none says nothing.
	it.each([
		['a number', 12.5],
		['missing', undefined],
		['exponent text', '1e3'],
	])('an asset whose balance is %s is an error (Get and Get Many)', async (_what, balance) => {
		nock(HOST).get(`/assets/${ASSET_ID}`).reply(200, { data: { type: 'asset', asset_id: ASSET_ID, symbol: 'EOS', balance } });
		const one = await runNode({ type: 'coinView', parameters: { resource: 'asset', operation: 'get', asset: { mode: 'id', value: ASSET_ID } }, credentials, continueOnFail: true });
		expect(one.json[0].error).toMatch(/whose balance is not decimal text/);
		nock(HOST).get('/assets').reply(200, { data: [{ type: 'asset', asset_id: ASSET_ID, symbol: 'EOS', balance }] });
		const many = await runNode({ type: 'coinView', parameters: { resource: 'asset', operation: 'getAll', returnAll: true }, credentials, continueOnFail: true });
		expect(many.json).toHaveLength(1);
		expect(many.json[0].error).toMatch(/whose balance is not decimal text/);
	});
});

describe('asset picker', () => {
	it('lists the wallet assets with symbol, name and balance, searchable', async () => {
		const calls: unknown[] = [];
		const context = {
			getNode: () => ({ id: 'n', name: 'CoinView', type: 'n8n-nodes-crypto-suite.coinView', typeVersion: 1, position: [0, 0], parameters: {} }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: unknown) => {
					calls.push(options);
					return {
						statusCode: 200,
						headers: {},
						body: {
							data: [
								{ asset_id: ASSET_ID, symbol: 'EOS', name: 'EOS', balance: '1.5' },
								{ asset_id: OPPONENT_ID, symbol: 'BTC', name: 'Bitcoin', balance: '0.1' },
							],
						},
					};
				},
			},
		} as unknown as ILoadOptionsFunctions;
		const all = await searchAssets.call(context);
		expect(all.results).toEqual([
			{ name: 'BTC · Bitcoin (balance 0.1)', value: OPPONENT_ID },
			{ name: 'EOS · EOS (balance 1.5)', value: ASSET_ID },
		]);
		const found = await searchAssets.call(context, 'bitc');
		expect(found.results.map((result) => result.value)).toEqual([OPPONENT_ID]);
		expect(calls[0]).toMatchObject({ method: 'GET', url: '/assets' });
	});
});

describe('credential type', () => {
	const type = new CoinViewApi();

	it('tests with a signed GET /assets and reads Mixin errors out of the 202 body', () => {
		expect(type.test.request).toMatchObject({ method: 'GET', url: '/assets' });
		const rules = (type.test.rules ?? []) as Array<{ properties: { key: string; value: unknown } }>;
		expect(rules.map((rule) => [rule.properties.key, rule.properties.value])).toEqual([
			['error.code', 401],
			['error.code', 403],
			['error.code', 404],
			['error.code', 429],
			['error.status', 202],
			['error.status', 200],
			['error.status', 400],
			['error.status', 500],
		]);
	});

	it('authenticate signs what it returns: URL with query, no qs left for n8n to add', async () => {
		const options = await type.authenticate(rsaCredentials, {
			method: 'GET',
			url: '/snapshots',
			qs: { limit: 2, offset: '2020-12-12T12:12:12.999999999Z' },
			json: true,
		});
		expect(options.qs).toBeUndefined();
		expect(options.url).toBe('/snapshots?limit=2&offset=2020-12-12T12%3A12%3A12.999999999Z');
		expect(options.baseURL).toBe(HOST);
		const token = String(options.headers?.Authorization).replace('Bearer ', '');
		expect(decodeJwt(token).sig).toBe(requestSignature('GET', String(options.url)));
		expect(JSON.stringify(options)).not.toContain(PIN);
	});

	it('marks every secret field as a password', () => {
		const secret = type.properties.filter((property) => property.typeOptions?.password).map((property) => property.name);
		expect(secret.sort()).toEqual(['backupSecretKey', 'pinSecret', 'pinToken', 'privateKey']);
	});
});

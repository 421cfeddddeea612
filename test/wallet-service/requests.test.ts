import { importSPKI, jwtVerify, decodeProtectedHeader } from 'jose';
import nock from 'nock';

import { sandboxAuthority } from '../../sandbox/wallet-service';
import { runNode } from '../helpers/engine';
import { BASE_URL, credentials, credentialsWith, pem } from './fixtures';

/** Checks the Authorization header with jose and the sandbox authority's public key. */
async function verifyAuthorization(header: string | undefined): Promise<void> {
	expect(header).toBeDefined();
	expect(header).not.toMatch(/^Bearer /);
	expect(decodeProtectedHeader(header as string)).toEqual({ typ: 'JWT', alg: 'ES256' });
	const key = await importSPKI(sandboxAuthority.public_key, 'ES256');
	const { payload } = await jwtVerify(header as string, key, { algorithms: ['ES256'] });
	expect(payload).toEqual({ sub: sandboxAuthority.authority_id });
}

describe('Wallet Service request shapes', () => {
	beforeEach(() => nock.disableNetConnect());
	afterEach(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	it('Entry → Create posts the entry with an ES256 token and no Bearer prefix', async () => {
		let authorization: string | undefined;
		const scope = nock(BASE_URL)
			.post('/api/v1/entry', {
				user_id: 'u1',
				amount: -5,
				reason: 'soda',
				item: { name: 'Soda Can', data: { size: 'large' } },
			})
			.matchHeader('content-type', /application\/json/)
			.reply(function () {
				authorization = this.req.headers.authorization as string;
				return [200, { entry: { entry_id: 'e1', amount: -5 } }];
			});
		const result = await runNode({
			type: 'walletService',
			parameters: {
				resource: 'entry',
				operation: 'create',
				userId: 'u1',
				amount: -5,
				reason: 'soda',
				additionalFields: { itemName: 'Soda Can', itemData: { size: 'large' } },
			},
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ entry_id: 'e1', amount: -5 }]);
		expect(scope.isDone()).toBe(true);
		await verifyAuthorization(authorization);
	});

	it('Entry → Create leaves item out when no item name is given', async () => {
		const scope = nock(BASE_URL)
			.post('/api/v1/entry', (body) => JSON.stringify(body) === '{"user_id":"u1","amount":7,"reason":"payday"}')
			.reply(200, { entry: { entry_id: 'e2' } });
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'entry', operation: 'create', userId: 'u1', amount: '7', reason: 'payday' },
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('Wallet → Get Many sends both comma-list filters and applies Limit', async () => {
		let authorization: string | undefined;
		const scope = nock(BASE_URL)
			.get('/api/v1/wallet')
			.query({ user_ids: 'a,b', authority_ids: '' })
			.reply(function () {
				authorization = this.req.headers.authorization as string;
				return [200, { wallets: [{ user_id: 'a', total: 1 }, { user_id: 'b', total: 2 }] }];
			});
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: false, limit: 1, filters: { userIds: ' a, b ,' } },
			credentials,
		});
		expect(result.json).toEqual([{ user_id: 'a', total: 1 }]);
		expect(scope.isDone()).toBe(true);
		await verifyAuthorization(authorization);
	});

	it.each([
		['unused', 'false'],
		['used', 'true'],
		['all', undefined],
	])('Inventory → Get Many with used=%s sends used=%s', async (used, expected) => {
		const query: Record<string, string> = { entry_ids: '5f0000000000000000000abc', user_ids: '', authority_ids: 'x' };
		if (expected) query.used = expected;
		const scope = nock(BASE_URL).get('/api/v1/entry/inventory').query(query).reply(200, { inventory: [] });
		const result = await runNode({
			type: 'walletService',
			parameters: {
				resource: 'inventory',
				operation: 'getAll',
				used,
				returnAll: true,
				filters: { entryIds: '5f0000000000000000000abc', authorityIds: 'x' },
			},
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['wallet', 'getAll', '/api/v1/wallet', {}, '"wallets" is not a list'],
		['wallet', 'getAll', '/api/v1/wallet', { wallets: { user_id: 'a' } }, '"wallets" is not a list'],
		['inventory', 'getAll', '/api/v1/entry/inventory', { entry: {} }, '"inventory" is not a list'],
	])('%s → %s: an answer without its list is an error, not an empty list', async (resource, operation, path, answer, message) => {
		nock(BASE_URL).get(path).query(true).reply(200, answer);
		const result = await runNode({
			type: 'walletService',
			parameters: { resource, operation, returnAll: true },
			credentials,
		});
		expect(result.error?.message).toBe(`Wallet Service: the answer is not what was asked for: ${message}`);
	});

	it('Inventory → Use Item posts to the entry path with no body', async () => {
		const scope = nock(BASE_URL)
			.post('/api/v1/entry/5f0000000000000000000abc/inventory/use', (body) => body === '' || Object.keys(body).length === 0)
			.reply(200, { entry: { entry_id: '5f0000000000000000000abc', item: { name: 'x', used: true } } });
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'inventory', operation: 'useItem', entryId: '5f0000000000000000000abc' },
			credentials,
		});
		expect(result.json[0]).toMatchObject({ item: { used: true } });
		expect(scope.isDone()).toBe(true);
	});

	it('Service → Check Health reports an incompatible or disabled server', async () => {
		nock(BASE_URL).get('/api/v1/health').reply(200, { ok: true, version: '1.1.3' });
		nock(BASE_URL).get('/api/v1/health').reply(200, { ok: true, version: '2.0.0' });
		nock(BASE_URL).get('/api/v1/health').reply(200, { ok: 'maintenance', version: '1.1.0' });
		const parameters = { resource: 'service', operation: 'checkHealth', errorIfUnhealthy: false };
		const healthy = await runNode({ type: 'walletService', parameters, credentials });
		expect(healthy.json[0]).toEqual({ healthy: true, ok: true, version: '1.1.3' });
		const tooNew = await runNode({ type: 'walletService', parameters, credentials });
		expect(tooNew.json[0]).toMatchObject({ healthy: false, problem: expect.stringContaining('2.0.0') });
		const failing = await runNode({
			type: 'walletService',
			parameters: { ...parameters, errorIfUnhealthy: true },
			credentials,
		});
		expect(failing.error?.message).toBe('Wallet service is not healthy: maintenance');
	});

	it('does not follow a redirect, so the signed token is never resent to another host', async () => {
		const elsewhere = nock('http://elsewhere.test').get(/.*/).reply(200, { wallets: [] });
		nock(BASE_URL)
			.get('/api/v1/wallet')
			.query(true)
			.reply(302, '', { Location: 'http://elsewhere.test/steal' });
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
			credentials,
		});
		expect(result.error?.message).toContain('Wallet Service answered 302');
		expect(elsewhere.isDone()).toBe(false);
	});

	it('the Base URL Override replaces api_base_url', async () => {
		const scope = nock('http://other.test:9000').get('/api/v1/health').reply(200, { ok: true, version: '1.1.0' });
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'service', operation: 'checkHealth' },
			credentials: { walletServiceApi: { ...credentials.walletServiceApi, baseUrl: 'http://other.test:9000/' } },
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

describe('Wallet Service bad input is rejected before sending', () => {
	beforeEach(() => nock.disableNetConnect());
	afterEach(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	const entry = { resource: 'entry', operation: 'create', userId: 'u1', amount: 5, reason: 'ok' };

	it.each([
		[{ ...entry, amount: 1.5 }, 'Amount: must be a whole number (no decimals)'],
		[{ ...entry, amount: 'ten' }, 'Amount: must be a whole number'],
		[{ ...entry, reason: '  ' }, 'Reason: is required'],
		// An expression can resolve to an empty value, which n8n's own required-field check cannot see.
		[{ ...entry, userId: '={{ "" }}' }, 'User ID: is required'],
		[{ ...entry, additionalFields: { itemName: 'Cap', itemData: '[1,2]' } }, 'Item Data: must be a JSON object such as {"key": "value"}'],
		[{ ...entry, additionalFields: { itemName: 'Cap', itemData: '{not json' } }, 'Item Data: must be a JSON object such as {"key": "value"}'],
		[{ ...entry, additionalFields: { itemData: '{"a":1}' } }, 'Item Name: is required when Item Data is set'],
		[{ resource: 'inventory', operation: 'useItem', entryId: 'abc' }, 'Entry ID: must be a 24-character hexadecimal entry ID, as returned by Entry → Create'],
		[{ resource: 'inventory', operation: 'getAll', used: 'unused', returnAll: true, filters: { entryIds: '5f0000000000000000000abc, nope' } }, 'Entry IDs: must be a 24-character hexadecimal entry ID, as returned by Entry → Create'],
	])('%j → %s', async (parameters, message) => {
		const result = await runNode({ type: 'walletService', parameters, credentials });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('Nothing was sent');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it.each([
		['not JSON', '{"config_schema_version":', 'Authority Configuration is not valid JSON'],
		['an RSA key', { private_key: pem('rsa') }, 'must be an ECDSA P-256 key (ES256), but it is an RSA key'],
		['a P-384 key', { private_key: pem('ec-p384') }, 'must be an ECDSA P-256 key (ES256), but it is an EC key on curve secp384r1'],
		['an Ed25519 key', { private_key: pem('ed25519') }, 'must be an ECDSA P-256 key (ES256), but it is a ed25519 key'],
		['a non-PEM key', { private_key: 'hello' }, '"private_key" is not a PEM private key'],
		['an unsupported schema version', { config_schema_version: '1.0.0' }, '"config_schema_version" "1.0.0" is not supported'],
		['no authority ID', { authority_id: '' }, '"authority_id" is missing'],
		['a base URL without scheme', { api_base_url: 'wallet.test' }, '"api_base_url" must start with http:// or https://'],
	])('a configuration with %s fails clearly and sends nothing', async (_what, override, message) => {
		const creds =
			typeof override === 'string'
				? { walletServiceApi: { authorityConfigSecret: override, baseUrl: '' } }
				: credentialsWith(override);
		let requests = 0;
		nock(BASE_URL).persist().get(/.*/).reply(() => {
			requests++;
			return [200, {}];
		});
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'service', operation: 'checkHealth' },
			credentials: creds,
		});
		expect(result.error?.message).toContain(message);
		expect(result.error?.description).toBe('Check the Wallet Service credential. Nothing was sent.');
		expect(requests).toBe(0);
		// The key never appears in the error.
		expect(JSON.stringify(result.error)).not.toContain('PRIVATE KEY');
	});
});

/**
 * The X-Quoine-Auth JWT against the spec's fixed vector (§4.1), nonce monotonicity, and what the
 * credential's authenticate adds or leaves out. Tokens are checked with jose, not the node's code.
 */
import { decodeJwt, jwtVerify } from 'jose';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { QuoineApi } from '../../credentials/QuoineApi.credentials';
import { PUBLIC_REQUEST_HEADER, nextNonce, quoineAuthToken, signedPath } from '../../nodes/Quoine/transport/auth';
import { SECRET, TOKEN_ID } from './fixtures';

// Spec §4.1: header {"typ":"JWT","alg":"HS256"}, payload
// {"path":"/orders?product_id=1","nonce":1700000000000,"token_id":"123"}, secret "test-secret".
const SPEC_VECTOR =
	'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJwYXRoIjoiL29yZGVycz9wcm9kdWN0X2lkPTEiLCJub25jZSI6MTcwMDAwMDAwMDAwMCwidG9rZW5faWQiOiIxMjMifQ.BsZhb7txz7dktmyyaJwDqtqB4SOtlzzFr0nxjR7ivU0';

const credential = new QuoineApi();
const data: ICredentialDataDecryptedObject = {
	apiTokenId: TOKEN_ID,
	apiSecret: SECRET,
	exchange: 'quoinex',
	baseUrl: '',
	vendorId: '',
	language: '',
};

async function authenticate(options: IHttpRequestOptions, credentials = data) {
	return await credential.authenticate(credentials, options);
}

describe('Quoine X-Quoine-Auth', () => {
	it('matches the spec test vector byte for byte', () => {
		expect(quoineAuthToken('/orders?product_id=1', 1700000000000, '123', 'test-secret')).toBe(SPEC_VECTOR);
	});

	it('the spec vector verifies with jose using the secret as UTF-8 bytes', async () => {
		const { payload } = await jwtVerify(SPEC_VECTOR, new TextEncoder().encode('test-secret'));
		expect(payload).toEqual({ path: '/orders?product_id=1', nonce: 1700000000000, token_id: '123' });
	});

	it('nonces strictly increase, also within one millisecond and when the clock goes back', () => {
		const first = nextNonce(1_900_000_000_000);
		const second = nextNonce(1_900_000_000_000);
		const third = nextNonce(1_899_999_999_000);
		expect(second).toBe(first + 1);
		expect(third).toBe(second + 1);
		expect(nextNonce(4_000_000_000_000)).toBe(4_000_000_000_000);
	});

	it('signs a request with the path and query as sent, and a fresh increasing nonce each time', async () => {
		const options: IHttpRequestOptions = { method: 'GET', url: '/orders?product_id=1&status=live' };
		const signed = await Promise.all([1, 2, 3, 4, 5].map(async () => await authenticate(options)));
		const nonces = signed.map((request) => {
			const claims = decodeJwt(request.headers?.['X-Quoine-Auth'] as string);
			expect(claims.path).toBe('/orders?product_id=1&status=live');
			expect(claims.token_id).toBe(TOKEN_ID);
			return claims.nonce as number;
		});
		for (let i = 1; i < nonces.length; i++) expect(nonces[i]).toBeGreaterThan(nonces[i - 1]);
		expect(signed[0].baseURL).toBe('https://api.quoine.com');
		expect(signed[0].headers?.['X-Quoine-API-Version']).toBe('2');
	});

	it('does not sign requests marked public and strips the marker', async () => {
		const result = await authenticate({
			method: 'GET',
			url: '/products',
			headers: { [PUBLIC_REQUEST_HEADER]: '1', 'User-Agent': 'x' },
		});
		expect(result.headers).toEqual({ 'User-Agent': 'x', 'X-Quoine-API-Version': '2', Accept: 'application/json' });
	});

	it('chooses the base URL of each exchange, or the custom one', async () => {
		const base = async (exchange: string, baseUrl = '') =>
			(await authenticate({ url: '/products' }, { ...data, exchange, baseUrl })).baseURL;
		expect(await base('quoinex')).toBe('https://api.quoine.com');
		expect(await base('qryptos')).toBe('https://api.qryptos.com');
		expect(await base('liquid')).toBe('https://api.liquid.com');
		expect(await base('custom', 'http://127.0.0.1:8010/')).toBe('http://127.0.0.1:8010');
		await expect(base('custom', '')).rejects.toThrow(/Base URL must start with http/);
	});

	it('refuses to sign a request whose query is not part of the URL', async () => {
		await expect(authenticate({ url: '/orders', qs: { product_id: 1 } })).rejects.toThrow(
			/query string must be part of the URL/,
		);
	});

	it('refuses to sign without a token ID or secret, without echoing the secret', async () => {
		const error = await authenticate({ url: '/accounts/balance' }, { ...data, apiTokenId: '' }).catch((e) => e);
		expect(String(error.message)).toMatch(/API Token ID and API Secret are required/);
		expect(String(error.message)).not.toContain(SECRET);
	});

	it('the signed path of an absolute URL is its path and query', () => {
		expect(signedPath('https://api.quoine.com/orders?x=1')).toBe('/orders?x=1');
		expect(signedPath('orders')).toBe('/orders');
	});

	it('the credential test calls a signed endpoint', () => {
		expect(credential.test.request.url).toBe('/accounts/balance');
		expect(credential.test.request.headers).toBeUndefined();
	});
});

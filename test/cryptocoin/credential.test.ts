/**
 * CryptoCoin credential: the platform JWT verified independently with `jose`, PKCS#1 and PKCS#8
 * keys, wrong key kinds refused before any request, both login types (nock), readable login
 * failures, token reuse rules of preAuthentication, and what `authenticate` adds and removes.
 */
import { generateKeyPairSync } from 'crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { CryptoCoinApi } from '../../credentials/CryptoCoinApi.credentials';
import { sessionFor, storedTokenExpiresAtMs } from '../../nodes/CryptoCoin/transport/auth';
import { CredentialConfigurationError } from '../../nodes/shared/errors';

const HOST = 'http://cryptocoin.test';
const BASE = '/api/v1';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PKCS1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PUBLIC = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const credential = new CryptoCoinApi();

function platformCredentials(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		baseUrl: `${HOST}${BASE}`,
		authType: 'platform',
		platform: 'plat-1',
		privateKey: PKCS8,
		algorithm: 'RS512',
		actFor: 'ana@example.com',
		sessionToken: '',
		sessionUserId: '',
		sessionUntil: '',
		sessionFor: '',
		...overrides,
	};
}

/** What n8n hands preAuthentication: `this.helpers.httpRequest`, n8n-core's own. */
async function httpRequest(options: IHttpRequestOptions) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const core = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions');
	return await core.httpRequest(options);
}

const helper = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;

const LOGIN_ANSWER = {
	data: {
		id: '12|AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd',
		userId: '9b7d4c1e-1111-4222-8333-444455556666',
		ttl: 1209600,
		until: '2030-12-08T09:43:40.289719Z',
		created: '2030-11-24T09:43:40.289746Z',
	},
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('platform login (POST /authenticate-jwt/{platform})', () => {
	it.each([
		['PKCS#8', PKCS8],
		['PKCS#1', PKCS1],
	])('signs an RS512 Token for the user with a %s key, which jose verifies with the public key', async (_kind, key) => {
		let token = '';
		let body: unknown;
		const scope = nock(HOST)
			.post(`${BASE}/authenticate-jwt/plat-1`, (sent) => {
				body = sent;
				return true;
			})
			.matchHeader('accept', 'application/json')
			.reply(function () {
				token = String(this.req.headers.token);
				return [200, LOGIN_ANSWER];
			});
		const before = Math.floor(Date.now() / 1000);
		const result = await credential.preAuthentication.call(helper, platformCredentials({ privateKey: key }));
		scope.done();
		// Spec §4.2 step 4: no body at all (not even {}), only the Token header.
		expect(body === undefined || body === '').toBe(true);
		expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'RS512' });
		const { payload } = await jwtVerify(token, await importSPKI(PUBLIC, 'RS512'), { algorithms: ['RS512'] });
		expect(payload.email).toBe('ana@example.com');
		expect(payload.id).toBeUndefined();
		expect(payload.expire).toBeGreaterThanOrEqual(before + 300);
		expect(payload.expire).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 300);
		expect(result).toEqual({
			sessionToken: LOGIN_ANSWER.data.id,
			sessionUserId: LOGIN_ANSWER.data.userId,
			sessionUntil: '2030-12-08T09:43:40.289Z',
			sessionFor: sessionFor(platformCredentials()),
		});
	});

	it('names the user by id when the credential gives an ID, and signs RS256 when chosen', async () => {
		let token = '';
		nock(HOST)
			.post(`${BASE}/authenticate-jwt/plat-1`)
			.reply(function () {
				token = String(this.req.headers.token);
				return [200, LOGIN_ANSWER];
			});
		await credential.preAuthentication.call(helper, platformCredentials({ actFor: '4711', algorithm: 'RS256' }));
		const { payload, protectedHeader } = await jwtVerify(token, await importSPKI(PUBLIC, 'RS256'), { algorithms: ['RS256'] });
		expect(protectedHeader.alg).toBe('RS256');
		expect(payload).toEqual({ id: '4711', expire: expect.any(Number) });
	});

	const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	const encrypted = rsa.privateKey
		.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass' })
		.toString();
	it.each([
		['an EC key', ec, /EC key; CryptoCoin.pro platform tokens need an RSA key/],
		['an Ed25519 key', ed, /ED25519 key; .* need an RSA key/],
		['a public key', PUBLIC, /holds a public key/],
		['an encrypted key', encrypted, /encrypted with a passphrase/],
		['a 1024-bit key', small, /1024 bits/],
		['text that is no PEM', 'not a key', /must be an RSA private key in PEM form/],
		['a broken PEM', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', /not a readable PEM/],
		['nothing', '', /Private Key is required/],
	])('refuses %s before sending anything', async (_what, key, message) => {
		const error = await credential.preAuthentication.call(helper, platformCredentials({ privateKey: key })).catch((e) => e);
		expect(error).toBeInstanceOf(CredentialConfigurationError);
		expect(error.message).toMatch(message);
		// No key material in the message (the second PEM line is base64 of the key).
		const keyLine = key.split('\n')[1];
		if (keyLine && keyLine.length > 8) expect(error.message).not.toContain(keyLine.slice(0, 16));
	});

	it.each([
		['missing platform', { platform: '' }, /Platform must be/],
		['a platform with a slash', { platform: '../x' }, /Platform must be/],
		['a user that is neither e-mail nor ID', { actFor: 'ana@' }, /User \(Email or ID\)/],
		['no user', { actFor: '' }, /User \(Email or ID\)/],
		['a custom environment without a URL', { baseUrl: 'localhost:80' }, /Base URL must be an http/],
	])('refuses %s in the credential', async (_what, overrides, message) => {
		await expect(credential.preAuthentication.call(helper, platformCredentials(overrides))).rejects.toThrow(message);
	});

	it.each([
		[401, { error: 'The account is inactive.' }, /is inactive \(CryptoCoin.pro: "The account is inactive."\)\. Activate the account/],
		[403, { error: 'The provided credentials are incorrect.' }, /were not accepted .*Check the Platform, the Private Key/],
		[423, { error: 'The account is locked.' }, /is locked .*Contact CryptoCoin.pro support/],
		[422, { message: 'The given data was invalid.', errors: { email: ['x'] } }, /refused as invalid \(422\)/],
	])('turns a %s login answer into a message that says what to do', async (status, answer, message) => {
		nock(HOST).post(`${BASE}/authenticate-jwt/plat-1`).reply(status, answer);
		const error = await credential.preAuthentication.call(helper, platformCredentials()).catch((e) => e);
		expect(error.name).toBe('CryptoCoinLoginError');
		expect(error.message).toMatch(message);
	});

	it('refuses a 200 answer without a token, without quoting the answer', async () => {
		nock(HOST).post(`${BASE}/authenticate-jwt/plat-1`).reply(200, { data: { userId: 'u1', secretThing: 'zzz-secret' } });
		const error = await credential.preAuthentication.call(helper, platformCredentials()).catch((e) => e);
		expect(error.message).toMatch(/has no data.id token/);
		expect(error.message).not.toContain('zzz-secret');
	});

	it.each([
		['valid (a credential test checks the key anew)', {}],
		['about to expire', { sessionUntil: new Date(Date.now() + 30_000).toISOString() }],
		['issued for another user', { sessionFor: sessionFor(platformCredentials({ actFor: 'bob@example.com' })) }],
	])('logs in when called with a stored token that is %s', async (_what, overrides) => {
		const scope = nock(HOST).post(`${BASE}/authenticate-jwt/plat-1`).reply(200, LOGIN_ANSWER);
		const stored = platformCredentials({
			sessionToken: 'old-token',
			sessionUserId: 'u1',
			sessionUntil: new Date(Date.now() + 3_600_000).toISOString(),
			sessionFor: sessionFor(platformCredentials()),
			...overrides,
		});
		const result = await credential.preAuthentication.call(helper, stored);
		scope.done();
		expect(result.sessionToken).toBe(LOGIN_ANSWER.data.id);
	});

	it('tells the request wrapper when the stored token expires, and that a token for another user is expired', () => {
		const until = '2030-01-01T00:00:00.000Z';
		const stored = platformCredentials({ sessionToken: 't', sessionUntil: until, sessionFor: sessionFor(platformCredentials()) });
		expect(storedTokenExpiresAtMs(stored)).toBe(Date.parse(until));
		expect(storedTokenExpiresAtMs({ ...stored, actFor: 'bob@example.com' })).toBe(0);
		expect(storedTokenExpiresAtMs({ ...stored, baseUrl: 'http://other.test/api/v1' })).toBe(0);
		expect(storedTokenExpiresAtMs({ ...stored, sessionUntil: '' })).toBeUndefined();
	});

	it('derives until from ttl when the answer has no until (2019 shape)', async () => {
		nock(HOST)
			.post(`${BASE}/authenticate-jwt/plat-1`)
			.reply(200, { data: { id: 'x'.repeat(64), userId: 7, ttl: 1209600, created: '2030-01-01T00:00:00.000Z' } });
		const result = await credential.preAuthentication.call(helper, platformCredentials());
		expect(result).toMatchObject({ sessionUserId: '7', sessionUntil: '2030-01-15T00:00:00.000Z' });
	});
});

describe('user login (POST /authenticate)', () => {
	const userCredentials = (overrides: ICredentialDataDecryptedObject = {}) => ({
		environment: 'custom',
		baseUrl: `${HOST}${BASE}`,
		authType: 'user',
		email: 'ana@example.com',
		password: 'pa55-word',
		sessionToken: '',
		...overrides,
	});

	it('sends e-mail and password as JSON', async () => {
		const scope = nock(HOST)
			.post(`${BASE}/authenticate`, { email: 'ana@example.com', password: 'pa55-word' })
			.matchHeader('content-type', /application\/json/)
			.reply(200, LOGIN_ANSWER);
		const result = await credential.preAuthentication.call(helper, userCredentials());
		scope.done();
		expect(result.sessionToken).toBe(LOGIN_ANSWER.data.id);
	});

	it.each([
		[{ email: 'not-an-email' }, /Email must be a valid e-mail/],
		[{ password: '' }, /Password is required/],
	])('refuses a bad credential before sending', async (overrides, message) => {
		await expect(credential.preAuthentication.call(helper, userCredentials(overrides))).rejects.toThrow(message);
	});

	it('says the password was not accepted on 403, without the password', async () => {
		nock(HOST).post(`${BASE}/authenticate`).reply(403, { error: 'The provided credentials are incorrect.' });
		const error = await credential.preAuthentication.call(helper, userCredentials()).catch((e) => e);
		expect(error.message).toMatch(/ana@example.com were not accepted/);
		expect(error.message).not.toContain('pa55-word');
	});

	it('uses the production host by default', async () => {
		const scope = nock('https://appapi-public.cryptocoin.pro').post('/api/v1/authenticate').reply(200, LOGIN_ANSWER);
		await credential.preAuthentication.call(helper, userCredentials({ environment: 'production' }));
		scope.done();
	});
});

describe('authenticate', () => {
	const loggedIn = platformCredentials({
		sessionToken: 'tok-1',
		sessionUserId: 'user 1/x',
		sessionUntil: '2030-01-01T00:00:00.000Z',
		sessionFor: sessionFor(platformCredentials()),
	});

	it('adds the base URL, JSON headers and the bearer token, and fills {user}', async () => {
		const result = await credential.authenticate(loggedIn, { url: '/user/{user}/phone', method: 'POST', headers: {} });
		expect(result.baseURL).toBe(`${HOST}${BASE}`);
		expect(result.url).toBe('/user/user%201%2Fx/phone');
		expect(result.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer tok-1' });
	});

	it('sends no bearer token to a public endpoint and removes the marker', async () => {
		const result = await credential.authenticate(loggedIn, { url: '/user', method: 'POST', headers: { 'x-n8n-cryptocoin-public': '1' } });
		expect(result.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
	});

	it('signs a platform Token for an Act for User login, without a bearer token', async () => {
		const result = await credential.authenticate(loggedIn, {
			url: '/authenticate-jwt',
			method: 'POST',
			headers: { 'x-n8n-cryptocoin-login-as': 'bob@example.com', Authorization: 'Bearer forged' },
		});
		expect(result.url).toBe('/authenticate-jwt/plat-1');
		const headers = result.headers as Record<string, string>;
		expect(headers.Authorization).toBeUndefined();
		expect(Object.keys(headers).some((name) => name.startsWith('x-n8n'))).toBe(false);
		const { payload } = await jwtVerify(headers.Token, await importSPKI(PUBLIC, 'RS512'));
		expect(payload.email).toBe('bob@example.com');
		// The stored credential is not touched.
		expect(loggedIn.actFor).toBe('ana@example.com');
		expect(loggedIn.sessionToken).toBe('tok-1');
	});

	it('uses the Act for User bearer token instead of the credential one', async () => {
		const result = await credential.authenticate(loggedIn, {
			url: '/user/u2/kyc',
			method: 'GET',
			headers: { 'x-n8n-cryptocoin-bearer': 'tok-bob' },
		});
		expect((result.headers as Record<string, string>).Authorization).toBe('Bearer tok-bob');
		expect(result.url).toBe('/user/u2/kyc');
	});

	it('refuses Act for User with a User credential', async () => {
		await expect(
			credential.authenticate({ ...loggedIn, authType: 'user' }, { url: '/authenticate-jwt', headers: { 'x-n8n-cryptocoin-login-as': 'bob@example.com' } }),
		).rejects.toThrow(/needs a CryptoCoin credential with Platform authentication/);
	});

	it('never uses a stored token issued for another user', async () => {
		await expect(credential.authenticate({ ...loggedIn, actFor: 'bob@example.com' }, { url: '/user/{user}', headers: {} })).rejects.toThrow(
			/belongs to another user/,
		);
	});

	it('tests the credential on the authenticated profile endpoint', () => {
		expect(credential.test.request).toEqual({ method: 'GET', url: '/user/{user}' });
	});
});

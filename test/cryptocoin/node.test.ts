/**
 * CryptoCoin node in n8n-core's engine against nock: exact request shapes, one login for many
 * items, refresh before expiry and after a 401 (exactly one new login), Act for User tokens kept
 * apart, Laravel errors naming the field, 423, quote confirmation that never confirms twice,
 * multipart uploads, paging, bad input refused before any request, and no secret in any output.
 */
import { generateKeyPairSync } from 'crypto';
import { importSPKI, jwtVerify } from 'jose';
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { forgetSessions, sessionCount, setMaxPages, setMaxSessions } from '../../nodes/CryptoCoin/transport';
import { sessionFor } from '../../nodes/CryptoCoin/transport/auth';
import { runWorkflow, type RunResult, type TestNode } from '../helpers/engine';

const HOST = 'http://cryptocoin.test';
const BASE = '/api/v1';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const USER_PASS_FIXTURE = 'Sup3r-secret-pass';

const ANA = { token: '11|AnaTokenAnaTokenAnaTokenAnaTokenAnaToken00', userId: 'ana-uuid' };
const BOB = { token: '12|BobTokenBobTokenBobTokenBobTokenBobToken00', userId: 'bob-uuid' };
const CAROL = { token: '13|CarolTokenCarolTokenCarolTokenCarolToken0', userId: 'carol-uuid' };

function platform(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		baseUrl: `${HOST}${BASE}`,
		authType: 'platform',
		platform: 'plat-1',
		privateKey: PRIVATE_KEY,
		algorithm: 'RS512',
		actFor: 'ana@example.com',
		sessionToken: '',
		sessionUserId: '',
		sessionUntil: '',
		sessionFor: '',
		...overrides,
	};
}

/** A credential already logged in as Ana, valid for an hour. */
function loggedIn(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return platform({
		sessionToken: ANA.token,
		sessionUserId: ANA.userId,
		sessionUntil: new Date(Date.now() + 3_600_000).toISOString(),
		sessionFor: sessionFor(platform()),
		...overrides,
	});
}

function loginAnswer(user: { token: string; userId: string }, untilMs = Date.now() + 14 * 86_400_000) {
	return { data: { id: user.token, userId: user.userId, ttl: 1209600, until: new Date(untilMs).toISOString(), created: new Date().toISOString() } };
}

/** Who a platform Token header names, verified with the public key (jose). */
async function tokenUser(token: string): Promise<string> {
	const { payload } = await jwtVerify(token, await importSPKI(PUBLIC_KEY, 'RS512'), { algorithms: ['RS512'] });
	return String(payload.email ?? payload.id);
}

/** Logins seen by nock, by the user the platform token names. */
function platformLogins(users: Record<string, { token: string; userId: string }>, logins: string[]) {
	return nock(HOST)
		.post(`${BASE}/authenticate-jwt/plat-1`)
		.times(20)
		.reply(async function () {
			const who = await tokenUser(String(this.req.headers.token));
			logins.push(who);
			const user = users[who];
			return user ? [200, loginAnswer(user)] : [403, { error: 'The provided credentials are incorrect.' }];
		});
}

const runs: RunResult[] = [];
async function run(nodes: TestNode[], credentials: ICredentialDataDecryptedObject, input: IDataObject[] = [{}]) {
	const result = await runWorkflow({ nodes, credentials: { cryptoCoinApi: credentials }, input });
	runs.push(result);
	return result;
}
const node = (parameters: IDataObject, extra: Partial<TestNode> = {}): TestNode => ({ name: 'CryptoCoin', type: 'cryptoCoin', parameters, ...extra });

let unexpected: string[] = [];
beforeAll(() => {
	nock.disableNetConnect();
	nock.emitter.on('no match', (req: { method?: string; path?: string }) => unexpected.push(`${req.method} ${req.path}`));
});
beforeEach(() => {
	forgetSessions();
	unexpected = [];
});
afterEach(() => {
	nock.cleanAll();
});
afterAll(() => {
	nock.enableNetConnect();
	// No token, password or key in any output or error of this file.
	const text = JSON.stringify(
		runs.map((result) => ({ output: result.run.data.resultData.runData, error: result.error?.message, description: (result.error as { description?: string })?.description })),
	);
	for (const secret of [ANA.token, BOB.token, CAROL.token, USER_PASS_FIXTURE, PRIVATE_KEY.split('\n')[1]]) expect(text).not.toContain(secret);
});

describe('login token', () => {
	it('logs in once for many items and fills {user} with the logged-in user', async () => {
		const logins: string[] = [];
		platformLogins({ 'ana@example.com': ANA }, logins);
		const profile = nock(HOST)
			.get(`${BASE}/user/${ANA.userId}`)
			.matchHeader('authorization', `Bearer ${ANA.token}`)
			.times(3)
			.reply(200, { data: { id: ANA.userId, email: 'ana@example.com', kyc: { address: { required: true }, video: { required: false } } } });
		const result = await run([node({ resource: 'user', operation: 'getProfile' })], platform(), [{}, {}, {}]);
		expect(result.error).toBeUndefined();
		expect(logins).toEqual(['ana@example.com']);
		profile.done();
		expect(result.output('CryptoCoin')).toHaveLength(3);
		expect(result.output('CryptoCoin')[0]).toMatchObject({ id: ANA.userId, requiredKyc: ['kyc.address'] });
		expect(result.items('CryptoCoin').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// n8n stores the login in the credential's hidden fields, for the credential's own user.
		expect(result.credentialsHelper['data' as never]).toMatchObject({ cryptoCoinApi: { sessionToken: ANA.token, sessionUserId: ANA.userId } });
	});

	it('logs in again after a 401, exactly once, and resends', async () => {
		const logins: string[] = [];
		const fresh = { token: '14|FreshFreshFreshFreshFreshFreshFreshFresh00', userId: ANA.userId };
		platformLogins({ 'ana@example.com': fresh }, logins);
		// Items run at the same time, so each may have been sent with the old token before the first 401.
		nock(HOST).get(`${BASE}/user/${ANA.userId}`).matchHeader('authorization', `Bearer ${ANA.token}`).times(3).reply(401, { message: 'Unauthenticated.' });
		const ok = nock(HOST)
			.get(`${BASE}/user/${ANA.userId}`)
			.matchHeader('authorization', `Bearer ${fresh.token}`)
			.times(3)
			.reply(200, { data: { id: ANA.userId } });
		const result = await run([node({ resource: 'user', operation: 'getProfile' })], loggedIn(), [{}, {}, {}]);
		expect(result.error).toBeUndefined();
		expect(logins).toEqual(['ana@example.com']);
		ok.done();
	});

	it('logs in before a request when the stored token is about to expire', async () => {
		const logins: string[] = [];
		platformLogins({ 'ana@example.com': ANA }, logins);
		const ok = nock(HOST).get(`${BASE}/user/${ANA.userId}/kyc`).matchHeader('authorization', `Bearer ${ANA.token}`).reply(200, { data: { status: 'NOT COMPLETED' } });
		const result = await run(
			[node({ resource: 'kyc', operation: 'getStatus' })],
			loggedIn({ sessionToken: 'old-token', sessionUntil: new Date(Date.now() + 20_000).toISOString() }),
		);
		expect(result.error).toBeUndefined();
		expect(logins).toEqual(['ana@example.com']);
		ok.done();
		expect(result.output('CryptoCoin')).toEqual([{ status: 'NOT COMPLETED' }]);
	});

	it('says the account is locked (423) and does not log in again for every item', async () => {
		const logins: string[] = [];
		nock(HOST)
			.post(`${BASE}/authenticate-jwt/plat-1`)
			.times(10)
			.reply(function () {
				logins.push('x');
				return [423, { error: 'The account is locked.' }];
			});
		const result = await run([node({ resource: 'user', operation: 'getProfile' }, { continueOnFail: true })], platform(), [{}, {}, {}]);
		const output = result.output('CryptoCoin');
		expect(output).toHaveLength(3);
		for (const item of output) expect(item.error).toMatch(/account of ana@example.com is locked .*Contact CryptoCoin.pro support/);
		// Items that started together waited for the first login and fail with it; later items
		// reuse the known failure.
		expect(logins.length).toBe(1);
	});
});

describe('Act for User', () => {
	it('keeps every user’s token apart and never stores another user in the credential', async () => {
		const logins: string[] = [];
		platformLogins({ 'bob@example.com': BOB, 'carol-id': CAROL }, logins);
		const seen: Array<[string, string]> = [];
		nock(HOST)
			.get(/\/api\/v1\/user\/[a-z-]+\/kyc$/)
			.times(4)
			.reply(function (uri) {
				seen.push([uri, String(this.req.headers.authorization)]);
				return [200, { data: { status: 'ACCEPTED' } }];
			});
		const result = await run(
			[node({ resource: 'kyc', operation: 'getStatus', actForUser: '={{ $json.user }}' })],
			loggedIn(),
			[{ user: 'bob@example.com' }, { user: 'carol-id' }, { user: 'bob@example.com' }, { user: '' }],
		);
		expect(result.error).toBeUndefined();
		expect(logins).toEqual(['bob@example.com', 'carol-id']);
		// Reads run at the same time, so the requests may leave in any order.
		expect([...seen].sort()).toEqual(
			[
				[`${BASE}/user/${BOB.userId}/kyc`, `Bearer ${BOB.token}`],
				[`${BASE}/user/${CAROL.userId}/kyc`, `Bearer ${CAROL.token}`],
				[`${BASE}/user/${BOB.userId}/kyc`, `Bearer ${BOB.token}`],
				[`${BASE}/user/${ANA.userId}/kyc`, `Bearer ${ANA.token}`],
			].sort(),
		);
		expect(sessionCount()).toBe(2);
		// The stored credential still names Ana and holds her token only.
		const stored = (result.credentialsHelper as unknown as { data: Record<string, IDataObject> }).data.cryptoCoinApi;
		expect(stored).toMatchObject({ actFor: 'ana@example.com', sessionToken: ANA.token, sessionUserId: ANA.userId });
	});

	it('logs an Act for User user in with only the Token header: no body, no bearer token', async () => {
		const sent: Array<{ body: unknown; headers: Record<string, unknown> }> = [];
		nock(HOST)
			.post(`${BASE}/authenticate-jwt/plat-1`)
			.reply(async function (_uri, body) {
				sent.push({ body, headers: this.req.headers });
				expect(await tokenUser(String(this.req.headers.token))).toBe('bob@example.com');
				return [200, loginAnswer(BOB)];
			});
		nock(HOST).get(`${BASE}/user/${BOB.userId}`).matchHeader('authorization', `Bearer ${BOB.token}`).reply(200, { data: { id: BOB.userId, email: 'bob@example.com' } });
		const result = await run([node({ resource: 'user', operation: 'getProfile', actForUser: 'bob@example.com' })], loggedIn());
		expect(result.error).toBeUndefined();
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toBe('');
		expect(sent[0].headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
		expect(sent[0].headers.authorization).toBeUndefined();
		expect(Object.keys(sent[0].headers).filter((name) => name.startsWith('x-n8n'))).toEqual([]);
	});

	it('logs each user in once when items of several users run at the same time', async () => {
		const logins: string[] = [];
		platformLogins({ 'bob@example.com': BOB, 'carol-id': CAROL }, logins);
		const seen: Array<[string, string]> = [];
		nock(HOST)
			.get(/\/api\/v1\/user\/[a-z-]+$/)
			.times(8)
			.delay(20)
			.reply(function (uri) {
				seen.push([uri, String(this.req.headers.authorization)]);
				return [200, { data: { id: uri.split('/').pop() } }];
			});
		const users = ['bob@example.com', 'carol-id', 'bob@example.com', 'carol-id', 'bob@example.com', 'carol-id', 'bob@example.com', 'carol-id'];
		const result = await run(
			[node({ resource: 'user', operation: 'getProfile', actForUser: '={{ $json.user }}', requestOptions: { concurrency: 4 } })],
			loggedIn(),
			users.map((user) => ({ user })),
		);
		expect(result.error).toBeUndefined();
		expect([...logins].sort()).toEqual(['bob@example.com', 'carol-id']);
		for (const [uri, authorization] of seen) {
			expect(authorization).toBe(uri.endsWith(BOB.userId) ? `Bearer ${BOB.token}` : `Bearer ${CAROL.token}`);
		}
		expect(result.output('CryptoCoin').map((item) => item.id)).toEqual(users.map((user) => (user === 'carol-id' ? CAROL.userId : BOB.userId)));
	});

	it('logs the credential’s own user in once when Act for User items start together without a stored token', async () => {
		const logins: string[] = [];
		platformLogins({ 'ana@example.com': ANA, 'bob@example.com': BOB, 'carol-id': CAROL }, logins);
		nock(HOST).get(/\/api\/v1\/user\/[a-z-]+$/).times(8).delay(20).reply(200, (uri) => ({ data: { id: uri.split('/').pop() } }));
		const users = ['bob@example.com', 'carol-id', '', 'bob@example.com', '', 'carol-id', '', 'bob@example.com'];
		const result = await run(
			[node({ resource: 'user', operation: 'getProfile', actForUser: '={{ $json.user }}' })],
			platform(),
			users.map((user) => ({ user })),
		);
		expect(result.error).toBeUndefined();
		expect([...logins].sort()).toEqual(['ana@example.com', 'bob@example.com', 'carol-id']);
		expect(result.output('CryptoCoin').map((item) => item.id)).toEqual(
			users.map((user) => (user === 'carol-id' ? CAROL.userId : user ? BOB.userId : ANA.userId)),
		);
	});

	it('keeps a bounded number of users’ tokens, dropping the oldest', async () => {
		setMaxSessions(5);
		try {
			const logins: string[] = [];
			nock(HOST)
				.post(`${BASE}/authenticate-jwt/plat-1`)
				.times(20)
				.reply(async function () {
					const who = await tokenUser(String(this.req.headers.token));
					logins.push(who);
					return [200, loginAnswer({ token: `t-${who}`, userId: who })];
				});
			nock(HOST).get(/\/api\/v1\/user\/u\d+\/kyc$/).times(20).reply(200, { data: { status: 'ACCEPTED' } });
			// u0 … u6 fill the map past its bound; u6 is still known, u0 was dropped and logs in again.
			const users = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u6', 'u0'];
			const result = await run([node({ resource: 'kyc', operation: 'getStatus', actForUser: '={{ $json.user }}' })], loggedIn(), users.map((user) => ({ user })));
			expect(result.error).toBeUndefined();
			expect(logins).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u0']);
			expect(sessionCount()).toBe(5);
		} finally {
			setMaxSessions();
		}
	});

	it('logs a user in again once after a 401 on their token', async () => {
		const logins: string[] = [];
		platformLogins({ 'bob@example.com': BOB }, logins);
		nock(HOST).get(`${BASE}/user/${BOB.userId}/order`).reply(401, { message: 'Unauthenticated.' });
		nock(HOST).get(`${BASE}/user/${BOB.userId}/order`).matchHeader('authorization', `Bearer ${BOB.token}`).reply(200, { data: [] });
		const result = await run([node({ resource: 'order', operation: 'getAll', returnAll: true, actForUser: 'bob@example.com' })], loggedIn());
		expect(result.error).toBeUndefined();
		expect(logins).toEqual(['bob@example.com', 'bob@example.com']);
	});

	it('refuses Act for User with a User credential before sending', async () => {
		const result = await run(
			[node({ resource: 'kyc', operation: 'getStatus', actForUser: 'bob@example.com' })],
			{ environment: 'custom', baseUrl: `${HOST}${BASE}`, authType: 'user', email: 'ana@example.com', password: USER_PASS_FIXTURE, sessionToken: '' },
		);
		expect(result.error?.message).toMatch(/^Act for User: needs a CryptoCoin credential with Platform authentication/);
		expect(unexpected).toEqual([]);
	});

	it('says which user could not log in', async () => {
		const logins: string[] = [];
		platformLogins({}, logins);
		const result = await run([node({ resource: 'kyc', operation: 'getStatus', actForUser: 'nobody@example.com' })], loggedIn());
		expect(result.error?.message).toMatch(/the user nobody@example.com were not accepted/);
	});
});

describe('request shapes', () => {
	it('creates a user on the public endpoint with platform.id, without a bearer token, and hides the password', async () => {
		let headers: Record<string, unknown> = {};
		const scope = nock(HOST)
			.post(`${BASE}/user`, { email: 'new@example.com', password: USER_PASS_FIXTURE, platform: { id: 'plat-uuid-1' }, first_name: 'Ana' })
			.reply(function () {
				headers = this.req.headers;
				return [201, { data: { id: 'new-uuid', email: 'new@example.com', password: USER_PASS_FIXTURE, password_confirmation: USER_PASS_FIXTURE } }];
			});
		const result = await run(
			[node({ resource: 'user', operation: 'create', email: 'new@example.com', password: USER_PASS_FIXTURE, platformId: 'plat-uuid-1', additionalFields: '{"first_name":"Ana"}' })],
			loggedIn(),
		);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(headers.authorization).toBeUndefined();
		expect(result.output('CryptoCoin')).toEqual([{ id: 'new-uuid', email: 'new@example.com' }]);
	});

	it('creates a quote with the amount as text, as typed', async () => {
		const scope = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { operation: 'buy_with_fiat', symbol: 'ETH', secondSymbol: 'EUR', secondAmount: '100.50', method: 'card' })
			.reply(201, { data: { id: 'q1', status: 'available' } });
		const result = await run(
			[node({ resource: 'quote', operation: 'create', quoteOperation: 'buy_with_fiat', symbol: 'eth', secondSymbol: 'EUR', amountSide: 'secondAmount', amount: '100.50', method: 'card' })],
			loggedIn(),
		);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.output('CryptoCoin')).toEqual([{ id: 'q1', status: 'available' }]);
	});

	it('names the field of a Laravel validation error by its editor label', async () => {
		nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`)
			.reply(422, { message: 'The given data was invalid.', errors: { amount: ['The amount must be at least 10.'], symbol: ['The symbol is not supported.'] } });
		const result = await run(
			[node({ resource: 'quote', operation: 'create', quoteOperation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amountSide: 'amount', amount: '1', method: 'none' })],
			loggedIn(),
		);
		expect(result.error?.message).toBe('CryptoCoin rejected Amount (amount): The amount must be at least 10.');
		expect((result.error as { description?: string }).description).toContain('Symbol (symbol): The symbol is not supported.');
	});

	it('follows Laravel pages and applies Limit', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/wallet`).reply(200, { data: [{ id: 'w1' }, { id: 'w2' }], meta: { current_page: 1, last_page: 3 } });
		nock(HOST).get(`${BASE}/user/${ANA.userId}/wallet`).query({ page: '2' }).reply(200, { data: [{ id: 'w3' }, { id: 'w4' }], meta: { current_page: 2, last_page: 3 } });
		const result = await run([node({ resource: 'wallet', operation: 'getAll', returnAll: false, limit: 3 })], loggedIn());
		expect(result.error).toBeUndefined();
		expect(result.output('CryptoCoin')).toEqual([{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }]);
	});

	it('refuses a list of more pages than it reads instead of cutting it silently', async () => {
		setMaxPages(4);
		try {
			let pages = 0;
			nock(HOST)
				.get(`${BASE}/user/${ANA.userId}/card`)
				.query(true)
				.times(5)
				.reply(() => {
					pages += 1;
					return [200, { data: [{ id: `c${pages}` }], meta: { current_page: pages, last_page: 5000 } }];
				});
			const result = await run([node({ resource: 'card', operation: 'getAll', returnAll: true })], loggedIn());
			expect(pages).toBe(4);
			expect(result.error?.message).toBe('CryptoCoin: listing cards has more than 4 pages');
		} finally {
			setMaxPages();
		}
	});

	it('treats a list answer that is not a list as an error, not as no results', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/bank`).reply(200, '<html><title>Maintenance</title></html>', { 'content-type': 'text/html' });
		const result = await run([node({ resource: 'bank', operation: 'getAll', returnAll: true })], loggedIn());
		expect(result.error?.message).toMatch(/non-JSON answer: an HTML page \(Maintenance\)/);
	});

	it('adds a wallet with address and network in capitals', async () => {
		const scope = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/wallet`, { address: '0x52908400098527886E0F7030069857D2E4169EE7', network: 'ETH' })
			.reply(201, { data: { id: 'w9' } });
		const result = await run(
			[node({ resource: 'wallet', operation: 'add', address: '0x52908400098527886E0F7030069857D2E4169EE7', network: 'eth' })],
			loggedIn(),
		);
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('deletes a card and treats an empty answer as done', async () => {
		const scope = nock(HOST).delete(`${BASE}/user/${ANA.userId}/card/c-7`).reply(204);
		const result = await run([node({ resource: 'card', operation: 'delete', recordId: 'c-7' })], loggedIn());
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.output('CryptoCoin')).toEqual([{ id: 'c-7', deleted: true }]);
	});

	it('uploads the proof of payment as a multipart file, with the card payment URL in the output of Get', async () => {
		let contentType = '';
		let body = '';
		nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/order/o-1/payment-confirmation`)
			.reply(function (_uri, sent) {
				contentType = String(this.req.headers['content-type']);
				body = typeof sent === 'string' ? sent : Buffer.from(sent as never).toString('latin1');
				return [200, { data: { id: 'o-1', status: 'PROCESSING_PAYMENT' } }];
			});
		const result = await runWorkflow({
			nodes: [node({ resource: 'order', operation: 'confirmPayment', orderId: 'o-1', proofType: 'binary', binaryPropertyName: 'statement', additionalFields: '{"reference":"TR-1"}' })],
			credentials: { cryptoCoinApi: loggedIn() },
			inputItems: [{ json: {}, binary: { statement: { data: Buffer.from('%PDF-1.4 proof').toString('base64'), mimeType: 'application/pdf', fileName: 'statement.pdf' } } }],
		});
		runs.push(result);
		expect(result.error).toBeUndefined();
		const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(contentType)?.[1];
		expect(boundary).toBeDefined();
		expect(body).toBe(
			`--${boundary}\r\nContent-Disposition: form-data; name="reference"\r\n\r\nTR-1\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="proof"; filename="statement.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 proof\r\n` +
				`--${boundary}--\r\n`,
		);
		expect(result.output('CryptoCoin')).toEqual([{ id: 'o-1', status: 'PROCESSING_PAYMENT' }]);
	});

	it('uploads both sides of a KYC document as files front and back', async () => {
		let body = '';
		nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/kyc/documents`)
			.reply(function (_uri, sent) {
				body = typeof sent === 'string' ? sent : Buffer.from(sent as never).toString('latin1');
				return [201, { data: { status: 'WAITING ADMIN APPROVAL' } }];
			});
		const file = (text: string, fileName: string) => ({ data: Buffer.from(text).toString('base64'), mimeType: 'image/png', fileName });
		const result = await runWorkflow({
			nodes: [node({ resource: 'kyc', operation: 'documents', documentType: 'id_card', frontBinaryPropertyName: 'front', backBinaryPropertyName: 'back' })],
			credentials: { cryptoCoinApi: loggedIn() },
			inputItems: [{ json: {}, binary: { front: file('FRONT-BYTES', 'front.png'), back: file('BACK-BYTES', 'back.png') } }],
		});
		runs.push(result);
		expect(result.error).toBeUndefined();
		expect(body).toMatch(/name="type"\r\n\r\nid_card\r\n/);
		expect(body).toMatch(/name="front"; filename="front.png"\r\nContent-Type: image\/png\r\n\r\nFRONT-BYTES\r\n/);
		expect(body).toMatch(/name="back"; filename="back.png"\r\nContent-Type: image\/png\r\n\r\nBACK-BYTES\r\n/);
		expect(result.output('CryptoCoin')).toEqual([
			{ kycPart: 'documents', submitted: true, status: 'WAITING ADMIN APPROVAL', documentType: 'id_card', files: ['front', 'back'] },
		]);
	});

	it('puts the card payment URL of an order at the top of the output', async () => {
		nock(HOST)
			.get(`${BASE}/user/${ANA.userId}/order/o-2`)
			.reply(200, { data: { id: 'o-2', status: 'PAYMENT_WAITING', payment: { url: 'https://pay.example.com/o-2' } } });
		const result = await run([node({ resource: 'order', operation: 'get', orderId: 'o-2' })], loggedIn());
		expect(result.output('CryptoCoin')[0]).toMatchObject({ id: 'o-2', paymentUrl: 'https://pay.example.com/o-2' });
	});
});

describe('bad input is refused before any request', () => {
	const quote = { resource: 'quote', operation: 'create', quoteOperation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amountSide: 'amount', amount: '1', method: 'none' };
	it.each([
		['an invalid e-mail', { resource: 'user', operation: 'create', email: 'ana@', password: 'x', platformId: 'p' }, /^Email: must be an e-mail address/],
		['a missing platform ID', { resource: 'user', operation: 'create', email: 'ana@example.com', password: 'x', platformId: '={{ $json.none }}' }, /^Platform ID: is required/],
		['additional fields that are a list', { ...quote, additionalFields: '[1,2]' }, /^Additional Fields \(JSON\): must be a JSON object/],
		['additional fields that are not JSON', { ...quote, additionalFields: '{amount: 1' }, /^Additional Fields \(JSON\): must be a JSON object/],
		['additional fields that repeat a field', { ...quote, additionalFields: '{"amount":"5"}' }, /^Additional Fields \(JSON\): "amount" is set by the Amount field/],
		['a hexadecimal amount', { ...quote, amount: '0x10' }, /^Amount: /],
		['an exponent amount', { ...quote, amount: '1e5' }, /^Amount: /],
		['a leading plus', { ...quote, amount: '+1' }, /^Amount: /],
		['full-width digits', { ...quote, amount: '１' }, /^Amount: /],
		['a 100k-character amount', { ...quote, amount: '1'.repeat(100_000) }, /^Amount: /],
		['a Cyrillic symbol', { ...quote, symbol: 'ЕТН' }, /^Symbol: /],
		['a path in a quote ID', { resource: 'quote', operation: 'confirm', quoteId: '../order' }, /^Quote ID: /],
		['a phone number with +', { resource: 'phone', operation: 'add', phone: '+40730000000' }, /^Phone Number: /],
		['a card without fields', { resource: 'card', operation: 'add', additionalFields: '{}' }, /^Additional Fields \(JSON\): give the card fields/],
		['an impossible date of birth', { resource: 'kyc', operation: 'personalData', dateOfBirth: '2001-02-30' }, /^Date of Birth: /],
		['a bad Act for User', { resource: 'kyc', operation: 'getStatus', actForUser: 'bob@@x' }, /^Act for User: /],
		['a date of birth of 100k characters', { resource: 'kyc', operation: 'personalData', dateOfBirth: 'x'.repeat(100_000) }, /^Date of Birth: is too long/],
		['an e-mail of 100k characters', { resource: 'user', operation: 'verifyEmail', email: 'x'.repeat(100_000), code: '1' }, /^Email: is too long/],
		['an ID starting with -', { resource: 'order', operation: 'get', orderId: '-1' }, /^Order ID: must be an ID/],
		['a Limit in hexadecimal', { resource: 'order', operation: 'getAll', returnAll: false, limit: '={{ "0x10" }}' }, /^Limit: /],
		['an unknown order status', { resource: 'order', operation: 'getAll', returnAll: true, status: '={{ "approved" }}' }, /^Status: must be one of APPROVED/],
		['an unknown proof type', { resource: 'order', operation: 'confirmPayment', orderId: 'o-1', proofType: '={{ "pdf" }}' }, /^Proof Of Payment: must be binary or json/],
		['EDD fields that are not an object', { resource: 'kyc', operation: 'edd', additionalFields: '[1]' }, /^EDD Fields \(JSON\): must be a JSON object/],
		['a missing binary file', { resource: 'kyc', operation: 'video', binaryPropertyName: 'video' }, /^Input Binary Field: the input item has no binary property "video"/],
	])('%s', async (_what, parameters, message) => {
		const result = await run([node(parameters)], loggedIn());
		expect(result.error?.message).toMatch(message);
		expect(unexpected).toEqual([]);
		expect(nock.isDone()).toBe(true);
	});
});

describe('credential problems are reported before any request', () => {
	const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
	it.each([
		['a key that is not RSA', platform({ privateKey: ec }), /Private Key is an EC key; CryptoCoin.pro platform tokens need an RSA key/],
		['a missing platform', platform({ platform: '' }), /Platform must be the platform ID or code/],
		['a user that is no e-mail or ID', platform({ actFor: 'x y' }), /User \(Email or ID\) must be an e-mail address or a user ID/],
	])('%s', async (_what, credentials, message) => {
		const result = await run([node({ resource: 'user', operation: 'getProfile' })], credentials);
		expect(result.error?.message).toMatch(message);
		expect((result.error as { description?: string }).description).toMatch(/Check the CryptoCoin credential. Nothing was sent./);
		expect(unexpected).toEqual([]);
	});
});

describe('Quote → Confirm never confirms twice', () => {
	const confirm = { resource: 'quote', operation: 'confirm', quoteId: 'q-1' };

	it('confirms an available quote and returns the order with its payment URL', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'available' } });
		const post = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote/q-1`)
			.reply(200, { data: { id: 'o-1', status: 'PAYMENT_WAITING', payment_url: 'https://checkout.example.com/o-1', quote_id: 'q-1' } });
		const result = await run([node(confirm)], loggedIn());
		expect(result.error).toBeUndefined();
		post.done();
		expect(result.output('CryptoCoin')).toEqual([
			{ id: 'o-1', status: 'PAYMENT_WAITING', payment_url: 'https://checkout.example.com/o-1', quote_id: 'q-1', paymentUrl: 'https://checkout.example.com/o-1' },
		]);
	});

	it('returns the existing order of a quote that is already completed, without confirming', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'completed', order_id: 'o-1' } });
		nock(HOST).get(`${BASE}/user/${ANA.userId}/order/o-1`).reply(200, { data: { id: 'o-1', status: 'APPROVED' } });
		const result = await run([node(confirm)], loggedIn());
		expect(result.error).toBeUndefined();
		expect(unexpected).toEqual([]);
		expect(result.output('CryptoCoin')).toEqual([{ id: 'o-1', status: 'APPROVED', alreadyConfirmed: true }]);
	});

	it('finds the order by its quote in the order list when the quote does not name it', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'completed' } });
		nock(HOST).get(`${BASE}/user/${ANA.userId}/order`).reply(200, { data: [{ id: 'o-0', quote_id: 'q-0' }, { id: 'o-1', quote: { id: 'q-1' } }] });
		const result = await run([node(confirm)], loggedIn());
		expect(result.output('CryptoCoin')).toEqual([{ id: 'o-1', quote: { id: 'q-1' }, alreadyConfirmed: true }]);
	});

	it('returns the order of a quote confirmed meanwhile elsewhere (409), without a second confirmation', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'available' } });
		nock(HOST).post(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(409, { message: 'The quote is already confirmed.' });
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'completed', orderId: 'o-9' } });
		nock(HOST).get(`${BASE}/user/${ANA.userId}/order/o-9`).reply(200, { data: { id: 'o-9', status: 'PAYMENT_WAITING' } });
		const result = await run([node(confirm)], loggedIn());
		expect(result.error).toBeUndefined();
		expect(result.output('CryptoCoin')).toEqual([{ id: 'o-9', status: 'PAYMENT_WAITING', alreadyConfirmed: true }]);
	});

	it('says clearly that an expired quote must be created again', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'expired' } });
		const result = await run([node(confirm)], loggedIn());
		expect(result.error?.message).toBe('Quote ID: quote q-1 has expired and can no longer be confirmed');
		expect((result.error as { description?: string }).description).toMatch(/Create a new quote .*Nothing was confirmed/);
		expect(unexpected).toEqual([]);
	});

	it('reads a service error about an expired quote the same way', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'available' } });
		nock(HOST).post(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(422, { message: 'The quote has expired.' });
		const result = await run([node(confirm)], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the quote has expired and can no longer be confirmed: The quote has expired.');
	});

	describe('after a lost answer', () => {
		it('after a lost answer, Retry On Fail looks the quote up and returns the one order', async () => {
			let posts = 0;
			nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'available' } });
			// The confirmation reaches the server, but its answer is lost.
			nock(HOST)
				.post(`${BASE}/user/${ANA.userId}/quote/q-1`, () => ++posts > 0)
				.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
			// Any further confirmation would be counted here.
			nock(HOST)
				.post(`${BASE}/user/${ANA.userId}/quote/q-1`)
				.times(5)
				.reply(() => {
					posts++;
					return [200, { data: { id: 'o-2' } }];
				});
			nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'completed', order_id: 'o-1' } });
			nock(HOST).get(`${BASE}/user/${ANA.userId}/order/o-1`).reply(200, { data: { id: 'o-1', status: 'PAYMENT_WAITING' } });
			const result = await run([node(confirm, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 })], loggedIn());
			expect(result.error).toBeUndefined();
			expect(posts).toBe(1);
			expect(result.output('CryptoCoin')).toEqual([{ id: 'o-1', status: 'PAYMENT_WAITING', alreadyConfirmed: true }]);
		});

		it('without Retry On Fail, a lost answer says the quote may have been confirmed', async () => {
			nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'available' } });
			nock(HOST).post(`${BASE}/user/${ANA.userId}/quote/q-1`).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
			const result = await run([node(confirm)], loggedIn());
			expect(result.error?.message).toMatch(/closed without an answer/);
			expect((result.error as { description?: string }).description).toMatch(/may have been executed/);
		});

		it('after a lost answer, a quote that cannot be looked up is refused, not confirmed again', async () => {
			let posts = 0;
			nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).times(2).reply(404, { message: 'Not found.' });
			nock(HOST)
				.post(`${BASE}/user/${ANA.userId}/quote/q-1`, () => ++posts > 0)
				.times(3)
				.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
			const result = await run([node(confirm, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 })], loggedIn());
			expect(posts).toBe(1);
			expect(result.error?.message).toBe('Quote q-1 was not confirmed again: an earlier try got no answer, and the quote cannot be looked up');
		});
	});
});

describe('an answer that is not what was asked is an error', () => {
	it('refuses a 200 answer that carries Laravel validation errors, naming the field', async () => {
		nock(HOST)
			.post(`${BASE}/user/verify`, { email: 'ana@example.com', code: '123456' })
			.reply(200, { message: 'The given data was invalid.', errors: { code: ['The code is invalid.'] } });
		const result = await run([node({ resource: 'user', operation: 'verifyEmail', email: 'ana@example.com', code: '123456' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin rejected Code (code): The code is invalid.');
	});

	it('names the quote operation by its editor label in a validation error', async () => {
		nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`)
			.reply(422, { message: 'The given data was invalid.', errors: { operation: ['The selected operation is invalid.'] } });
		const result = await run(
			[node({ resource: 'quote', operation: 'create', quoteOperation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amountSide: 'amount', amount: '1', method: 'none' })],
			loggedIn(),
		);
		expect(result.error?.message).toBe('CryptoCoin rejected Quote Operation (operation): The selected operation is invalid.');
	});

	it('refuses another quote than the one asked for', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-2', status: 'available' } });
		const result = await run([node({ resource: 'quote', operation: 'get', quoteId: 'q-1' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to getting quote q-1 is about another quote (id "q-2", expected "q-1")');
	});

	it('refuses another order than the one asked for', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/order/o-1`).reply(200, { data: { id: 'o-9', status: 'APPROVED' } });
		const result = await run([node({ resource: 'order', operation: 'get', orderId: 'o-1' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to getting order o-1 is about another order (id "o-9", expected "o-1")');
	});

	it('refuses the profile of another user', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}`).reply(200, { data: { id: ANA.userId, email: 'bob@example.com' } });
		const result = await run([node({ resource: 'user', operation: 'getProfile' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to getting the user profile is about another user (email "bob@example.com", expected "ana@example.com")');
	});

	it('refuses the profile of another user than the User ID typed', async () => {
		nock(HOST).get(`${BASE}/user/u-7`).reply(200, { data: { id: 'u-8' } });
		const result = await run([node({ resource: 'user', operation: 'getProfile', userId: 'u-7' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to getting the user profile is about another user (id "u-8", expected "u-7")');
	});

	it('accepts the profile of the user asked for, e-mail compared without case', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}`).reply(200, { data: { id: ANA.userId, email: 'Ana@Example.com' } });
		const result = await run([node({ resource: 'user', operation: 'getProfile' })], loggedIn());
		expect(result.error).toBeUndefined();
		expect(result.output('CryptoCoin')).toEqual([{ id: ANA.userId, email: 'Ana@Example.com', requiredKyc: [] }]);
	});

	it('refuses a quote for another currency than asked', async () => {
		nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: '1' })
			.reply(201, { data: { id: 'q-1', operation: 'buy', symbol: 'BTC', secondSymbol: 'EUR', status: 'available' } });
		const result = await run(
			[node({ resource: 'quote', operation: 'create', quoteOperation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amountSide: 'amount', amount: '1', method: 'none' })],
			loggedIn(),
		);
		expect(result.error?.message).toBe('CryptoCoin: the answer to creating a quote is about another symbol (symbol "BTC", expected "ETH")');
	});

	it('refuses a confirmation that answers with the order of another quote, saying it may have been confirmed', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'available' } });
		nock(HOST).post(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(201, { data: { id: 'o-5', quoteId: 'q-5', status: 'PAYMENT_WAITING' } });
		const result = await run([node({ resource: 'quote', operation: 'confirm', quoteId: 'q-1' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to confirming quote q-1 is about another quote (quoteId "q-5", expected "q-1")');
		expect((result.error as { description?: string }).description).toMatch(/may have been confirmed/);
	});

	it('refuses the order of a completed quote when it names another quote', async () => {
		nock(HOST).get(`${BASE}/user/${ANA.userId}/quote/q-1`).reply(200, { data: { id: 'q-1', status: 'completed', orderId: 'o-1' } });
		nock(HOST).get(`${BASE}/user/${ANA.userId}/order/o-1`).reply(200, { data: { id: 'o-1', quote: { id: 'q-2' } } });
		const result = await run([node({ resource: 'quote', operation: 'confirm', quoteId: 'q-1' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to getting order o-1 of quote q-1 is about another quote (quote.id "q-2", expected "q-1")');
		expect(unexpected).toEqual([]);
	});
});

describe('answers to writes about something else', () => {
	it('refuses a payment confirmation that names another order', async () => {
		nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/order/o-1/payment-confirmation`, { reference: 'TR-1' })
			.reply(200, { data: { id: 'pc-1', order_id: 'o-2' } });
		const result = await run(
			[node({ resource: 'order', operation: 'confirmPayment', orderId: 'o-1', proofType: 'json', additionalFields: '{"reference":"TR-1"}' })],
			loggedIn(),
		);
		expect(result.error?.message).toBe('CryptoCoin: the answer to confirming the payment of order o-1 is about another order (order_id "o-2", expected "o-1")');
		expect((result.error as { description?: string }).description).toMatch(/may have been received/);
	});

	it('refuses a new user with another e-mail than sent', async () => {
		nock(HOST).post(`${BASE}/user`).reply(201, { data: { id: 'u-1', email: 'other@example.com' } });
		const result = await run(
			[node({ resource: 'user', operation: 'create', email: 'new@example.com', password: 'Another-pass-9', platformId: 'plat-uuid-1' })],
			loggedIn(),
		);
		expect(result.error?.message).toBe('CryptoCoin: the answer to creating a user is about another user (email "other@example.com", expected "new@example.com")');
		// The node copy that n8n keeps with the error has the password field hidden (the workflow
		// itself, which holds the parameter, is n8n's).
		expect(JSON.stringify(result.run.data.resultData)).not.toContain('Another-pass-9');
		expect((result.error as { node?: { parameters?: IDataObject } }).node?.parameters?.password).toBe('(hidden)');
	});

	it('refuses an e-mail verification answered for another user', async () => {
		nock(HOST).post(`${BASE}/user/verify`).reply(200, { data: { id: 'u-1', email: 'other@example.com', emailVerified: true } });
		const result = await run([node({ resource: 'user', operation: 'verifyEmail', email: 'ana@example.com', code: '123456' })], loggedIn());
		expect(result.error?.message).toBe('CryptoCoin: the answer to verifying the e-mail is about another user (email "other@example.com", expected "ana@example.com")');
	});
});

describe('the payment method of a quote', () => {
	const fiat = { resource: 'quote', operation: 'create', quoteOperation: 'buy_with_fiat', symbol: 'ETH', secondSymbol: 'EUR', amountSide: 'secondAmount', amount: '100' };

	it('is required for Buy With Fiat and refused before any request when not sent', async () => {
		const result = await run([node({ ...fiat, method: 'none' })], loggedIn());
		expect(result.error?.message).toBe('Payment Method: choose Card or Bank Transfer for Buy With Fiat');
		expect(unexpected).toEqual([]);
	});

	it('defaults to card for Buy With Fiat', async () => {
		const scope = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { operation: 'buy_with_fiat', symbol: 'ETH', secondSymbol: 'EUR', secondAmount: '100', method: 'card' })
			.reply(201, { data: { id: 'q-1', status: 'available' } });
		const result = await run([node(fiat)], loggedIn());
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('may be given as orderPaymentType in Additional Fields instead', async () => {
		const scope = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { orderPaymentType: 'bank', operation: 'buy_with_fiat', symbol: 'ETH', secondSymbol: 'EUR', secondAmount: '100' })
			.reply(201, { data: { id: 'q-1', status: 'available' } });
		const result = await run([node({ ...fiat, method: 'none', additionalFields: '{"orderPaymentType":"bank"}' })], loggedIn());
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('is sent for Buy when chosen, and not sent by default', async () => {
		const chosen = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: '0.5', method: 'bank' })
			.reply(201, { data: { id: 'q-1', status: 'available' } });
		const withMethod = await run([node({ ...fiat, quoteOperation: 'buy', amountSide: 'amount', amount: '0.5', method: 'bank' })], loggedIn());
		expect(withMethod.error).toBeUndefined();
		chosen.done();
		const plain = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { operation: 'buy', symbol: 'ETH', secondSymbol: 'EUR', amount: '0.5' })
			.reply(201, { data: { id: 'q-2', status: 'available' } });
		const byDefault = await run([node({ ...fiat, quoteOperation: 'buy', amountSide: 'amount', amount: '0.5' })], loggedIn());
		expect(byDefault.error).toBeUndefined();
		plain.done();
	});

	it('is not sent for Sell, even when the hidden field holds one', async () => {
		const scope = nock(HOST)
			.post(`${BASE}/user/${ANA.userId}/quote`, { operation: 'sell', symbol: 'ETH', secondSymbol: 'EUR', amount: '0.5' })
			.reply(201, { data: { id: 'q-1', status: 'available' } });
		const result = await run([node({ ...fiat, quoteOperation: 'sell', amountSide: 'amount', amount: '0.5', method: 'bank' })], loggedIn());
		expect(result.error).toBeUndefined();
		scope.done();
	});
});

describe('the wallet network', () => {
	it('is required and refused before any request when empty', async () => {
		const result = await run([node({ resource: 'wallet', operation: 'add', address: '0x52908400098527886E0F7030069857D2E4169EE7', network: '={{ "" }}' })], loggedIn());
		expect(result.error?.message).toMatch(/^Network: is required/);
		expect(unexpected).toEqual([]);
	});
});

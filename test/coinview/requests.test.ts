/**
 * CoinView node request shapes against nock, through n8n-core's engine and the credential's own
 * `authenticate`: what is signed is what is sent (checked with jose and a hand-computed sig),
 * both endpoint modes, error answers on any HTTP status, bad input rejected before sending, and a
 * transfer that pays once.
 */
import { createHash, createPublicKey } from 'crypto';
import { importSPKI, jwtVerify, decodeJwt } from 'jose';
import nock from 'nock';

import { forgetPinRejections } from '../../nodes/CoinView/helpers/pinGuard';
import { rateLimitRetry } from '../../nodes/CoinView/transport';
import { forgetSentKeys } from '../../nodes/shared/idempotency';
import { runNode } from '../helpers/engine';
import { ASSET_ID, HOST, OPPONENT_ID, PIN, SESSION_ID, USER_ID, edCredentials, rsaCredentials, vectors } from './fixtures';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function asset(overrides: Record<string, unknown> = {}) {
	return { type: 'asset', asset_id: ASSET_ID, symbol: 'EOS', name: 'EOS', balance: '12.5', chain_id: ASSET_ID, ...overrides };
}

function snapshot(body: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
	return {
		type: 'transfer',
		snapshot_id: 'ab56be4c-5b20-41c6-a9c3-244f9a433f35',
		opponent_id: body.opponent_id,
		asset_id: body.asset_id,
		amount: `-${String(body.amount)}`,
		trace_id: body.trace_id,
		memo: body.memo,
		created_at: '2018-05-03T10:08:34.859542588Z',
		...overrides,
	};
}

const transferParameters = (overrides: Record<string, unknown> = {}) => ({
	resource: 'transfer',
	operation: 'create',
	recipientId: OPPONENT_ID,
	asset: { mode: 'id', value: ASSET_ID },
	amount: '0.01',
	memo: 'hello',
	options: {},
	...overrides,
});

const defaultRetry = { ...rateLimitRetry };
beforeAll(() => {
	nock.disableNetConnect();
	// 429 retries wait 1 ms, 2 ms, 4 ms … at most 20 ms in total here.
	Object.assign(rateLimitRetry, { maxWaitMs: 20, firstBackoffMs: 1 });
});
afterAll(() => Object.assign(rateLimitRetry, defaultRetry));
afterEach(() => {
	nock.cleanAll();
	forgetSentKeys();
	forgetPinRejections();
});
afterAll(() => nock.enableNetConnect());

describe('signing on the wire', () => {
	it('direct mode: GET with query; the Bearer token verifies and sig covers the URI as sent', async () => {
		let seen: { path: string; auth: string; requestId: string } | undefined;
		nock(HOST)
			.get(/^\/snapshots/)
			.reply(function (uri) {
				seen = {
					path: uri,
					auth: String(this.req.headers.authorization),
					requestId: String(this.req.headers['x-request-id']),
				};
				return [200, { data: [] }];
			});
		const result = await runNode({
			type: 'coinView',
			parameters: {
				resource: 'transaction',
				operation: 'getAll',
				limit: 10,
				order: 'DESC',
				filters: { before: '2018-09-11T05:39:25.429083062Z', asset: ASSET_ID },
			},
			credentials: { coinViewApi: rsaCredentials },
		});
		expect(result.error).toBeUndefined();
		expect(seen?.path).toBe(
			`/snapshots?limit=10&offset=2018-09-11T05%3A39%3A25.429083062Z&order=DESC&asset=${ASSET_ID}`,
		);
		const token = seen!.auth.replace(/^Bearer /, '');
		const key = await importSPKI(createPublicKey(vectors.rsaPem).export({ type: 'spki', format: 'pem' }).toString(), 'RS512');
		const { payload, protectedHeader } = await jwtVerify(token, key);
		expect(protectedHeader.alg).toBe('RS512');
		expect(payload).toMatchObject({ uid: USER_ID, sid: SESSION_ID, scp: 'FULL', sig: sha256(`GET${seen!.path}`) });
		expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
		expect(seen!.requestId).toBe(payload.jti);
	});

	it('direct mode, Ed25519: POST body is signed as sent, the encrypted PIN is fresh and never the PIN', async () => {
		const bodies: string[] = [];
		const tokens: string[] = [];
		nock(HOST)
			.post('/transfers')
			.reply(function (_uri, body) {
				const text = typeof body === 'string' ? body : JSON.stringify(body);
				bodies.push(text);
				tokens.push(String(this.req.headers.authorization).replace(/^Bearer /, ''));
				return [200, { data: snapshot(JSON.parse(text)) }];
			});
		const result = await runNode({
			type: 'coinView',
			parameters: transferParameters(),
			credentials: { coinViewApi: edCredentials },
		});
		expect(result.error).toBeUndefined();
		const sent = JSON.parse(bodies[0]);
		expect(Object.keys(sent).sort()).toEqual(['amount', 'asset_id', 'memo', 'opponent_id', 'pin', 'trace_id']);
		expect(sent).toMatchObject({ asset_id: ASSET_ID, opponent_id: OPPONENT_ID, amount: '0.01', memo: 'hello' });
		expect(sent.trace_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(sent.pin).toMatch(/^[A-Za-z0-9_-]{64}$/);
		expect(bodies[0]).not.toContain(PIN);
		const publicKey = createPublicKey({
			key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(vectors.edPublicHex, 'hex')]),
			format: 'der',
			type: 'spki',
		});
		const { payload, protectedHeader } = await jwtVerify(tokens[0], publicKey);
		expect(protectedHeader.alg).toBe('EdDSA');
		expect(payload.sig).toBe(sha256(`POST/transfers${bodies[0]}`));
		expect(result.json[0]).toMatchObject({ trace_id: sent.trace_id, amount: '-0.01', alreadyExisted: false });
		expect(JSON.stringify(result.json)).not.toContain(sent.pin);
	});

	it('relay mode: every call is POST <root>/wallet with the SDK envelope and no Authorization header', async () => {
		let envelope: Record<string, string> | undefined;
		let authorization: unknown;
		nock('http://relay.test')
			.post('/v1/api/wallet')
			.reply(function (_uri, body) {
				envelope = (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, string>;
				authorization = this.req.headers.authorization;
				return [200, { data: asset() }];
			});
		const result = await runNode({
			type: 'coinView',
			parameters: { resource: 'asset', operation: 'get', asset: { mode: 'id', value: ASSET_ID } },
			credentials: { coinViewApi: { ...rsaCredentials, baseUrl: 'http://relay.test/v1/api', customMode: 'relay' } },
		});
		expect(result.error).toBeUndefined();
		expect(authorization).toBeUndefined();
		expect(Object.keys(envelope!)).toEqual(['method', 'uri', 'signature']);
		expect(envelope).toMatchObject({ method: 'GET', uri: `/assets/${ASSET_ID}` });
		expect(decodeJwt(envelope!.signature).sig).toBe(sha256(`GET/assets/${ASSET_ID}`));
		expect(result.json[0]).toMatchObject({ asset_id: ASSET_ID, balance: '12.5' });
	});

	it('a backup secret key credential signs like the five fields', async () => {
		nock(HOST).get('/assets').reply(200, { data: [asset()] });
		const result = await runNode({
			type: 'coinView',
			parameters: { resource: 'asset', operation: 'getAll', returnAll: true },
			credentials: {
				coinViewApi: { source: 'backup', backupSecretKey: vectors.rsaBackup, pinSecret: PIN, endpoint: 'custom', baseUrl: HOST, customMode: 'direct' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
	});
});

describe('errors on any HTTP status', () => {
	const getAsset = { resource: 'asset', operation: 'get', asset: { mode: 'id', value: ASSET_ID } };

	it.each([
		[202, { error: { status: 202, code: 401, description: 'Unauthorized' } }, /Authentication failed \(401\)/, /system clock/],
		[202, { error: { status: 202, code: 429, description: 'Too Many Requests' } }, /Rate limited/, /try again/i],
		[429, { error: { status: 429, code: 429, description: 'Too Many Requests' } }, /Rate limited/, /Still rate limited after waiting/i],
		[404, { error: { status: 404, code: 404, description: 'not found' } }, /Not found \(404\)/, /retired/],
		[202, { error: { status: 202, code: 10002, description: 'Invalid field', extra: { field: 'asset_id' } } }, /Invalid input \(Asset\): \{"field":"asset_id"\}/, /asset_id/],
		[202, { error: { status: 202, code: 10002, description: 'Invalid field', extra: { field: 'opponent_id', reason: 'cannot transfer to yourself' } } }, /Invalid input \(Recipient ID\): \{"field":"opponent_id","reason":"cannot transfer to yourself"\}/, /opponent_id/],
		[202, { error: { status: 202, code: 10002, description: 'Invalid field', extra: { amount: 'too many decimals' } } }, /Invalid input \(Amount\): \{"amount":"too many decimals"\}/, /amount/],
		[202, { error: { status: 202, code: 10002, description: 'Invalid field', extra: { field: 'colour' } } }, /^CoinView: Invalid input: \{"field":"colour"\}$/, /colour/],
		[202, { error: { status: 202, code: 10105, description: 'locked' } }, /Locked by another transaction/, /later/],
		[202, { error: { status: 202, code: 10104, description: 'generating' } }, /still being generated/, /later/],
		[200, { error: { status: 202, code: 20118, description: 'invalid pin format' } }, /Invalid PIN format/, /6 digits/],
		[500, { error: { status: 500, code: 500, description: 'Internal Server Error' } }, /Mixin server error/, /same trace ID/],
	])('HTTP %s with %j', async (status, body, message, description) => {
		nock(HOST).get(`/assets/${ASSET_ID}`).times(10).reply(status, body);
		const result = await runNode({ type: 'coinView', parameters: getAsset, credentials: { coinViewApi: rsaCredentials }, continueOnFail: true });
		expect(String(result.json[0].error)).toMatch(message);
		expect(String(result.json[0].errorDescription)).toMatch(description);
	});

	it('429 (in a 202 body or as HTTP 429) is waited out and sent again, signed anew each time', async () => {
		const jtis: string[] = [];
		const scope = nock(HOST)
			.get(`/assets/${ASSET_ID}`)
			.reply(function () {
				jtis.push(String(this.req.headers['x-request-id']));
				return [202, { error: { status: 202, code: 429, description: 'Too Many Requests' } }];
			})
			.get(`/assets/${ASSET_ID}`)
			.reply(function () {
				jtis.push(String(this.req.headers['x-request-id']));
				return [429, { error: { status: 429, code: 429, description: 'Too Many Requests' } }];
			})
			.get(`/assets/${ASSET_ID}`)
			.reply(function () {
				jtis.push(String(this.req.headers['x-request-id']));
				return [200, { data: asset() }];
			});
		const result = await runNode({ type: 'coinView', parameters: getAsset, credentials: { coinViewApi: rsaCredentials } });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(new Set(jtis).size).toBe(3);
	});

	it('a 2xx without data, a non-JSON page or another record is an error, never a success', async () => {
		nock(HOST)
			.get(`/assets/${ASSET_ID}`)
			.reply(200, { something: 1 })
			.get(`/assets/${ASSET_ID}`)
			.reply(200, '<html><title>Bad gateway</title></html>', { 'Content-Type': 'text/html' })
			.get(`/assets/${ASSET_ID}`)
			.reply(200, { data: asset({ asset_id: OPPONENT_ID }) });
		const result = await runNode({
			type: 'coinView',
			parameters: getAsset,
			credentials: { coinViewApi: rsaCredentials },
			input: [{}, {}, {}],
			continueOnFail: true,
		});
		expect(result.json.map((item) => item.error)).toEqual([
			expect.stringMatching(/without "data"/),
			expect.stringMatching(/HTML page \(Bad gateway\)/),
			expect.stringMatching(/asset_id is not the one asked for/),
		]);
	});

	it('an error that echoes the encrypted PIN does not show it', async () => {
		let pin = '';
		nock(HOST)
			.post('/transfers')
			.reply((_uri, body) => {
				pin = (body as { pin: string }).pin;
				return [202, { error: { status: 202, code: 10002, description: 'Invalid field', extra: { field: 'memo', request: { pin, memo: 'x' } } } }];
			});
		const result = await runNode({ type: 'coinView', parameters: transferParameters(), credentials: { coinViewApi: rsaCredentials }, continueOnFail: true });
		expect(result.json[0].error).toMatch(/Invalid input \(Memo\): .*memo/);
		expect(pin).not.toBe('');
		expect(JSON.stringify(result.json)).not.toContain(pin);
		expect(JSON.stringify(result.json)).toContain('[redacted]');
	});

	it('insufficient balance (20117) names the asset and the amount', async () => {
		nock(HOST).post('/transfers').reply(202, { error: { status: 202, code: 20117, description: 'Insufficient balance' } });
		const result = await runNode({ type: 'coinView', parameters: transferParameters(), credentials: { coinViewApi: rsaCredentials }, continueOnFail: true });
		expect(result.json[0].error).toMatch(/Insufficient balance \(20117\): sending 0\.01 of asset 43d61dcd/);
	});

	it('PIN incorrect (20119) says not to retry, and the error carries no PIN', async () => {
		nock(HOST).post('/transfers').reply(202, { error: { status: 202, code: 20119, description: 'PIN incorrect' } });
		const result = await runNode({ type: 'coinView', parameters: transferParameters(), credentials: { coinViewApi: rsaCredentials }, continueOnFail: true });
		expect(result.json[0].error).toMatch(/PIN incorrect \(20119\): do not retry/);
		expect(result.json[0].errorDescription).toMatch(/can lock the wallet PIN/);
		expect(JSON.stringify(result.json)).not.toContain(PIN);
	});
});

describe('bad input is rejected before anything is sent', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['recipient not a UUID', { recipientId: 'bob' }, /Recipient ID: must be a UUID/],
		['asset not a UUID', { asset: { mode: 'list', value: '43d61dcd' } }, /Asset: must be a UUID/],
		['amount with 9 decimals', { amount: '0.000000001' }, /Amount: has too many decimals \(at most 8/],
		['amount zero', { amount: '0' }, /Amount: must be greater than zero/],
		['amount negative', { amount: '-1' }, /Amount: must be greater than zero/],
		['amount hex', { amount: '0x10' }, /Amount: must be a number such as 0\.01/],
		['amount exponent', { amount: '1e3' }, /Amount: must be a number/],
		['amount plus', { amount: '+1' }, /Amount: must be a number/],
		['amount full-width digits', { amount: '１' }, /Amount: must be a number/],
		['amount 100k characters', { amount: '1'.repeat(100_000) }, /Amount: is too long/],
		['memo too long', { memo: 'x'.repeat(141) }, /Memo: is too long \(at most 140/],
		['trace ID not a UUID', { options: { traceId: 'abc' } }, /Trace ID: must be a UUID/],
	];
	it.each(cases)('%s', async (_name, overrides, message) => {
		const scope = nock(HOST).post('/transfers').reply(200, {});
		const result = await runNode({
			type: 'coinView',
			parameters: transferParameters(overrides),
			credentials: { coinViewApi: rsaCredentials },
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(message);
		expect(scope.isDone()).toBe(false);
	});

	it.each([
		['PIN of 5 digits', { pinSecret: '12345' }, /PIN must be exactly 6 digits/],
		['PIN with a letter', { pinSecret: '12345a' }, /PIN must be exactly 6 digits/],
		['an EC key', { privateKey: '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbhP0r3x8lHq7sV6y\n-----END PRIVATE KEY-----' }, /Private Key/],
		['an Ed25519 key with an RSA PIN token', { privateKey: vectors.edSeedHex }, /looks like one for an RSA session/],
	])('credential: %s', async (_name, overrides, message) => {
		const scope = nock(HOST).post('/transfers').reply(200, {});
		const result = await runNode({
			type: 'coinView',
			parameters: transferParameters(),
			credentials: { coinViewApi: { ...rsaCredentials, ...overrides } },
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(message);
		expect(JSON.stringify(result.json)).not.toContain(PIN);
		expect(scope.isDone()).toBe(false);
	});

	it('a transfer to the wallet itself (Recipient ID = the user ID of the credential) is refused before sending', async () => {
		const scope = nock(HOST).post('/transfers').reply(200, {});
		for (const recipientId of [USER_ID, USER_ID.toUpperCase()]) {
			const result = await runNode({
				type: 'coinView',
				parameters: transferParameters({ recipientId }),
				credentials: { coinViewApi: rsaCredentials },
				continueOnFail: true,
			});
			expect(result.json[0].error).toMatch(/Recipient ID is the user ID of this wallet: Mixin does not allow a transfer to yourself/);
			// What to change, not the generic "check the credential".
			expect(result.json[0].errorDescription).toBe('Give another user ID as Recipient ID. Nothing was sent.');
			expect(JSON.stringify(result.json)).not.toContain(PIN);
			forgetSentKeys();
		}
		expect(scope.isDone()).toBe(false);
	});

	it('user, payment and trace look-up IDs must be UUIDs', async () => {
		const scope = nock(HOST).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
		for (const parameters of [
			{ resource: 'user', operation: 'get', userId: '12345' },
			{ resource: 'transfer', operation: 'getByTraceId', traceId: 'x' },
			{ resource: 'payment', operation: 'verify', recipientId: OPPONENT_ID, asset: { mode: 'id', value: ASSET_ID }, amount: '1', traceId: 'nope' },
			{ resource: 'transaction', operation: 'getAll', limit: 5, order: 'DESC', filters: { opponent: 'x' } },
			{ resource: 'transaction', operation: 'getAll', limit: 5, order: 'DESC', filters: { before: '2020-13-01T00:00:00Z' } },
		]) {
			const result = await runNode({ type: 'coinView', parameters, credentials: { coinViewApi: rsaCredentials }, continueOnFail: true });
			expect(result.json[0].error).toMatch(/User ID|Trace ID|Opponent ID|Before/);
		}
		expect(scope.isDone()).toBe(false);
	});
});

/**
 * The CoinView / Mixin simulator itself, through a client written here from the spec with `jose`
 * and node:crypto (no code of the node or the credential): tokens in both modes, the spec's `sig`
 * vectors, PIN encryption for RSA and Ed25519 sessions, iterator and jti checks, Mixin's 202
 * errors, transfers deduplicated by trace ID, snapshot paging and faults.
 */
import {
	constants,
	createCipheriv,
	createHash,
	createPrivateKey,
	createPublicKey,
	diffieHellman,
	generateKeyPairSync,
	privateDecrypt,
	randomBytes,
	randomUUID,
	type KeyObject,
} from 'crypto';
import { SignJWT, decodeJwt } from 'jose';

import { ASSET, CoinViewSimulator, OTHER_USERS, formatTime, parseTime } from '../../sandbox/coinview';
import { edwardsToMontgomery } from '../../sandbox/coinview/crypto';

interface Wallet {
	kind: 'rsa' | 'ed25519';
	userId: string;
	sessionId: string;
	pin: string;
	pinToken: string;
	privateKey: string;
	serverPublicKey?: string;
	backupSecretKey: string;
	[key: string]: unknown;
}

/** Parsed JSON of many shapes (what JSON.parse gives), for assertions. */
type Json = ReturnType<typeof JSON.parse>;

interface Answer {
	status: number;
	headers: Headers;
	body: { data?: Json; error?: { status: number; code: number; description: string; extra?: Json } };
}

const attempt = <T>(run: () => T): T | undefined => {
	try {
		return run();
	} catch {
		return undefined;
	}
};
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const u64 = (value: bigint) => {
	const buffer = Buffer.alloc(8);
	buffer.writeBigUInt64LE(value);
	return buffer;
};

/** A Mixin client written from the spec (§5, §6, §7), independent of the package code. */
class Client {
	readonly key: KeyObject;
	iterator = BigInt(Date.now()) * 1_000_000n;

	constructor(
		readonly sim: CoinViewSimulator,
		readonly wallet: Wallet,
		readonly mode: 'direct' | 'relay' = 'direct',
	) {
		this.key =
			wallet.kind === 'rsa'
				? createPrivateKey(wallet.privateKey)
				: createPrivateKey({
						key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(wallet.privateKey, 'hex')]),
						format: 'der',
						type: 'pkcs8',
					});
	}

	async token(method: string, uri: string, body: string, overrides: Record<string, unknown> = {}, key = this.key) {
		const iat = Math.floor(Date.now() / 1000);
		const claims = {
			uid: this.wallet.userId,
			sid: this.wallet.sessionId,
			iat,
			exp: iat + 3600,
			jti: randomUUID(),
			sig: sha256(method + uri + body),
			scp: 'FULL',
			...overrides,
		};
		const alg = (overrides.alg as string | undefined) ?? (this.wallet.kind === 'rsa' ? 'RS512' : 'EdDSA');
		delete (claims as Record<string, unknown>).alg;
		return await new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
	}

	/** Sends a Mixin call in this client's mode; `token` replaces the signed token. */
	async call(method: string, uri: string, body?: unknown, options: { token?: string; noToken?: boolean } = {}): Promise<Answer> {
		const content = body === undefined ? '' : JSON.stringify(body);
		const token = options.noToken ? undefined : (options.token ?? (await this.token(method, uri, content)));
		let response: Response;
		if (this.mode === 'direct') {
			// §7 / §15: X-Request-Id is the token's jti.
			const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': randomUUID() };
			if (token) {
				headers.authorization = `Bearer ${token}`;
				const jti = attempt(() => decodeJwt(token).jti);
				if (typeof jti === 'string') headers['x-request-id'] = jti;
			}
			response = await fetch(`${this.sim.directUrl}${uri}`, { method, headers, body: content === '' ? undefined : content });
		} else {
			const envelope: Record<string, string> = { method, uri, signature: token ?? '' };
			if (content !== '') envelope.content = content;
			response = await fetch(`${this.sim.relayUrl}/wallet`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(envelope),
			});
		}
		return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
	}

	/** The AES key behind the PIN token, computed the client's way. */
	aesKey(): Buffer {
		if (this.wallet.kind === 'rsa') {
			return privateDecrypt(
				{ key: this.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(this.wallet.sessionId) },
				Buffer.from(this.wallet.pinToken, 'base64'),
			);
		}
		const scalar = createHash('sha512').update(Buffer.from(this.wallet.privateKey, 'hex')).digest().subarray(0, 32);
		scalar[0] &= 248;
		scalar[31] &= 127;
		scalar[31] |= 64;
		return diffieHellman({
			privateKey: createPrivateKey({
				key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), scalar]),
				format: 'der',
				type: 'pkcs8',
			}),
			publicKey: createPublicKey({
				key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), Buffer.from(this.wallet.pinToken, 'base64url')]),
				format: 'der',
				type: 'spki',
			}),
		});
	}

	/** PIN ‖ time ‖ iterator (LE u64), PKCS#7 by hand, AES-256-CBC, random IV (§6). */
	encryptPin(options: { pin?: string; iterator?: bigint; key?: Buffer; encoding?: 'base64' | 'base64url' } = {}) {
		if (options.iterator === undefined) this.iterator += 1n;
		const plain = Buffer.concat([
			Buffer.from(options.pin ?? this.wallet.pin, 'ascii'),
			u64(BigInt(Math.floor(Date.now() / 1000))),
			u64(options.iterator ?? this.iterator),
		]);
		const padding = 16 - (plain.length % 16);
		const padded = Buffer.concat([plain, Buffer.alloc(padding, padding)]);
		const iv = randomBytes(16);
		const cipher = createCipheriv('aes-256-cbc', options.key ?? this.aesKey(), iv).setAutoPadding(false);
		const blob = Buffer.concat([iv, cipher.update(padded), cipher.final()]);
		const encoding = options.encoding ?? (this.wallet.kind === 'rsa' ? 'base64' : 'base64url');
		return blob.toString(encoding);
	}

	async transfer(fields: Record<string, unknown> = {}, pin?: string) {
		return await this.call('POST', '/transfers', {
			asset_id: ASSET.USDT,
			opponent_id: OTHER_USERS[0].user_id,
			amount: '10',
			pin: pin ?? this.encryptPin(),
			trace_id: randomUUID(),
			memo: 'test',
			...fields,
		});
	}
}

const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CoinView simulator', () => {
	const sim = new CoinViewSimulator();
	let rsa: Wallet;
	let ed: Wallet;

	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		({ rsa, ed25519: ed } = sim.describe().wallets as { rsa: Wallet; ed25519: Wallet });
	});

	const expectError = (answer: Answer, code: number) => {
		expect(answer.status).toBe(code === 500 ? 500 : 202);
		expect(answer.body.data).toBeUndefined();
		expect(answer.body.error?.code).toBe(code);
	};

	describe('keys', () => {
		it('the Montgomery form of an Ed25519 key is the X25519 key of its clamped SHA-512 scalar', () => {
			// RFC 8032 test 1 key; its X25519 form computed by OpenSSL from the clamped scalar.
			const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
			const edPublic = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
			const scalar = createHash('sha512').update(seed).digest().subarray(0, 32);
			scalar[0] &= 248;
			scalar[31] &= 127;
			scalar[31] |= 64;
			const x25519Public = createPublicKey(
				createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), scalar]), format: 'der', type: 'pkcs8' }),
			)
				.export({ format: 'der', type: 'spki' })
				.subarray(-32);
			expect(edwardsToMontgomery(edPublic).toString('hex')).toBe(x25519Public.toString('hex'));
		});

		it('the Ed25519 PIN token and server public key name the same server key', () => {
			expect(edwardsToMontgomery(Buffer.from(ed.serverPublicKey as string, 'hex')).toString('base64url')).toBe(ed.pinToken);
			expect(Buffer.from(ed.pinToken, 'base64url')).toHaveLength(32);
		});

		it('backup secret keys are base64 JSON with the SDK camelCase keys', () => {
			for (const wallet of [rsa, ed]) {
				const decoded = JSON.parse(Buffer.from(wallet.backupSecretKey, 'base64').toString('utf8'));
				expect(decoded).toEqual({
					id: wallet.userId,
					sessionId: wallet.sessionId,
					pinToken: wallet.pinToken,
					privateKey: wallet.kind === 'rsa' ? wallet.privateKeyDerPkcs1 : wallet.privateKey,
				});
			}
			expect(rsa.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
			// The DER forms load as the same key.
			const der = createPrivateKey({ key: Buffer.from(rsa.privateKeyDerPkcs8 as string, 'base64'), format: 'der', type: 'pkcs8' });
			expect(der.export({ format: 'pem', type: 'pkcs1' })).toBe(rsa.privateKey);
		});
	});

	describe('time format', () => {
		it('writes Go RFC3339Nano (trailing zeros dropped) and reads any fraction and offset', () => {
			expect(formatTime(1536644365429083062n)).toBe('2018-09-11T05:39:25.429083062Z');
			expect(formatTime(1524634630064334880n)).toBe('2018-04-25T05:37:10.06433488Z');
			expect(formatTime(1524634630000000000n)).toBe('2018-04-25T05:37:10Z');
			expect(parseTime('2018-09-11T05:39:25.429083062Z')).toBe(1536644365429083062n);
			expect(parseTime('2018-04-25T05:37:10.06433488Z')).toBe(1524634630064334880n);
			expect(parseTime('2018-04-25T07:37:10+02:00')).toBe(1524634630000000000n);
			expect(parseTime('2018-02-30T00:00:00Z')).toBeUndefined();
			expect(parseTime('1524634630')).toBeUndefined();
		});
	});

	describe('authentication', () => {
		it('accepts the spec sig vectors exactly as the SDK builds them (direct and relay)', async () => {
			const client = new Client(sim, rsa);
			const assetsToken = await client.token('GET', '/assets', '', {
				sig: '8573ec5a47c691db3073f922506879989baa20b82fcd1e126c07db6b4b9e079e',
			});
			expect(Array.isArray((await client.call('GET', '/assets', undefined, { token: assetsToken })).body.data)).toBe(true);
			const uri = '/snapshots?limit=500&offset=2018-09-11T05%3A39%3A25.429083062Z';
			const relay = new Client(sim, rsa, 'relay');
			const snapshotsToken = await relay.token('GET', uri, '', {
				sig: '8c48c5972cecda14304761bbfb168337978d80ad241fd95124ee424726cc31c7',
			});
			expect((await relay.call('GET', uri, undefined, { token: snapshotsToken })).body).toEqual({ data: [] });
		});

		it.each(['direct', 'relay'] as const)('serves both session kinds in %s mode, and logs the claims', async (mode) => {
			for (const wallet of [rsa, ed]) {
				const answer = await new Client(sim, wallet, mode).call('GET', '/me');
				expect(answer.status).toBe(200);
				expect(answer.body.data).toMatchObject({ type: 'user', user_id: wallet.userId });
				const logged = sim.calls[sim.calls.length - 1];
				expect(logged).toMatchObject({ mode, method: 'GET', uri: '/me', ok: true, alg: wallet.kind === 'rsa' ? 'RS512' : 'EdDSA' });
				expect(logged.claims).toMatchObject({ uid: wallet.userId, sid: wallet.sessionId, scp: 'FULL' });
			}
		});

		it('echoes X-Request-Id in direct mode', async () => {
			const token = await new Client(sim, ed).token('GET', '/me', '', { jti: 'c0ffee00-0000-4000-8000-000000000001' });
			const response = await fetch(`${sim.directUrl}/me`, {
				headers: { authorization: `Bearer ${token}`, 'x-request-id': 'c0ffee00-0000-4000-8000-000000000001' },
			});
			expect(response.status).toBe(200);
			expect(response.headers.get('x-request-id')).toBe('c0ffee00-0000-4000-8000-000000000001');
		});

		it('direct mode: X-Request-Id must be the jti, scp must be FULL, exp after iat (code 401)', async () => {
			const client = new Client(sim, ed);
			const send = async (token: string, requestId?: string) => {
				const headers: Record<string, string> = { authorization: `Bearer ${token}` };
				if (requestId !== undefined) headers['x-request-id'] = requestId;
				const response = await fetch(`${sim.directUrl}/me`, { headers });
				return { status: response.status, body: (await response.json()) as Answer['body'] };
			};
			const cases: Array<[string, string, string | undefined]> = [
				['X-Request-Id is not the jti of the token', await client.token('GET', '/me', '', { jti: '11111111-1111-4111-8111-111111111111' }), '22222222-2222-4222-8222-222222222222'],
				['X-Request-Id is not the jti of the token', await client.token('GET', '/me', '', { jti: '33333333-3333-4333-8333-333333333333' }), undefined],
				['scp is not "FULL"', await client.token('GET', '/me', '', { jti: '44444444-4444-4444-8444-444444444444', scp: undefined }), '44444444-4444-4444-8444-444444444444'],
				['scp is not "FULL"', await client.token('GET', '/me', '', { jti: '55555555-5555-4555-8555-555555555555', scp: 'ASSETS:READ' }), '55555555-5555-4555-8555-555555555555'],
				['exp is not after iat', await client.token('GET', '/me', '', { jti: '66666666-6666-4666-8666-666666666666', iat: Math.floor(Date.now() / 1000) + 4000 }), '66666666-6666-4666-8666-666666666666'],
			];
			for (const [reason, token, requestId] of cases) {
				const answer = await send(token, requestId);
				expectError(answer as Answer, 401);
				expect(sim.calls[sim.calls.length - 1].reason).toBe(reason);
			}
		});

		it('a body must be sent as application/json; a relay request carries no Authorization header (code 400)', async () => {
			const direct = new Client(sim, rsa);
			const content = JSON.stringify({ pin: direct.encryptPin() });
			const token = await direct.token('POST', '/pin/verify', content);
			const plain = await fetch(`${sim.directUrl}/pin/verify`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'x-request-id': decodeJwt(token).jti as string },
				body: content,
			});
			expectError({ status: plain.status, headers: plain.headers, body: (await plain.json()) as Answer['body'] }, 400);
			expect(sim.calls[sim.calls.length - 1].reason).toBe('a body without Content-Type: application/json');

			const relayToken = await new Client(sim, rsa, 'relay').token('GET', '/me', '');
			const envelope = JSON.stringify({ method: 'GET', uri: '/me', signature: relayToken });
			const withHeader = await fetch(`${sim.relayUrl}/wallet`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${relayToken}` },
				body: envelope,
			});
			expect(((await withHeader.json()) as Answer['body']).error?.code).toBe(400);
			expect(sim.calls[sim.calls.length - 1].reason).toMatch(/no Authorization header/);
			const asText = await fetch(`${sim.relayUrl}/wallet`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: envelope });
			expect(((await asText.json()) as Answer['body']).error?.code).toBe(400);
			expect(sim.calls[sim.calls.length - 1].reason).toMatch(/application\/json/);
			// The same envelope, sent right, is served.
			const right = await fetch(`${sim.relayUrl}/wallet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: envelope });
			expect(((await right.json()) as Answer['body']).data).toMatchObject({ user_id: rsa.userId });
		});

		it.each(['direct', 'relay'] as const)('refuses bad tokens with code 401 in HTTP 202 (%s)', async (mode) => {
			const client = new Client(sim, ed, mode);
			const other = new Client(sim, rsa, mode);
			const reused = await client.token('GET', '/assets', '');
			expect((await client.call('GET', '/assets', undefined, { token: reused })).status).toBe(200);
			const cases: Array<[string, Promise<string> | string | undefined]> = [
				['jti reused', reused],
				['sig does not match method + uri + body', client.token('GET', '/assets?limit=1', '')],
				['sig does not match method + uri + body', client.token('GET', '/assets', '{}')],
				['token: ERR_JWT_EXPIRED', client.token('GET', '/assets', '', { iat: 1000, exp: 2000 })],
				['uid is not the session user', client.token('GET', '/assets', '', { uid: rsa.userId })],
				['unknown session', client.token('GET', '/assets', '', { sid: randomUUID() })],
				['token: ERR_JWS_SIGNATURE_VERIFICATION_FAILED', client.token('GET', '/assets', '', { sid: ed.sessionId, uid: ed.userId }, generateKeyPairSync('ed25519').privateKey)],
				['alg RS512 for a ed25519 session', other.token('GET', '/assets', '', { sid: ed.sessionId, uid: ed.userId })],
				['token: ERR_JWT_CLAIM_VALIDATION_FAILED', client.token('GET', '/assets', '', { jti: undefined })],
				['not a JWT', 'not-a-token'],
				['no token', undefined],
			];
			for (const [reason, token] of cases) {
				const resolved = await token;
				const answer = await client.call('GET', '/assets', undefined, resolved === undefined ? { noToken: true } : { token: resolved });
				expectError(answer, 401);
				expect(sim.calls[sim.calls.length - 1].reason).toBe(reason);
			}
		});

		it('a server clock far ahead makes every token expired', async () => {
			sim.clockSkewMs = 2 * 3600 * 1000;
			expectError(await new Client(sim, rsa).call('GET', '/assets'), 401);
			sim.clockSkewMs = 0;
			expect((await new Client(sim, rsa).call('GET', '/assets')).status).toBe(200);
		});

		it('relay envelopes must carry method, uri, content as a JSON string and signature', async () => {
			const post = async (body: unknown) =>
				(await (await fetch(`${sim.relayUrl}/wallet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Answer['body'];
			const token = await new Client(sim, rsa, 'relay').token('POST', '/pin/verify', '{"pin":"x"}');
			expect((await post({ method: 'POST', uri: '/pin/verify', content: { pin: 'x' }, signature: token })).error?.code).toBe(400);
			expect((await post({ method: 'PATCH', uri: '/me', signature: token })).error?.code).toBe(400);
			expect((await post({ method: 'GET', uri: 'me', signature: token })).error?.code).toBe(400);
			expect((await post({ method: 'GET', uri: '/me' })).error?.code).toBe(400);
			const meToken = await new Client(sim, rsa, 'relay').token('GET', '/me', '');
			expect((await post({ method: 'GET', uri: '/me', content: '', signature: meToken })).error?.code).toBe(400);
			expect(sim.calls[sim.calls.length - 1].reason).toBe('content is left out when there is no body, not empty');
			const withContent = await new Client(sim, rsa, 'relay').token('GET', '/me', '{}');
			expect((await post({ method: 'GET', uri: '/me', content: '{}', signature: withContent })).error?.code).toBe(400);
			expect(sim.calls[sim.calls.length - 1].reason).toBe('a GET carries no content');
			expect((await post({ method: 'GET', uri: '/me', signature: meToken })).data).toMatchObject({ user_id: rsa.userId });
			expect((await post([1])).error?.code).toBe(400);
		});
	});

	describe('assets and users', () => {
		it('lists only assets with a balance; gets any asset by ID', async () => {
			const client = new Client(sim, rsa, 'relay');
			const list = (await client.call('GET', '/assets')).body.data as Array<Record<string, unknown>>;
			expect(list.map((asset) => asset.symbol).sort()).toEqual(['BTC', 'EOS', 'ETH', 'USDT']);
			expect(list.find((asset) => asset.symbol === 'BTC')).toMatchObject({ type: 'asset', asset_id: ASSET.BTC, balance: '1.5' });
			const xin = (await client.call('GET', `/assets/${ASSET.XIN}`)).body.data;
			expect(xin).toMatchObject({ symbol: 'XIN', balance: '0' });
			expectError(await client.call('GET', `/assets/${randomUUID()}`), 404);
			const bad = await client.call('GET', '/assets/BTC');
			expectError(bad, 10002);
			expect(bad.body.error?.extra).toEqual({ field: 'asset_id', reason: 'not a UUID' });
		});

		it('gets users by ID and the wallet itself', async () => {
			const client = new Client(sim, ed);
			expect((await client.call('GET', `/users/${OTHER_USERS[0].user_id}`)).body.data).toMatchObject({
				type: 'user',
				user_id: OTHER_USERS[0].user_id,
				identity_number: '20018',
				full_name: 'OS105',
			});
			expectError(await client.call('GET', `/users/${randomUUID()}`), 404);
			expectError(await client.call('GET', '/users/20018'), 10002);
			expectError(await client.call('GET', '/nowhere'), 404);
		});
	});

	describe('PIN', () => {
		it.each(['rsa', 'ed25519'] as const)('decrypts the %s PIN and needs a strictly larger iterator each time', async (kind) => {
			const wallet = kind === 'rsa' ? rsa : ed;
			const client = new Client(sim, wallet);
			expect((await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: 5n }) })).status).toBe(200);
			expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: 5n }) }), 20119);
			expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: 4n }) }), 20119);
			// Iterators past 2^53 keep their precision.
			const big = 1_800_000_000_000_000_001n;
			expect((await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: big }) })).status).toBe(200);
			expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: big - 1n }) }), 20119);
			expect(sim.pinChecks.map((check) => check.result)).toEqual(['ok', 'iterator', 'iterator', 'ok', 'iterator']);
			expect(sim.state().sessions.find((s) => s.session_id === wallet.sessionId)?.last_iterator).toBe(big.toString());
		});

		it('a first iterator of 0 is refused', async () => {
			const client = new Client(sim, rsa);
			expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: 0n }) }), 20119);
			expect(sim.pinChecks[0].result).toBe('iterator');
		});

		it('tells a wrong PIN, a wrong key and a wrong encoding apart; five wrong PINs lock it', async () => {
			const client = new Client(sim, ed);
			expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin({ key: randomBytes(32) }) }), 20119);
			expectError(await client.call('POST', '/pin/verify', { pin: 'not base64!' }), 20118);
			expectError(await client.call('POST', '/pin/verify', { pin: 12 }), 20118);
			// Standard base64 with padding is the RSA form; an Ed25519 session wants base64url.
			let standard = '';
			while (!/[+/]/.test(standard)) standard = client.encryptPin({ encoding: 'base64' });
			expectError(await client.call('POST', '/pin/verify', { pin: standard }), 20118);
			for (let attempt = 0; attempt < 5; attempt++) {
				expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin({ pin: '000000' }) }), 20119);
			}
			expectError(await client.call('POST', '/pin/verify', { pin: client.encryptPin() }), 20119);
			expect(sim.pinChecks.map((check) => check.result)).toEqual([
				'decrypt', 'format', 'format', 'format', 'pin', 'pin', 'pin', 'pin', 'pin', 'locked',
			]);
			// The other session is not affected.
			const other = new Client(sim, rsa);
			expect((await other.call('POST', '/pin/verify', { pin: other.encryptPin() })).status).toBe(200);
		});

		it('a correct PIN resets the count of wrong ones', async () => {
			const client = new Client(sim, rsa);
			for (let attempt = 0; attempt < 4; attempt++) await client.call('POST', '/pin/verify', { pin: client.encryptPin({ pin: '111111' }) });
			expect((await client.call('POST', '/pin/verify', { pin: client.encryptPin() })).status).toBe(200);
			expect(sim.state().sessions.find((s) => s.session_id === rsa.sessionId)?.pin_failures).toBe(0);
		});
	});

	describe('transfers', () => {
		it.each(['direct', 'relay'] as const)('moves the balance once per trace ID and answers the sender snapshot (%s)', async (mode) => {
			const client = new Client(sim, rsa, mode);
			const traceId = randomUUID();
			const first = await client.transfer({ trace_id: traceId, amount: '10.25', opponent_id: ed.userId, memo: 'invoice 7' });
			expect(first.status).toBe(200);
			const snapshot = first.body.data;
			expect(snapshot).toMatchObject({
				type: 'transfer',
				asset_id: ASSET.USDT,
				opponent_id: ed.userId,
				amount: '-10.25',
				opening_balance: '2500',
				closing_balance: '2489.75',
				trace_id: traceId,
				memo: 'invoice 7',
			});
			expect(snapshot.snapshot_id).toMatch(UUID);
			expect(snapshot.created_at).toMatch(RFC3339_NANO);
			// The same trace ID again (new PIN, new token) answers the same snapshot and pays nothing.
			const again = await client.transfer({ trace_id: traceId, amount: '10.25', opponent_id: ed.userId, memo: 'invoice 7' });
			expect(again.body.data.snapshot_id).toBe(snapshot.snapshot_id);
			// A different transfer under a used trace ID also answers the original (the client must compare).
			const different = await client.transfer({ trace_id: traceId, amount: '99', opponent_id: ed.userId });
			expect(different.body.data).toMatchObject({ snapshot_id: snapshot.snapshot_id, amount: '-10.25' });
			expect(sim.balance(rsa.userId, ASSET.USDT)).toBe('2489.75');
			expect(sim.balance(ed.userId, ASSET.USDT)).toBe('1010.25');
			expect(sim.transfersOf(rsa.userId)).toHaveLength(1);
			const received = sim.snapshotsOf(ed.userId);
			expect(received).toEqual([
				expect.objectContaining({ amount: '10.25', opponent_id: rsa.userId, trace_id: traceId, created_at: snapshot.created_at }),
			]);
		});

		it('finds a transfer by trace ID on both trace endpoints; unknown IDs are code 404', async () => {
			const client = new Client(sim, ed);
			const traceId = randomUUID();
			const sent = (await client.transfer({ trace_id: traceId, asset_id: ASSET.BTC, amount: '0.00000001' })).body.data;
			expect(sent.amount).toBe('-0.00000001');
			expect((await client.call('GET', `/transfers/trace/${traceId}`)).body.data).toEqual(sent);
			expect((await client.call('GET', `/snapshots/trace/${traceId}`)).body.data).toEqual(sent);
			expect((await client.call('GET', `/snapshots/${sent.snapshot_id}`)).body.data).toEqual(sent);
			expectError(await client.call('GET', `/transfers/trace/${randomUUID()}`), 404);
			expectError(await client.call('GET', `/snapshots/trace/${randomUUID()}`), 404);
			// The recipient's view: its incoming snapshot is found on /snapshots/trace, not /transfers/trace.
			const [incoming] = sim.incoming({ user_id: rsa.userId, from: OTHER_USERS[1].user_id, count: 1 });
			const rsaClient = new Client(sim, rsa);
			expect((await rsaClient.call('GET', `/snapshots/trace/${incoming.trace_id}`)).body.data.snapshot_id).toBe(incoming.snapshot_id);
			expectError(await rsaClient.call('GET', `/transfers/trace/${incoming.trace_id}`), 404);
		});

		it('with /transfers/trace retired, only /snapshots/trace answers', async () => {
			const retired = new CoinViewSimulator({ transfersTraceRetired: true });
			await retired.listen();
			try {
				const client = new Client(retired, ed);
				const traceId = randomUUID();
				expect((await client.transfer({ trace_id: traceId })).status).toBe(200);
				expectError(await client.call('GET', `/transfers/trace/${traceId}`), 404);
				expect((await client.call('GET', `/snapshots/trace/${traceId}`)).body.data.trace_id).toBe(traceId);
			} finally {
				await retired.close();
			}
		});

		it('with the legacy API retired, its endpoints are code 404 and the user endpoints still answer', async () => {
			const retired = new CoinViewSimulator({ legacyRetired: true });
			await retired.listen();
			try {
				const client = new Client(retired, rsa, 'relay');
				for (const uri of ['/assets', `/assets/${ASSET.BTC}`, '/snapshots?limit=1', `/transfers/trace/${randomUUID()}`]) {
					expectError(await client.call('GET', uri), 404);
				}
				expectError(await client.transfer(), 404);
				expect((await client.call('GET', '/me')).body.data.user_id).toBe(rsa.userId);
				expect((await client.call('GET', `/users/${OTHER_USERS[0].user_id}`)).status).toBe(200);
			} finally {
				await retired.close();
			}
		});

		it('answers the documented business errors and leaves balances alone', async () => {
			const client = new Client(sim, rsa);
			expectError(await client.transfer({ amount: '2500.00000001' }), 20117);
			expectError(await client.transfer({ amount: '0.009' }), 20120);
			expectError(await client.transfer({ asset_id: ASSET.EOS, amount: '100' }), 20124);
			expect((await client.transfer({ asset_id: ASSET.EOS, amount: '99.9999' })).body.data).toMatchObject({
				amount: '-99.9999',
				closing_balance: '0',
				fee: { amount: '0.0001', asset_id: ASSET.EOS },
			});
			const [paidElsewhere] = sim.incoming({ user_id: ed.userId, count: 1 });
			expectError(await client.transfer({ trace_id: paidElsewhere.trace_id }), 20125);
			expectError(await client.transfer({}, client.encryptPin({ pin: '999999' })), 20119);
			expect(sim.balance(rsa.userId, ASSET.USDT)).toBe('2500');
			expect(sim.transfersOf(rsa.userId)).toHaveLength(1);
		});

		it('rejects invalid fields with 10002 and names the field in extra', async () => {
			const client = new Client(sim, rsa);
			const cases: Array<[Record<string, unknown>, string]> = [
				[{ amount: '1.123456789' }, 'amount'],
				[{ amount: '1e-8' }, 'amount'],
				[{ amount: '+1' }, 'amount'],
				[{ amount: '-1' }, 'amount'],
				[{ amount: '0x10' }, 'amount'],
				[{ amount: 10 }, 'amount'],
				[{ amount: '１０' }, 'amount'],
				[{ opponent_id: 'OS105' }, 'opponent_id'],
				[{ opponent_id: randomUUID() }, 'opponent_id'],
				[{ opponent_id: rsa.userId }, 'opponent_id'],
				[{ asset_id: ASSET.BTC.toUpperCase() }, 'asset_id'],
				[{ memo: 'x'.repeat(201) }, 'memo'],
				[{ trace_id: 'trace-1' }, 'trace_id'],
			];
			for (const [fields, field] of cases) {
				const answer = await client.transfer(fields);
				expectError(answer, 10002);
				expect(answer.body.error?.extra?.field).toBe(field);
			}
			// Field errors come before the PIN is looked at: no iterator was used up.
			expect(sim.pinChecks).toEqual([]);
			expect((await client.transfer({ memo: null, amount: '0.01' })).body.data).toMatchObject({ memo: '', amount: '-0.01' });
		});
	});

	describe('snapshots', () => {
		it('reads a group of identical timestamps across a page boundary completely (inclusive offset, ASC)', async () => {
			const burst = [
				...sim.incoming({ user_id: ed.userId, count: 400 }),
				...sim.incoming({ user_id: ed.userId, count: 300, timestamps: 'same' }),
				...sim.incoming({ user_id: ed.userId, count: 400 }),
			];
			const client = new Client(sim, ed, 'relay');
			const seen: string[] = [];
			let offset = '1970-01-01T00:00:00Z';
			let pages = 0;
			for (;;) {
				pages++;
				const query = new URLSearchParams({ limit: '500', offset, order: 'ASC' }).toString();
				const data = (await client.call('GET', `/snapshots?${query}`)).body.data as Array<Record<string, string>>;
				for (const snapshot of data) {
					expect(snapshot.counter_user_id).toBe(snapshot.opponent_id);
					if (!seen.includes(snapshot.snapshot_id)) seen.push(snapshot.snapshot_id);
				}
				if (data.length < 500) break;
				offset = data[data.length - 1].created_at;
			}
			expect(seen).toEqual(burst.map((snapshot) => snapshot.snapshot_id));
			expect(pages).toBe(3);
			// The same walk with an exclusive offset loses the rest of the group at the boundary.
			const exclusive = new CoinViewSimulator({ offsetInclusive: false });
			await exclusive.listen();
			try {
				const group = exclusive.incoming({ user_id: ed.userId, count: 600, timestamps: 'same' });
				const other = new Client(exclusive, ed);
				const first = (await other.call('GET', '/snapshots?order=ASC&limit=500')).body.data;
				const query = new URLSearchParams({ limit: '500', order: 'ASC', offset: first[499].created_at }).toString();
				expect(first).toHaveLength(500);
				expect((await other.call('GET', `/snapshots?${query}`)).body.data).toEqual([]);
				expect(group).toHaveLength(600);
			} finally {
				await exclusive.close();
			}
		});

		it('orders by time, not by text, with nanosecond-only differences and dropped zeros', async () => {
			const nanos = sim.incoming({ user_id: rsa.userId, count: 12, timestamps: 'nanos' });
			// A whole microsecond: at most 6 fraction digits (fewer when it ends in zeros).
			expect(nanos[0].created_at).toMatch(/(:\d{2}|\.\d{1,6})Z$/);
			expect(nanos[1].created_at).toMatch(/\.\d{6}001Z$/);
			const seconds = sim.incoming({ user_id: rsa.userId, count: 3, timestamps: 'seconds' });
			expect(seconds[0].created_at).toMatch(/:\d{2}Z$/);
			const client = new Client(sim, rsa);
			const asc = (await client.call('GET', '/snapshots?order=ASC&limit=500')).body.data as Array<Record<string, string>>;
			expect(asc.map((s) => s.snapshot_id)).toEqual([...nanos, ...seconds].map((s) => s.snapshot_id));
			const desc = (await client.call('GET', '/snapshots?limit=500')).body.data as Array<Record<string, string>>;
			expect(desc.map((s) => s.snapshot_id)).toEqual([...nanos, ...seconds].map((s) => s.snapshot_id).reverse());
			// ASC from the first nanosecond time includes it (inclusive) and everything after.
			const from = (await client.call('GET', `/snapshots?order=ASC&limit=3&offset=${encodeURIComponent(nanos[1].created_at)}`)).body.data;
			expect(from.map((s: Record<string, string>) => s.snapshot_id)).toEqual(nanos.slice(1, 4).map((s) => s.snapshot_id));
			const before = (await client.call('GET', `/snapshots?limit=2&offset=${encodeURIComponent(nanos[1].created_at)}`)).body.data;
			expect(before.map((s: Record<string, string>) => s.snapshot_id)).toEqual([nanos[1].snapshot_id, nanos[0].snapshot_id]);
		});

		it('walks distinct timestamps across 500-item pages without loss', async () => {
			const burst = sim.incoming({ user_id: ed.userId, count: 1101 });
			const client = new Client(sim, ed);
			const seen: string[] = [];
			let offset: string | undefined;
			for (;;) {
				const query = new URLSearchParams({ limit: '500', order: 'ASC', ...(offset ? { offset } : {}) }).toString();
				const data = (await client.call('GET', `/snapshots?${query}`)).body.data as Array<Record<string, string>>;
				for (const snapshot of data) if (!seen.includes(snapshot.snapshot_id)) seen.push(snapshot.snapshot_id);
				if (data.length < 500) break;
				offset = data[data.length - 1].created_at;
			}
			expect(seen).toEqual(burst.map((snapshot) => snapshot.snapshot_id));
		});

		it('filters by asset and opponent and checks its parameters', async () => {
			sim.incoming({ user_id: rsa.userId, count: 3, asset_id: ASSET.BTC, from: OTHER_USERS[2].user_id, amount: '0.1' });
			sim.incoming({ user_id: rsa.userId, count: 2, asset_id: ASSET.ETH, from: OTHER_USERS[1].user_id });
			const client = new Client(sim, rsa);
			const btc = (await client.call('GET', `/snapshots?asset=${ASSET.BTC}`)).body.data;
			expect(btc).toHaveLength(3);
			expect(btc[0]).toMatchObject({ amount: '0.1', opponent_id: OTHER_USERS[2].user_id, type: 'transfer' });
			expect((await client.call('GET', `/snapshots?opponent=${OTHER_USERS[1].user_id}`)).body.data).toHaveLength(2);
			expect((await client.call('GET', '/snapshots?limit=1')).body.data).toHaveLength(1);
			for (const [query, field] of [
				['limit=501', 'limit'],
				['limit=0', 'limit'],
				['limit=1e2', 'limit'],
				['order=asc', 'order'],
				['offset=yesterday', 'offset'],
				['asset=BTC', 'asset'],
				[`opponent=${OTHER_USERS[1].user_id}&order=DESC`, 'order'],
			]) {
				const answer = await client.call('GET', `/snapshots?${query}`);
				expectError(answer, 10002);
				expect(answer.body.error?.extra?.field).toBe(field);
			}
		});
	});

	describe('payments', () => {
		it('is pending until a matching transfer is made, needs no token in direct mode', async () => {
			const traceId = randomUUID();
			const request = { asset_id: ASSET.USDT, opponent_id: OTHER_USERS[2].user_id, amount: '25.5', trace_id: traceId };
			const anonymous = new Client(sim, rsa);
			const pending = await anonymous.call('POST', '/payments', request, { noToken: true });
			expect(pending.body.data).toMatchObject({
				type: 'payment',
				status: 'pending',
				amount: '25.5',
				recipient: { user_id: OTHER_USERS[2].user_id, type: 'user' },
				asset: { asset_id: ASSET.USDT, symbol: 'USDT' },
			});
			const payer = new Client(sim, ed, 'relay');
			expect((await payer.transfer({ ...request, amount: '25.50' })).status).toBe(200);
			expect((await payer.call('POST', '/payments', request)).body.data.status).toBe('paid');
			const mismatch = await payer.call('POST', '/payments', { ...request, amount: '25.6' });
			expectError(mismatch, 10002);
			expect(mismatch.body.error?.extra?.field).toBe('trace_id');
			// A token that is present must be valid.
			expectError(await anonymous.call('POST', '/payments', request, { token: 'bad' }), 401);
		});
	});

	describe('faults', () => {
		it('a transfer whose answer is lost has executed; its trace ID finds it', async () => {
			const client = new Client(sim, rsa);
			sim.injectFault({ type: 'resetAfter', mixinPath: '^/transfers$', method: 'POST' });
			const traceId = randomUUID();
			await expect(client.transfer({ trace_id: traceId })).rejects.toThrow();
			expect(sim.balance(rsa.userId, ASSET.USDT)).toBe('2490');
			expect(sim.calls.find((call) => call.uri === '/transfers')).toMatchObject({ ok: true, answerLost: true });
			expect((await client.call('GET', `/transfers/trace/${traceId}`)).body.data.amount).toBe('-10');
			expect((await client.transfer({ trace_id: traceId })).body.data.trace_id).toBe(traceId);
			expect(sim.balance(rsa.userId, ASSET.USDT)).toBe('2490');
		});

		it('the lost-answer fault also works in relay mode and as the common dropAfter', async () => {
			const relay = new Client(sim, ed, 'relay');
			sim.injectFault({ type: 'dropAfter', mixinPath: '^/transfers$' });
			await expect(relay.transfer()).rejects.toThrow();
			sim.injectFault({ type: 'dropAfter', path: '^/transfers$' });
			await expect(new Client(sim, ed).transfer()).rejects.toThrow();
			expect(sim.transfersOf(ed.userId)).toHaveLength(2);
		});

		it('skip lets the first matching requests through (only the 2nd transfer loses its answer)', async () => {
			const client = new Client(sim, ed);
			sim.injectFault({ type: 'resetAfter', mixinPath: '^/transfers$', skip: 1 });
			expect((await client.transfer()).status).toBe(200);
			await expect(client.transfer()).rejects.toThrow();
			expect((await client.transfer()).status).toBe(200);
			expect(sim.transfersOf(ed.userId)).toHaveLength(3);
		});

		it('injects Mixin error codes (429, 10104, 10105) as HTTP 202, and HTTP 500, once each', async () => {
			const client = new Client(sim, ed, 'relay');
			for (const code of [429, 10104, 10105]) {
				sim.injectFault({ type: 'error', code, mixinPath: '^/assets' });
				const answer = await client.call('GET', '/assets');
				expectError(answer, code);
				expect(answer.body.error?.description).toBeTruthy();
				expect((await client.call('GET', '/assets')).status).toBe(200);
			}
			sim.injectFault({ type: 'error', code: 500, mixinPath: '^/transfers$' });
			expectError(await client.transfer(), 500);
			expect(sim.transfersOf(ed.userId)).toHaveLength(0);
			expect(sim.pinChecks).toEqual([]);
		});

		it('common faults apply to direct-mode paths: HTTP 429, HTML page, slow answer, drop', async () => {
			const client = new Client(sim, rsa);
			sim.injectFault({ type: 'status', status: 429, path: '^/assets$', body: { error: { status: 429, code: 429, description: 'Too Many Requests' } } });
			const limited = await client.call('GET', '/assets');
			expect(limited.status).toBe(429);
			expect(limited.body.error?.code).toBe(429);
			sim.injectFault({ type: 'nonjson', path: '^/me$' });
			const page = await fetch(`${sim.directUrl}/me`, { headers: { authorization: `Bearer ${await client.token('GET', '/me', '')}` } });
			expect(page.headers.get('content-type')).toContain('text/html');
			sim.injectFault({ type: 'slow', delayMs: 50, mixinPath: '^/me$' });
			expect((await client.call('GET', '/me')).status).toBe(200);
			expect(sim.calls[sim.calls.length - 1]).toMatchObject({ fault: 'slow', ok: true });
			sim.injectFault({ type: 'drop', mixinPath: '^/me$', times: 2 });
			await expect(client.call('GET', '/me')).rejects.toThrow();
			await expect(client.call('GET', '/me')).rejects.toThrow();
			expect((await client.call('GET', '/me')).status).toBe(200);
			sim.injectFault({ type: 'truncated', mixinPath: '^/me$' });
			const cut = await fetch(`${sim.directUrl}/me`, { headers: { authorization: `Bearer ${await client.token('GET', '/me', '')}` } });
			expect(cut.status).toBe(200);
			await expect(cut.json()).rejects.toThrow();
			// POST /__sandbox/faults takes the Mixin fault types too.
			await fetch(`${sim.url}/__sandbox/faults`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ type: 'error', code: 10105, mixinPath: '^/me$' }),
			});
			expectError(await client.call('GET', '/me'), 10105);
		});
	});

	describe('admin routes', () => {
		it('makes incoming bursts, reports state and creates fresh wallets of both kinds', async () => {
			const response = await fetch(`${sim.url}/__sandbox/coinview/incoming`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ count: 3, asset_id: ASSET.BTC, amount: '0.5' }),
			});
			const created = ((await response.json()) as { data: Array<Record<string, string>> }).data;
			expect(created).toHaveLength(3);
			expect(sim.balance(ed.userId, ASSET.BTC)).toBe('1.75');
			const bad = await fetch(`${sim.url}/__sandbox/coinview/incoming`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ count: 1, amount: '1e3' }),
			});
			expect(bad.status).toBe(400);
			const state = (await (await fetch(`${sim.url}/__sandbox/coinview/state`)).json()) as ReturnType<CoinViewSimulator['state']>;
			expect(state.wallets.find((wallet) => wallet.user_id === ed.userId)?.snapshots).toBe(3);

			for (const kind of ['rsa', 'ed25519'] as const) {
				const fresh = (await (
					await fetch(`${sim.url}/__sandbox/coinview/wallets`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ kind, balances: { [ASSET.XIN]: '3' } }),
					})
				).json()) as Wallet;
				const client = new Client(sim, fresh, 'relay');
				expect((await client.call('GET', '/assets')).body.data).toEqual([expect.objectContaining({ symbol: 'XIN', balance: '3' })]);
				expect((await client.transfer({ asset_id: ASSET.XIN, amount: '1' })).body.data.closing_balance).toBe('2');
			}
		});

		it('reset restores balances and forgets transfers, iterators and faults', async () => {
			const client = new Client(sim, rsa);
			await client.transfer();
			sim.injectFault({ type: 'error', code: 429, mixinPath: '.', times: 0 });
			sim.reset();
			expect(sim.balance(rsa.userId, ASSET.USDT)).toBe('2500');
			expect(sim.transfersOf(rsa.userId)).toEqual([]);
			expect((await client.call('POST', '/pin/verify', { pin: client.encryptPin({ iterator: 1n }) })).status).toBe(200);
		});
	});
});

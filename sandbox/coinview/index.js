'use strict';
/**
 * CoinView / Mixin wallet simulator (spec: coinview.md; §15 corrects the earlier sections).
 *
 * One server, two ways in:
 * - **Mixin API direct**: the real method and path at the root (`GET /assets`, `POST /transfers`, ...)
 *   with `Authorization: Bearer <JWT>`;
 * - **CoinView relay**: `POST /v1/api/wallet` with the SDK's envelope
 *   `{"method", "uri", "content"?, "signature"}` (content is the Mixin body as a JSON string).
 *
 * Both reach the same handlers. Tokens are checked with `jose` (RS512 for RSA sessions, EdDSA for
 * Ed25519 sessions): signature, `uid`/`sid`, `exp` (after `iat`), `scp` = "FULL", `sig` = hex
 * SHA-256 of method + URI with query + body, a `jti` is accepted once, and in direct mode the
 * `X-Request-Id` header must be the `jti`. A body must come as `Content-Type: application/json`;
 * a relay request carries no Authorization header (the token is the envelope's `signature`). Encrypted PINs are decrypted with the key behind the PIN token
 * the session was issued (RSA-OAEP label = session ID, or X25519) and PIN and iterator are checked.
 * Errors come back as HTTP 202 with `{"error": {status, code, description, extra?}}`, as Mixin does;
 * only a server error is HTTP 500.
 *
 * Choices where the spec is silent (INFERRED; test/coinview/sandbox.test.ts pins each of them):
 * - `offset` of GET /snapshots is inclusive (created_at >= offset with ASC, <= with DESC), so
 *   snapshots sharing a timestamp are never lost at a page boundary; clients de-duplicate by ID.
 *   Default order DESC, default limit 100, limit above 500 is error 10002; `order` together with
 *   `opponent` is error 10002 (M2: opponent does not support order).
 * - `created_at` is Go's RFC3339Nano: nanoseconds with trailing zeros removed (and no fraction at
 *   all on a whole second), as in the SDK's samples ("2018-04-25T05:37:10.06433488Z"). Text order
 *   is therefore NOT time order.
 * - A transfer repeated with a trace ID its sender already used returns the original snapshot,
 *   whatever the other fields; a trace ID used by another user is error 20125.
 * - Unknown assets, users, snapshots and trace IDs are error code 404 (HTTP 202).
 * - EOS transfers cost a fee of 0.0001 EOS (only to give 20124 a cause); USDT has a minimum of 0.01.
 * - Five wrong PINs in a row lock the session's PIN (every later try is 20119); a wrong iterator or
 *   an undecryptable PIN is also 20119 but does not count (M2).
 */
const crypto = require('node:crypto');
const { decodeJwt, decodeProtectedHeader, jwtVerify } = require('jose');

const { Simulator, delay } = require('../common/server');
const keys = require('./sandbox-keys.json');
const {
	curvePrivateFromSeed,
	decodeEncryptedPin,
	decryptPin,
	ed25519PrivateKey,
	ed25519PublicKey,
	edwardsToMontgomery,
	rawPublic,
	rawSeed,
	rsaPinToken,
	x25519,
	x25519Public,
} = require('./crypto');

const UNIT = 100000000n; // 8 decimals
const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;
const MAX_MEMO = 200;
const PIN_LOCK_AFTER = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Descriptions as Mixin words them (M1 errors.md, M2 error-codes.md). */
const DESCRIPTIONS = {
	400: 'The request body can’t be pasred as valid data.',
	401: 'Unauthorized, maybe invalid token.',
	403: 'Forbidden.',
	404: 'The endpoint is not found.',
	429: 'Too Many Requests.',
	500: 'Internal Server Error.',
	10002: 'The request data has invalid field.',
	10104: 'The address is generating, please retry later.',
	10105: 'The asset is locked by another transaction, please retry later.',
	20117: 'Insufficient balance.',
	20118: 'PIN format error.',
	20119: 'PIN error.',
	20120: 'Transfer amount is too small.',
	20124: 'Insufficient transaction fee.',
	20125: 'The transfer has been paid by someone else.',
};

/** Seeded assets (Mixin's real asset IDs). min/fee in whole units of the asset. */
const ASSETS = [
	{ asset_id: 'c6d0c728-2624-429b-8e0d-d9d19b6592fa', chain_id: 'c6d0c728-2624-429b-8e0d-d9d19b6592fa', symbol: 'BTC', name: 'Bitcoin', price_usd: '64000', price_btc: '1', asset_key: 'c6d0c728-2624-429b-8e0d-d9d19b6592fa', confirmations: 3 },
	{ asset_id: '43d61dcd-e413-450d-80b8-101d5e903357', chain_id: '43d61dcd-e413-450d-80b8-101d5e903357', symbol: 'ETH', name: 'Ether', price_usd: '3400', price_btc: '0.053125', asset_key: '0x0000000000000000000000000000000000000000', confirmations: 36 },
	{ asset_id: '4d8c508b-91c5-375b-92b0-ee702ed2dac5', chain_id: '43d61dcd-e413-450d-80b8-101d5e903357', symbol: 'USDT', name: 'Tether USD', price_usd: '1', price_btc: '0.0000156', asset_key: '0xdac17f958d2ee523a2206206994597c13d831ec7', confirmations: 36, min: '0.01' },
	{ asset_id: '6cfe566e-4aad-470b-8c9a-2fd35b49c68d', chain_id: '6cfe566e-4aad-470b-8c9a-2fd35b49c68d', symbol: 'EOS', name: 'EOS', price_usd: '0.7', price_btc: '0.0000109', asset_key: 'eosio.token:EOS', confirmations: 64, fee: '0.0001' },
	{ asset_id: 'c94ac88f-4671-3976-b60a-09064f1811e8', chain_id: '43d61dcd-e413-450d-80b8-101d5e903357', symbol: 'XIN', name: 'Mixin', price_usd: '120', price_btc: '0.001875', asset_key: '0xa974c709cfb4566686553a20790685a47aceaa33', confirmations: 36 },
];
const ASSET = { BTC: ASSETS[0].asset_id, ETH: ASSETS[1].asset_id, USDT: ASSETS[2].asset_id, EOS: ASSETS[3].asset_id, XIN: ASSETS[4].asset_id };

/** Other Mixin users the wallets can pay and be paid by (the first two are from the SDK's samples). */
const OTHER_USERS = [
	{ user_id: 'a465ffdb-4441-4cb9-8b45-00cf79dfbc46', identity_number: '20018', full_name: 'OS105' },
	{ user_id: '729c1eec-f03f-3a52-b391-6092cfaba3fb', identity_number: '0', full_name: 'Example' },
	{ user_id: 'e0c1b6a4-2b3d-4f5e-8a9b-0c1d2e3f4a55', identity_number: '7000200', full_name: 'Sandbox Shop' },
];

const WALLET_BALANCES = {
	rsa: { [ASSET.BTC]: '1.5', [ASSET.ETH]: '10', [ASSET.USDT]: '2500', [ASSET.EOS]: '100' },
	ed25519: { [ASSET.BTC]: '0.25', [ASSET.ETH]: '2', [ASSET.USDT]: '1000' },
};

/**
 * @typedef {{ snapshot_id: string, type: string, asset_id: string, amount: string, opening_balance: string,
 *   closing_balance: string, created_at: string, trace_id: string, opponent_id: string, memo: string,
 *   fee?: { amount: string, asset_id: string }, ns: bigint, seq: number, owner: string, outgoing: boolean }} Snapshot
 * @typedef {{ user_id: string, identity_number: string, full_name: string, created_at: string,
 *   balances: Map<string, bigint>, snapshots: Snapshot[], traces: Map<string, Snapshot> }} User
 * @typedef {{ kind: 'rsa' | 'ed25519', sessionId: string, userId: string, publicKey: import('node:crypto').KeyObject,
 *   pin: string, aesKey: Buffer, lastIterator: bigint, pinFailures: number, pinToken: string,
 *   serverPublicKey?: string }} Session
 * @typedef {{ mode: 'direct' | 'relay', method: string, uri: string, path: string, rawBody: string,
 *   token: string | undefined, requestId: string | undefined, contentType?: string }} MixinRequest
 * @typedef {{ type: 'status' | 'error' | 'errorAfter' | 'slow' | 'drop' | 'resetAfter' | 'dropAfter' | 'nonjson' | 'truncated' | 'truncatedAfter', mixinPath?: string,
 *   path?: string, method?: string, times?: number, skip?: number, code?: number, status?: number, body?: any,
 *   extra?: any, delayMs?: number, headers?: Record<string, string>, text?: string }} MixinFault ("nonjson" answers `text` when given)
 */

class CoinViewSimulator extends Simulator {
	/**
	 * @param {{ offsetInclusive?: boolean, transfersTraceRetired?: boolean, legacyRetired?: boolean }} [options]
	 *   offsetInclusive: GET /snapshots `offset` includes its own timestamp (default true);
	 *   transfersTraceRetired: GET /transfers/trace/{id} answers code 404 for every ID, as a server
	 *   where only /snapshots/trace/{id} is left (default false);
	 *   legacyRetired: the legacy wallet API (/assets, /snapshots, /transfers, /payments, spec §13) answers
	 *   code 404 for everything, as a server that removed it would; /me, /users and /pin/verify still work.
	 */
	constructor(options = {}) {
		super('coinview');
		this.options = {
			offsetInclusive: options.offsetInclusive ?? true,
			transfersTraceRetired: options.transfersTraceRetired ?? false,
			legacyRetired: options.legacyRetired ?? false,
		};
		/** Added to the server clock when checking `exp` (simulates a client clock that is off). */
		this.clockSkewMs = 0;
		/** @type {Array<MixinFault & { remaining: number }>} faults matched against the Mixin path in both modes */
		this.mixinFaults = [];
		/** Every Mixin call, in order: mode, method, uri, token claims and the outcome (no PINs). */
		/** @type {any[]} */
		this.calls = [];
		/** Every PIN check: session, result ('ok' | 'format' | 'decrypt' | 'pin' | 'iterator' | 'locked'), iterator. */
		/** @type {Array<{ sessionId: string, result: string, iterator?: string }>} */
		this.pinChecks = [];
		this.fixedWallets = this.loadFixedWallets();
		this.seed();
		this.onReset = () => {
			this.mixinFaults = [];
			this.clockSkewMs = 0;
			this.seed();
		};

		/** @type {Array<{ method: string, pattern: RegExp, keys: string[], auth: 'required' | 'optional', handler: (ctx: any) => any }>} */
		this.mixinRoutes = [];
		this.mixin('GET', '/assets', (ctx) => this.listAssets(ctx));
		this.mixin('GET', '/assets/:assetId', (ctx) => this.getAsset(ctx));
		this.mixin('GET', '/snapshots', (ctx) => this.listSnapshots(ctx));
		this.mixin('GET', '/snapshots/trace/:traceId', (ctx) => this.snapshotByTrace(ctx));
		this.mixin('GET', '/snapshots/:snapshotId', (ctx) => this.getSnapshot(ctx));
		this.mixin('POST', '/transfers', (ctx) => this.transfer(ctx));
		this.mixin('GET', '/transfers/trace/:traceId', (ctx) => this.transferByTrace(ctx));
		this.mixin('GET', '/me', (ctx) => ({ data: this.userOut(ctx.user) }));
		this.mixin('GET', '/users/:userId', (ctx) => this.getUser(ctx));
		this.mixin('POST', '/payments', (ctx) => this.verifyPayment(ctx), 'optional');
		this.mixin('POST', '/pin/verify', (ctx) => this.pinVerify(ctx));

		this.route('POST', '/v1/api/wallet', (req) => this.relay(req));

		this.route('POST', '/__sandbox/coinview/incoming', ({ body }) => {
			try {
				return { status: 200, body: { data: this.incoming(body ?? {}).map((s) => this.snapshotOut(s)) } };
			} catch (error) {
				return { status: 400, body: { error: /** @type {Error} */ (error).message } };
			}
		});
		this.route('GET', '/__sandbox/coinview/state', () => ({ status: 200, body: this.state() }));
		this.route('POST', '/__sandbox/coinview/wallets', async ({ body }) => ({
			status: 200,
			body: await this.createWallet(body ?? {}),
		}));
	}

	// ------------------------------------------------------------------ set-up

	/** The two shipped sessions, with the server's halves derived from the fixed keys. */
	loadFixedWallets() {
		const rsa = keys.rsa;
		const ed = keys.ed25519;
		const serverSeed = Buffer.from(ed.server_seed, 'hex');
		const serverPublic = rawPublic(crypto.createPublicKey(ed25519PrivateKey(serverSeed)));
		const sessionPublic = Buffer.from(ed.session_public_key, 'hex');
		return {
			rsa: {
				kind: /** @type {const} */ ('rsa'),
				userId: rsa.user_id,
				sessionId: rsa.session_id,
				pin: rsa.pin,
				fullName: rsa.full_name,
				identityNumber: rsa.identity_number,
				publicKey: crypto.createPublicKey(rsa.public_key),
				privateKeyPem: rsa.private_key,
				pinToken: rsa.pin_token,
				aesKey: Buffer.from(rsa.server_pin_key, 'hex'),
			},
			ed25519: {
				kind: /** @type {const} */ ('ed25519'),
				userId: ed.user_id,
				sessionId: ed.session_id,
				pin: ed.pin,
				fullName: ed.full_name,
				identityNumber: ed.identity_number,
				publicKey: ed25519PublicKey(sessionPublic),
				seed: Buffer.from(ed.session_seed, 'hex'),
				serverSeed,
				serverPublic,
			},
		};
	}

	/** (Re)builds the whole state: assets, users, balances, sessions; clears logs and traces. */
	seed() {
		/** @type {Map<string, typeof ASSETS[number] & { minUnits: bigint, feeUnits: bigint }>} */
		this.assets = new Map(
			ASSETS.map((asset) => [
				asset.asset_id,
				{ ...asset, minUnits: toUnits(asset.min ?? '0.00000001'), feeUnits: toUnits(asset.fee ?? '0') },
			]),
		);
		/** @type {Map<string, User>} */
		this.users = new Map();
		/** @type {Map<string, Session>} */
		this.sessions = new Map();
		/** @type {Map<string, Snapshot>} trace ID → the sender's snapshot, network-wide */
		this.traces = new Map();
		/** @type {Map<string, number>} jti → expiry (ms) */
		this.jtis = new Map();
		this.calls = [];
		this.pinChecks = [];
		this.seq = 0;
		this.clockNs = 0n;
		for (const other of OTHER_USERS) {
			this.addUser(other.user_id, other.full_name, other.identity_number, {
				[ASSET.BTC]: '1000',
				[ASSET.ETH]: '100000',
				[ASSET.USDT]: '100000000',
				[ASSET.EOS]: '1000000',
				[ASSET.XIN]: '10000',
			});
		}
		const { rsa, ed25519 } = this.fixedWallets;
		this.addUser(rsa.userId, rsa.fullName, rsa.identityNumber, WALLET_BALANCES.rsa);
		this.addUser(ed25519.userId, ed25519.fullName, ed25519.identityNumber, WALLET_BALANCES.ed25519);
		this.addRsaSession(rsa.userId, rsa.sessionId, rsa.pin, rsa.publicKey, rsa.aesKey, rsa.pinToken);
		this.addEd25519Session(ed25519.userId, ed25519.sessionId, ed25519.pin, ed25519.publicKey, ed25519.serverSeed);
	}

	/**
	 * @param {string} userId @param {string} fullName @param {string} identityNumber
	 * @param {Record<string, string>} balances asset ID → decimal text
	 */
	addUser(userId, fullName, identityNumber, balances = {}) {
		/** @type {User} */
		const user = {
			user_id: userId,
			identity_number: identityNumber,
			full_name: fullName,
			created_at: '2018-09-04T03:34:18.484856821Z',
			balances: new Map(Object.entries(balances).map(([asset, amount]) => [asset, toUnits(amount)])),
			snapshots: [],
			traces: new Map(),
		};
		this.users.set(userId, user);
		return user;
	}

	/**
	 * @param {string} userId @param {string} sessionId @param {string} pin
	 * @param {import('node:crypto').KeyObject} publicKey @param {Buffer} aesKey @param {string} [pinToken]
	 */
	addRsaSession(userId, sessionId, pin, publicKey, aesKey, pinToken) {
		this.sessions.set(sessionId, {
			kind: 'rsa',
			sessionId,
			userId,
			publicKey,
			pin,
			aesKey,
			lastIterator: 0n,
			pinFailures: 0,
			pinToken: pinToken ?? rsaPinToken(publicKey, sessionId, aesKey),
		});
	}

	/**
	 * The server's X25519 key is the Montgomery form of its Ed25519 key, so the PIN token can be
	 * handed out either way: `pin_token` = base64url of the X25519 public key (2020–2023) or
	 * `server_public_key` = hex of the Ed25519 public key (2024 on). The AES key is
	 * X25519(server scalar, Montgomery form of the session's Ed25519 public key).
	 * @param {string} userId @param {string} sessionId @param {string} pin
	 * @param {import('node:crypto').KeyObject} publicKey the session's Ed25519 public key @param {Buffer} serverSeed
	 */
	addEd25519Session(userId, sessionId, pin, publicKey, serverSeed) {
		const serverScalar = curvePrivateFromSeed(serverSeed);
		const serverPublic = rawPublic(crypto.createPublicKey(ed25519PrivateKey(serverSeed)));
		const aesKey = x25519(serverScalar, edwardsToMontgomery(rawPublic(publicKey)));
		this.sessions.set(sessionId, {
			kind: 'ed25519',
			sessionId,
			userId,
			publicKey,
			pin,
			aesKey,
			lastIterator: 0n,
			pinFailures: 0,
			pinToken: x25519Public(serverScalar).toString('base64url'),
			serverPublicKey: serverPublic.toString('hex'),
		});
	}

	/**
	 * A new wallet user with a new session of the given kind, e.g. for a test that needs its own
	 * balances. Returns the credential values (private halves included: it is a sandbox).
	 * @param {{ kind?: 'rsa' | 'ed25519', pin?: string, balances?: Record<string, string>, fullName?: string }} [options]
	 */
	async createWallet(options = {}) {
		const kind = options.kind ?? 'ed25519';
		const userId = crypto.randomUUID();
		const sessionId = crypto.randomUUID();
		const pin = options.pin ?? '246810';
		this.addUser(userId, options.fullName ?? `Sandbox Wallet ${userId.slice(0, 8)}`, String(7100000 + this.users.size), options.balances ?? WALLET_BALANCES[kind]);
		if (kind === 'rsa') {
			const pair = await new Promise((resolve, reject) =>
				crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) =>
					error ? reject(error) : resolve({ publicKey, privateKey }),
				),
			);
			const aesKey = crypto.randomBytes(32);
			this.addRsaSession(userId, sessionId, pin, pair.publicKey, aesKey);
			return this.rsaCredential(userId, sessionId, pin, pair.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString());
		}
		const pair = crypto.generateKeyPairSync('ed25519');
		this.addEd25519Session(userId, sessionId, pin, pair.publicKey, crypto.randomBytes(32));
		return this.ed25519Credential(userId, sessionId, pin, rawSeed(pair.privateKey));
	}

	/** @param {string} userId @param {string} sessionId @param {string} pin @param {string} privateKeyPem */
	rsaCredential(userId, sessionId, pin, privateKeyPem) {
		const session = /** @type {Session} */ (this.sessions.get(sessionId));
		const key = crypto.createPrivateKey(privateKeyPem);
		const pkcs1 = key.export({ format: 'der', type: 'pkcs1' }).toString('base64');
		const pkcs8 = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
		const backup = (privateKey) =>
			Buffer.from(JSON.stringify({ id: userId, sessionId, pinToken: session.pinToken, privateKey })).toString('base64');
		return {
			kind: 'rsa',
			userId,
			sessionId,
			pin,
			pinToken: session.pinToken,
			privateKey: privateKeyPem,
			privateKeyDerPkcs1: pkcs1,
			privateKeyDerPkcs8: pkcs8,
			backupSecretKey: backup(pkcs1),
			backupSecretKeyPkcs8: backup(pkcs8),
		};
	}

	/** @param {string} userId @param {string} sessionId @param {string} pin @param {Buffer} seed */
	ed25519Credential(userId, sessionId, pin, seed) {
		const session = /** @type {Session} */ (this.sessions.get(sessionId));
		const full = Buffer.concat([seed, rawPublic(crypto.createPublicKey(ed25519PrivateKey(seed)))]);
		return {
			kind: 'ed25519',
			userId,
			sessionId,
			pin,
			pinToken: session.pinToken,
			serverPublicKey: session.serverPublicKey,
			privateKey: seed.toString('hex'),
			privateKeyBase64Url: full.toString('base64url'),
			backupSecretKey: Buffer.from(
				JSON.stringify({ id: userId, sessionId, pinToken: session.pinToken, privateKey: seed.toString('hex') }),
			).toString('base64'),
		};
	}

	/** Base URL of the direct Mixin API mode (like https://api.mixin.one). */
	get directUrl() {
		return this.url;
	}

	/** Base URL of the relay mode (like https://wallet.coinjinja.com/v1/api); calls go to `${relayUrl}/wallet`. */
	get relayUrl() {
		return `${this.url}/v1/api`;
	}

	/**
	 * Everything a client needs to reach the sandbox: both base URLs, the two shipped wallets'
	 * credentials (private halves included), the other users and the assets.
	 */
	describe() {
		const { rsa, ed25519 } = this.fixedWallets;
		return {
			directUrl: this.directUrl,
			relayUrl: this.relayUrl,
			wallets: {
				rsa: this.rsaCredential(rsa.userId, rsa.sessionId, rsa.pin, rsa.privateKeyPem),
				ed25519: this.ed25519Credential(ed25519.userId, ed25519.sessionId, ed25519.pin, ed25519.seed),
			},
			users: OTHER_USERS.map((user) => ({ ...user })),
			assets: Object.fromEntries(ASSETS.map((asset) => [asset.symbol, asset.asset_id])),
		};
	}

	/** Balances, snapshot counts, iterators and PIN failures, for assertions and the admin route. */
	state() {
		return {
			wallets: [...this.users.values()].map((user) => ({
				user_id: user.user_id,
				full_name: user.full_name,
				balances: Object.fromEntries([...user.balances].map(([asset, units]) => [asset, fromUnits(units)])),
				snapshots: user.snapshots.length,
			})),
			sessions: [...this.sessions.values()].map((session) => ({
				session_id: session.sessionId,
				user_id: session.userId,
				kind: session.kind,
				last_iterator: session.lastIterator.toString(),
				pin_failures: session.pinFailures,
			})),
		};
	}

	/** Decimal balance of a user in an asset. @param {string} userId @param {string} assetId */
	balance(userId, assetId) {
		return fromUnits(this.users.get(userId)?.balances.get(assetId) ?? 0n);
	}

	/** Snapshots of a user in creation order (public shape). @param {string} userId */
	snapshotsOf(userId) {
		return (this.users.get(userId)?.snapshots ?? []).map((snapshot) => this.snapshotOut(snapshot));
	}

	/** Outgoing transfers a user made (each executed transfer once, whatever the retries). @param {string} userId */
	transfersOf(userId) {
		return (this.users.get(userId)?.snapshots ?? []).filter((s) => s.outgoing).map((s) => this.snapshotOut(s));
	}

	// ------------------------------------------------------------------ faults

	/**
	 * Adds the Mixin-level fault types to the common ones. A fault with `mixinPath` (a regular
	 * expression on the Mixin path, in both modes), or of type "error" or "resetAfter", is handled
	 * here; `skip` lets that many matching requests through first (e.g. only the 2nd transfer): "error" answers HTTP 202 with the Mixin error `code` (and `extra`) without running the call;
	 * "errorAfter" runs the call and then answers that error (default code 500, HTTP 500); "resetAfter" lets the
	 * request execute and then drops the connection without an answer; "truncatedAfter" lets it execute
	 * and answers 200 with the first half of its answer ("truncated" answers a cut-off JSON without
	 * running the call). Others go to the common server.
	 * @param {any} fault
	 */
	injectFault(fault) {
		if (fault && (fault.mixinPath !== undefined || ['error', 'errorAfter', 'resetAfter', 'truncated', 'truncatedAfter'].includes(fault.type))) {
			// "resetAfter" is the common "dropAfter", matched on the Mixin path (so it works in relay mode too).
			const times = fault.times ?? 1;
			this.mixinFaults.push({ ...fault, remaining: times === 0 ? Number.POSITIVE_INFINITY : times });
			return;
		}
		super.injectFault(fault);
	}

	clearFaults() {
		super.clearFaults();
		this.mixinFaults = [];
	}

	/**
	 * Unknown paths in direct mode get Mixin's answer (code 404 in HTTP 202), not the common 404.
	 * @param {string} method @param {string} path @param {string} rawQuery
	 * @param {import('node:http').IncomingMessage} req @param {string} rawBody
	 */
	async dispatch(method, path, rawQuery, req, rawBody) {
		const result = await super.dispatch(method, path, rawQuery, req, rawBody);
		if (result !== 'drop' && (result.status === 404 || result.status === 405) && !path.startsWith('/__sandbox/')) {
			this.calls.push({ mode: 'direct', method, uri: rawQuery ? `${path}?${rawQuery}` : path, path, errorCode: 404 });
			return mixinError(404);
		}
		return result;
	}

	/** @param {string} method @param {string} path */
	takeMixinFault(method, path) {
		const index = this.mixinFaults.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === method) &&
				new RegExp(fault.mixinPath ?? fault.path ?? '').test(path),
		);
		if (index === -1) return undefined;
		const fault = this.mixinFaults[index];
		if (fault.skip) {
			fault.skip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.mixinFaults.splice(index, 1);
		return fault;
	}

	// ------------------------------------------------------------------ transport

	/**
	 * Registers a Mixin endpoint for both modes.
	 * @param {string} method @param {string} path @param {(ctx: any) => any} handler
	 * @param {'required' | 'optional'} [auth]
	 */
	mixin(method, path, handler, auth = 'required') {
		/** @type {string[]} */
		const routeKeys = [];
		const source = path.replace(/\/:([A-Za-z_]+)/g, (_match, key) => {
			routeKeys.push(key);
			return '/([^/]+)';
		});
		this.mixinRoutes.push({ method, pattern: new RegExp(`^${source}$`), keys: routeKeys, auth, handler });
		this.route(method, path, (req) =>
			this.serve({
				mode: 'direct',
				method: req.method,
				uri: req.rawQuery === '' ? req.path : `${req.path}?${req.rawQuery}`,
				path: req.path,
				rawBody: req.rawBody,
				token: bearer(req.headers.authorization),
				requestId: headerValue(req.headers['x-request-id']),
				contentType: headerValue(req.headers['content-type']),
			}),
		);
	}

	/** The relay: `POST /v1/api/wallet` with the SDK's envelope. @param {import('../common/server').SimRequest} req */
	relay(req) {
		const envelope = req.body;
		const bad = (reason) => {
			this.calls.push({ mode: 'relay', method: 'POST', uri: '/v1/api/wallet', errorCode: 400, reason });
			return mixinError(400, { reason });
		};
		if (!isJsonContentType(headerValue(req.headers['content-type']))) return bad('the envelope must be sent as Content-Type: application/json');
		// §7: in relay mode the JWT travels in the envelope's `signature`, never in a header.
		if (req.headers.authorization !== undefined) return bad('relay requests carry no Authorization header (the token is the envelope signature)');
		if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return bad('the body is not a JSON object');
		const { method, uri, content, signature } = envelope;
		if (method !== 'GET' && method !== 'POST') return bad('method must be "GET" or "POST"');
		if (typeof uri !== 'string' || !uri.startsWith('/')) return bad('uri must be a path starting with "/"');
		if (content !== undefined && typeof content !== 'string') return bad('content must be the body as a JSON string');
		// §7: content is left out when there is no body; a GET has none.
		if (content === '') return bad('content is left out when there is no body, not empty');
		if (method === 'GET' && content !== undefined) return bad('a GET carries no content');
		if (typeof signature !== 'string') return bad('signature is missing');
		const questionMark = uri.indexOf('?');
		return this.serve({
			mode: 'relay',
			method,
			uri,
			path: questionMark === -1 ? uri : uri.slice(0, questionMark),
			rawBody: content ?? '',
			token: signature,
			requestId: headerValue(req.headers['x-request-id']),
		});
	}

	/**
	 * Runs one Mixin call: fault, authentication, body, handler; logs it.
	 * @param {MixinRequest} request @returns {Promise<import('../common/server').SimResult>}
	 */
	async serve(request) {
		const log = { mode: request.mode, method: request.method, uri: request.uri, path: request.path, requestId: request.requestId };
		this.calls.push(log);
		// §7 direct mode: a body is JSON and says so (Content-Type: application/json).
		if (request.mode === 'direct' && request.rawBody !== '' && !isJsonContentType(request.contentType)) {
			Object.assign(log, { errorCode: 400, reason: 'a body without Content-Type: application/json' });
			return mixinError(400, { reason: 'Content-Type must be application/json' });
		}
		const route = this.mixinRoutes.find((r) => r.method === request.method && r.pattern.test(request.path));
		if (!route || (this.options.legacyRetired && /^\/(assets|snapshots|transfers|payments)(\/|$)/.test(request.path))) {
			Object.assign(log, { errorCode: 404 });
			return mixinError(404);
		}
		const fault = this.takeMixinFault(request.method, request.path);
		if (fault) Object.assign(log, { fault: fault.type });
		if (fault?.type === 'drop') return 'drop';
		if (fault?.type === 'error') {
			Object.assign(log, { errorCode: fault.code ?? 500 });
			return mixinError(fault.code ?? 500, fault.extra);
		}
		if (fault?.type === 'status') {
			return { status: fault.status ?? 500, body: fault.body ?? mixinError(fault.status ?? 500).body, headers: fault.headers };
		}
		if (fault?.type === 'truncated') {
			// A 2xx whose JSON stops half-way (a proxy cut it off).
			return { status: fault.status ?? 200, text: '{"data":[{"type":"asset","asset_id":"c6d0c7', headers: { 'content-type': 'application/json' } };
		}
		if (fault?.type === 'nonjson') {
			return { status: fault.status ?? 200, text: fault.text ?? '<html><body>502 Bad Gateway</body></html>', headers: { 'content-type': 'text/html', ...(fault.headers ?? {}) } };
		}
		if (fault?.type === 'slow') await delay(fault.delayMs ?? 2000);

		const result = await this.execute(request, route, log);
		if (fault?.type === 'errorAfter') {
			// The call ran; the answer is a Mixin error anyway (a 500 after the transfer was made).
			Object.assign(log, { errorCode: fault.code ?? 500, answerLost: true });
			return mixinError(fault.code ?? 500, fault.extra);
		}
		if (fault?.type === 'resetAfter' || fault?.type === 'dropAfter') {
			Object.assign(log, { answerLost: true });
			return 'drop';
		}
		if (fault?.type === 'truncatedAfter' && result !== 'drop') {
			// The call ran; its answer arrives cut off half-way (a proxy dropped the rest).
			Object.assign(log, { answerLost: true });
			const whole = result.text ?? JSON.stringify(result.body ?? {});
			return { status: 200, text: whole.slice(0, Math.max(1, Math.floor(whole.length / 2))), headers: { 'content-type': 'application/json' } };
		}
		if (request.requestId && result !== 'drop') result.headers = { ...(result.headers ?? {}), 'x-request-id': request.requestId };
		return result;
	}

	/**
	 * @param {MixinRequest} request @param {(typeof this.mixinRoutes)[number]} route @param {any} log
	 * @returns {Promise<import('../common/server').SimResponse>}
	 */
	async execute(request, route, log) {
		/** @type {User | undefined} */
		let user;
		if (route.auth === 'required' || request.token !== undefined) {
			const auth = await this.authenticate(request);
			Object.assign(log, { claims: auth.claims, sessionId: auth.session?.sessionId, alg: auth.alg });
			if (!auth.session) {
				Object.assign(log, { errorCode: 401, reason: auth.reason });
				return mixinError(401);
			}
			user = this.users.get(auth.session.userId);
			log.session = auth.session;
		}
		let body;
		if (request.rawBody !== '') {
			try {
				body = JSON.parse(request.rawBody);
			} catch {
				Object.assign(log, { errorCode: 400, reason: 'the body is not JSON' });
				return mixinError(400);
			}
		}
		const match = /** @type {RegExpExecArray} */ (route.pattern.exec(request.path));
		/** @type {Record<string, string>} */
		const params = {};
		route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1])));
		const questionMark = request.uri.indexOf('?');
		const query = new URLSearchParams(questionMark === -1 ? '' : request.uri.slice(questionMark + 1));
		const session = log.session;
		delete log.session;
		const outcome = route.handler({ mode: request.mode, user, session, body, params, query });
		if (outcome.error !== undefined) {
			Object.assign(log, { errorCode: outcome.error, extra: outcome.extra });
			return mixinError(outcome.error, outcome.extra);
		}
		Object.assign(log, { ok: true });
		return { status: 200, body: { data: outcome.data } };
	}

	/**
	 * Checks the JWT of a request (with jose, independently of any client code).
	 * @param {MixinRequest} request
	 * @returns {Promise<{ session?: Session, claims?: any, alg?: string, reason?: string }>}
	 */
	async authenticate(request) {
		const token = request.token;
		if (!token) return { reason: 'no token' };
		let claims;
		let alg;
		try {
			claims = decodeJwt(token);
			alg = decodeProtectedHeader(token).alg;
		} catch {
			return { reason: 'not a JWT' };
		}
		const logged = { ...claims };
		const session = typeof claims.sid === 'string' ? this.sessions.get(claims.sid) : undefined;
		if (!session) return { claims: logged, alg, reason: 'unknown session' };
		const expected = session.kind === 'rsa' ? 'RS512' : 'EdDSA';
		if (alg !== expected) return { claims: logged, alg, reason: `alg ${alg} for a ${session.kind} session` };
		try {
			await jwtVerify(token, session.publicKey, {
				algorithms: [expected],
				currentDate: new Date(Date.now() + this.clockSkewMs),
				requiredClaims: ['uid', 'sid', 'iat', 'exp', 'jti', 'sig'],
			});
		} catch (error) {
			return { claims: logged, alg, reason: `token: ${/** @type {any} */ (error).code ?? /** @type {Error} */ (error).message}` };
		}
		if (claims.uid !== session.userId) return { claims: logged, alg, reason: 'uid is not the session user' };
		// §15: current clients send scp "FULL"; any other scope is refused.
		if (claims.scp !== 'FULL') return { claims: logged, alg, reason: 'scp is not "FULL"' };
		if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp <= claims.iat) {
			return { claims: logged, alg, reason: 'exp is not after iat' };
		}
		// §7 / §15 (N1, N3): in direct mode X-Request-Id is the token's jti.
		if (request.mode === 'direct' && request.requestId !== claims.jti) {
			return { claims: logged, alg, reason: 'X-Request-Id is not the jti of the token' };
		}
		const sig = crypto.createHash('sha256').update(`${request.method}${request.uri}${request.rawBody}`, 'utf8').digest('hex');
		if (claims.sig !== sig) return { claims: logged, alg, reason: 'sig does not match method + uri + body' };
		const now = Date.now();
		for (const [jti, expiresAt] of this.jtis) if (expiresAt < now) this.jtis.delete(jti);
		if (typeof claims.jti !== 'string' || this.jtis.has(claims.jti)) return { claims: logged, alg, reason: 'jti reused' };
		this.jtis.set(claims.jti, Number(claims.exp) * 1000);
		return { session, claims: logged, alg };
	}

	// ------------------------------------------------------------------ PIN

	/**
	 * Decrypts and checks an encrypted PIN for a session.
	 * @param {Session} session @param {unknown} encrypted
	 * @returns {{ error: number, extra?: any } | undefined} undefined when the PIN is right
	 */
	checkPin(session, encrypted) {
		const record = (result, iterator) => this.pinChecks.push({ sessionId: session.sessionId, result, iterator: iterator?.toString() });
		if (session.pinFailures >= PIN_LOCK_AFTER) {
			record('locked');
			return { error: 20119 };
		}
		const blob = decodeEncryptedPin(/** @type {string} */ (encrypted), session.kind);
		if (!blob) {
			record('format');
			return { error: 20118 };
		}
		const plain = decryptPin(session.aesKey, blob);
		if (!plain) {
			record('decrypt');
			return { error: 20119 };
		}
		if (plain.pin !== session.pin) {
			session.pinFailures += 1;
			record('pin', plain.iterator);
			return { error: 20119 };
		}
		if (plain.iterator <= session.lastIterator) {
			record('iterator', plain.iterator);
			return { error: 20119 };
		}
		session.lastIterator = plain.iterator;
		session.pinFailures = 0;
		record('ok', plain.iterator);
		return undefined;
	}

	// ------------------------------------------------------------------ endpoints

	/** GET /assets: the assets with a balance above 0 (M2). */
	listAssets({ user }) {
		const data = [...this.assets.values()]
			.filter((asset) => (user.balances.get(asset.asset_id) ?? 0n) > 0n)
			.map((asset) => this.assetOut(asset, user));
		return { data };
	}

	/** GET /assets/{asset_id} */
	getAsset({ user, params }) {
		if (!UUID.test(params.assetId)) return invalid('asset_id', 'not a UUID');
		const asset = this.assets.get(params.assetId);
		if (!asset) return { error: 404 };
		return { data: this.assetOut(asset, user) };
	}

	/** GET /snapshots?limit&offset&order&asset&opponent */
	listSnapshots({ user, query, mode }) {
		const limitText = query.get('limit');
		let limit = DEFAULT_LIMIT;
		if (limitText !== null) {
			if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
				return invalid('limit', `an integer from 1 to ${MAX_LIMIT}`);
			}
			limit = Number(limitText);
		}
		const order = query.get('order') ?? 'DESC';
		if (order !== 'ASC' && order !== 'DESC') return invalid('order', 'ASC or DESC');
		const offsetText = query.get('offset');
		const offset = offsetText === null ? undefined : parseTime(offsetText);
		if (offsetText !== null && offset === undefined) return invalid('offset', 'an RFC3339Nano timestamp');
		const asset = query.get('asset');
		if (asset !== null && !UUID.test(asset)) return invalid('asset', 'not a UUID');
		const opponent = query.get('opponent');
		if (opponent !== null && !UUID.test(opponent)) return invalid('opponent', 'not a UUID');
		if (opponent !== null && query.get('order') !== null) return invalid('order', 'order cannot be combined with opponent');
		const inclusive = this.options.offsetInclusive;
		let list = user.snapshots.filter(
			(s) =>
				(asset === null || s.asset_id === asset) &&
				(opponent === null || s.opponent_id === opponent) &&
				(offset === undefined ||
					(order === 'ASC'
						? inclusive ? s.ns >= offset : s.ns > offset
						: inclusive ? s.ns <= offset : s.ns < offset)),
		);
		list.sort((a, b) => (a.ns === b.ns ? a.seq - b.seq : a.ns < b.ns ? -1 : 1));
		if (order === 'DESC') list.reverse();
		list = list.slice(0, limit);
		return { data: list.map((s) => this.snapshotOut(s, mode)) };
	}

	/** GET /snapshots/{snapshot_id} */
	getSnapshot({ user, params, mode }) {
		if (!UUID.test(params.snapshotId)) return invalid('snapshot_id', 'not a UUID');
		const snapshot = user.snapshots.find((s) => s.snapshot_id === params.snapshotId);
		return snapshot ? { data: this.snapshotOut(snapshot, mode) } : { error: 404 };
	}

	/** GET /transfers/trace/{trace_id}: the user's own transfer with that trace ID. */
	transferByTrace({ user, params, mode }) {
		if (this.options.transfersTraceRetired) return { error: 404 };
		if (!UUID.test(params.traceId)) return invalid('trace_id', 'not a UUID');
		const snapshot = user.traces.get(params.traceId);
		return snapshot ? { data: this.snapshotOut(snapshot, mode) } : { error: 404 };
	}

	/** GET /snapshots/trace/{trace_id}: the user's snapshot with that trace ID (sent, else received). */
	snapshotByTrace({ user, params, mode }) {
		if (!UUID.test(params.traceId)) return invalid('trace_id', 'not a UUID');
		const snapshot = user.traces.get(params.traceId) ?? user.snapshots.find((s) => s.trace_id === params.traceId);
		return snapshot ? { data: this.snapshotOut(snapshot, mode) } : { error: 404 };
	}

	/** GET /users/{user_id} */
	getUser({ params }) {
		if (!UUID.test(params.userId)) return invalid('user_id', 'not a UUID');
		const user = this.users.get(params.userId);
		return user ? { data: this.userOut(user) } : { error: 404 };
	}

	/** POST /pin/verify {"pin"}: checks the encrypted PIN, answers the user. */
	pinVerify({ user, session, body }) {
		if (!isObject(body)) return { error: 400 };
		const pinError = this.checkPin(session, body.pin);
		return pinError ?? { data: this.userOut(user) };
	}

	/** POST /transfers {asset_id, opponent_id, amount, pin, trace_id?, memo?} */
	transfer({ user, session, body, mode }) {
		if (!isObject(body)) return { error: 400 };
		const problem = this.checkTransferFields(body, user.user_id);
		if (problem) return problem;
		if (body.memo !== undefined && body.memo !== null && (typeof body.memo !== 'string' || [...body.memo].length > MAX_MEMO)) {
			return invalid('memo', `text of at most ${MAX_MEMO} characters`);
		}
		if (body.trace_id !== undefined && body.trace_id !== null && (typeof body.trace_id !== 'string' || !UUID.test(body.trace_id))) {
			return invalid('trace_id', 'not a UUID');
		}
		const pinError = this.checkPin(session, body.pin);
		if (pinError) return pinError;
		const traceId = typeof body.trace_id === 'string' ? body.trace_id : crypto.randomUUID();
		const earlier = user.traces.get(traceId);
		if (earlier) return { data: this.snapshotOut(earlier, mode) };
		if (this.traces.has(traceId)) return { error: 20125 };
		const asset = /** @type {NonNullable<ReturnType<typeof this.assets.get>>} */ (this.assets.get(body.asset_id));
		const amount = /** @type {bigint} */ (toUnits(body.amount));
		if (amount < asset.minUnits) return { error: 20120 };
		const held = user.balances.get(asset.asset_id) ?? 0n;
		if (held < amount) return { error: 20117 };
		if (held < amount + asset.feeUnits) return { error: 20124 };
		const sent = this.move(user, /** @type {User} */ (this.users.get(body.opponent_id)), asset, amount, traceId, body.memo ?? '');
		return { data: this.snapshotOut(sent, mode) };
	}

	/** POST /payments {asset_id, opponent_id, amount, trace_id}: pending or paid. */
	verifyPayment({ body }) {
		if (!isObject(body)) return { error: 400 };
		const problem = this.checkTransferFields(body, undefined);
		if (problem) return problem;
		if (typeof body.trace_id !== 'string' || !UUID.test(body.trace_id)) return invalid('trace_id', 'not a UUID');
		const asset = /** @type {NonNullable<ReturnType<typeof this.assets.get>>} */ (this.assets.get(body.asset_id));
		const recipient = /** @type {User} */ (this.users.get(body.opponent_id));
		const paid = this.traces.get(body.trace_id);
		if (
			paid &&
			(paid.asset_id !== body.asset_id || paid.opponent_id !== body.opponent_id || toUnits(paid.amount.slice(1)) !== toUnits(body.amount))
		) {
			return invalid('trace_id', 'the trace ID was used for a different transfer');
		}
		return {
			data: {
				type: 'payment',
				trace_id: body.trace_id,
				recipient: this.userOut(recipient),
				asset: this.assetOut(asset, undefined),
				amount: fromUnits(/** @type {bigint} */ (toUnits(body.amount))),
				status: paid ? 'paid' : 'pending',
			},
		};
	}

	/**
	 * asset_id, opponent_id and amount of a transfer or payment check.
	 * @param {any} body @param {string | undefined} senderId
	 */
	checkTransferFields(body, senderId) {
		if (typeof body.asset_id !== 'string' || !UUID.test(body.asset_id)) return invalid('asset_id', 'not a UUID');
		if (!this.assets.has(body.asset_id)) return invalid('asset_id', 'asset not found');
		if (typeof body.opponent_id !== 'string' || !UUID.test(body.opponent_id)) return invalid('opponent_id', 'not a UUID');
		if (!this.users.has(body.opponent_id)) return invalid('opponent_id', 'user not found');
		if (body.opponent_id === senderId) return invalid('opponent_id', 'cannot transfer to yourself');
		if (typeof body.amount !== 'string') return invalid('amount', 'a decimal string');
		if (!/^\d{1,12}(\.\d+)?$/.test(body.amount)) return invalid('amount', 'a decimal string');
		if (toUnits(body.amount) === undefined) return invalid('amount', 'at most 8 decimals');
		return undefined;
	}

	// ------------------------------------------------------------------ state changes

	/** Strictly increasing nanosecond clock with real sub-millisecond digits. */
	nextNs() {
		const now = BigInt(Date.now()) * 1000000n + BigInt(crypto.randomInt(0, 1000000));
		this.clockNs = now > this.clockNs ? now : this.clockNs + 1n;
		return this.clockNs;
	}

	/**
	 * Moves funds and writes both snapshots (the sender's is returned).
	 * @param {User} from @param {User} to @param {any} asset @param {bigint} amount
	 * @param {string} traceId @param {string} memo @param {bigint} [ns]
	 */
	move(from, to, asset, amount, traceId, memo, ns = this.nextNs()) {
		const createdAt = formatTime(ns);
		const fromOpening = from.balances.get(asset.asset_id) ?? 0n;
		const fromClosing = fromOpening - amount - asset.feeUnits;
		from.balances.set(asset.asset_id, fromClosing);
		const toOpening = to.balances.get(asset.asset_id) ?? 0n;
		to.balances.set(asset.asset_id, toOpening + amount);
		/** @type {Snapshot} */
		const sent = {
			snapshot_id: crypto.randomUUID(),
			type: 'transfer',
			asset_id: asset.asset_id,
			amount: fromUnits(-amount),
			opening_balance: fromUnits(fromOpening),
			closing_balance: fromUnits(fromClosing),
			created_at: createdAt,
			trace_id: traceId,
			opponent_id: to.user_id,
			memo,
			ns,
			seq: this.seq++,
			owner: from.user_id,
			outgoing: true,
		};
		if (asset.feeUnits > 0n) sent.fee = { amount: fromUnits(asset.feeUnits), asset_id: asset.asset_id };
		/** @type {Snapshot} */
		const received = {
			snapshot_id: crypto.randomUUID(),
			type: 'transfer',
			asset_id: asset.asset_id,
			amount: fromUnits(amount),
			opening_balance: fromUnits(toOpening),
			closing_balance: fromUnits(toOpening + amount),
			created_at: createdAt,
			trace_id: traceId,
			opponent_id: from.user_id,
			memo,
			ns,
			seq: this.seq++,
			owner: to.user_id,
			outgoing: false,
		};
		from.snapshots.push(sent);
		from.traces.set(traceId, sent);
		to.snapshots.push(received);
		this.traces.set(traceId, sent);
		return sent;
	}

	/**
	 * Test hook: incoming transfers to a wallet, in a burst.
	 * @param {{ count?: number, user_id?: string, asset_id?: string, amount?: string, from?: string, memo?: string,
	 *   trace_id?: string, timestamps?: 'distinct' | 'same' | 'nanos' | 'seconds' }} options
	 *   timestamps: 'distinct' (default) each its own time; 'same': all exactly the same created_at;
	 *   'nanos': the same microsecond, differing only in the nanosecond digits, starting on a whole
	 *   microsecond (so the first has trailing zeros removed); 'seconds': whole seconds, one apart
	 *   (no fraction at all).
	 * @returns {Snapshot[]} the receiving wallet's new snapshots, in order
	 */
	incoming(options = {}) {
		const count = options.count ?? 1;
		if (!Number.isInteger(count) || count < 1 || count > 5000) throw new Error('count must be 1 to 5000');
		const to = this.users.get(options.user_id ?? this.fixedWallets.ed25519.userId);
		if (!to) throw new Error('unknown user_id');
		const asset = this.assets.get(options.asset_id ?? ASSET.USDT);
		if (!asset) throw new Error('unknown asset_id');
		const amount = toUnits(options.amount ?? '1.5');
		if (amount === undefined || amount <= 0n) throw new Error('amount must be a positive decimal with at most 8 decimals');
		if (count > 1 && options.trace_id) throw new Error('trace_id needs count 1');
		if (options.from !== undefined && !this.users.has(options.from)) throw new Error('unknown from');
		const mode = options.timestamps ?? 'distinct';
		let base = this.nextNs();
		if (mode === 'nanos') base = ((base / 1000n) + 1n) * 1000n;
		if (mode === 'seconds') base = ((base / 1000000000n) + 1n) * 1000000000n;
		/** @type {Snapshot[]} */
		const created = [];
		for (let index = 0; index < count; index++) {
			const from = /** @type {User} */ (this.users.get(options.from ?? OTHER_USERS[index % OTHER_USERS.length].user_id));
			let ns;
			if (mode === 'same') ns = base;
			else if (mode === 'nanos') ns = base + BigInt(index);
			else if (mode === 'seconds') ns = base + BigInt(index) * 1000000000n;
			else ns = index === 0 ? base : this.nextNs();
			if (ns > this.clockNs) this.clockNs = ns;
			const sent = this.move(from, to, asset, amount, options.trace_id ?? crypto.randomUUID(), options.memo ?? `incoming ${index + 1}`, ns);
			created.push(/** @type {Snapshot} */ (to.snapshots[to.snapshots.length - 1]));
			void sent;
		}
		return created;
	}

	// ------------------------------------------------------------------ shapes

	/** @param {any} asset @param {User | undefined} user */
	assetOut(asset, user) {
		return {
			type: 'asset',
			asset_id: asset.asset_id,
			chain_id: asset.chain_id,
			symbol: asset.symbol,
			name: asset.name,
			icon_url: `https://images.mixin.one/sandbox/${asset.symbol.toLowerCase()}.png`,
			balance: fromUnits(user?.balances.get(asset.asset_id) ?? 0n),
			destination: user ? `sandbox-${asset.symbol.toLowerCase()}-${user.user_id.slice(0, 8)}` : '',
			tag: '',
			price_btc: asset.price_btc,
			price_usd: asset.price_usd,
			change_btc: '0',
			change_usd: '0',
			asset_key: asset.asset_key,
			confirmations: asset.confirmations,
			capitalization: 0,
		};
	}

	/** @param {User} user */
	userOut(user) {
		return {
			type: 'user',
			user_id: user.user_id,
			identity_number: user.identity_number,
			full_name: user.full_name,
			avatar_url: '',
			biography: '',
			relationship: 'STRANGER',
			mute_until: '0001-01-01T00:00:00Z',
			created_at: user.created_at,
			is_verified: false,
			is_scam: false,
		};
	}

	/**
	 * The public shape of a snapshot; the relay also adds `counter_user_id` (spec §12.3, INFERRED).
	 * @param {Snapshot} snapshot @param {'direct' | 'relay'} [mode]
	 */
	snapshotOut(snapshot, mode = 'direct') {
		const { ns: _ns, seq: _seq, owner: _owner, outgoing: _outgoing, ...out } = snapshot;
		return mode === 'relay' ? { ...out, counter_user_id: snapshot.opponent_id } : out;
	}
}

// -------------------------------------------------------------------- helpers

/** @param {number} code @param {any} [extra] @returns {import('../common/server').SimResponse} */
function mixinError(code, extra) {
	const status = code === 500 ? 500 : 202;
	/** @type {any} */
	const error = { status, code, description: DESCRIPTIONS[/** @type {keyof typeof DESCRIPTIONS} */ (code)] ?? 'Error.' };
	if (extra !== undefined) error.extra = extra;
	return { status, body: { error } };
}

/** @param {string} field @param {string} reason */
function invalid(field, reason) {
	return { error: 10002, extra: { field, reason } };
}

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {string | string[] | undefined} value */
function headerValue(value) {
	return Array.isArray(value) ? value[0] : value;
}

/** @param {string | undefined} value */
function isJsonContentType(value) {
	return /^application\/json\s*(;|$)/i.test(value ?? '');
}

/** @param {string | undefined} header */
function bearer(header) {
	const match = /^Bearer (\S+)$/.exec(header ?? '');
	return match ? match[1] : undefined;
}

/**
 * Decimal text with at most 8 decimals → units of 1e-8; undefined when it is not that form.
 * @param {string} text @returns {bigint | undefined}
 */
function toUnits(text) {
	const match = /^(-?)(\d+)(?:\.(\d{1,8}))?$/.exec(text);
	if (!match) return undefined;
	const units = BigInt(match[2]) * UNIT + BigInt((match[3] ?? '').padEnd(8, '0'));
	return match[1] === '-' ? -units : units;
}

/** @param {bigint} units @returns {string} shortest decimal text */
function fromUnits(units) {
	const negative = units < 0n;
	const abs = negative ? -units : units;
	const whole = (abs / UNIT).toString();
	const fraction = (abs % UNIT).toString().padStart(8, '0').replace(/0+$/, '');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Go's time.RFC3339Nano in UTC: trailing zeros of the fraction removed, no fraction on a whole second.
 * @param {bigint} ns nanoseconds since the epoch
 */
function formatTime(ns) {
	const seconds = ns / 1000000000n;
	const fraction = (ns % 1000000000n).toString().padStart(9, '0').replace(/0+$/, '');
	const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
	return `${base}${fraction ? `.${fraction}` : ''}Z`;
}

/**
 * RFC3339 with up to 9 fraction digits and Z or ±hh:mm → nanoseconds since the epoch.
 * @param {string} text @returns {bigint | undefined}
 */
function parseTime(text) {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = match;
	const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
	if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== `${year}-${month}-${day}T${hour}:${minute}:${second}`) {
		return undefined;
	}
	let ns = BigInt(ms) * 1000000n + BigInt((fraction ?? '').padEnd(9, '0'));
	if (sign) {
		const offset = BigInt(Number(offsetHours) * 3600 + Number(offsetMinutes) * 60) * 1000000000n;
		ns = sign === '+' ? ns - offset : ns + offset;
	}
	return ns;
}

module.exports = {
	ASSET,
	ASSETS,
	CoinViewSimulator,
	DESCRIPTIONS,
	OTHER_USERS,
	formatTime,
	parseTime,
};

import {
	createCipheriv,
	createHash,
	createPrivateKey,
	createPublicKey,
	diffieHellman,
	privateDecrypt,
	randomBytes,
	randomInt,
	randomUUID,
	constants as cryptoConstants,
	type KeyObject,
} from 'crypto';

import { CredentialConfigurationError } from '../../shared/errors';
import { signJwt } from '../../shared/jwt';

/**
 * CoinView / Mixin authentication, used by the credential (and so by the node and the trigger).
 * Pure functions of the credential values, the time and the random values they are given, so
 * tests can pin every byte:
 * - session keys: RSA (CoinView backups, legacy Mixin sessions) or Ed25519 (current Mixin sessions);
 * - the per-request JWT (RS512 or EdDSA) whose `sig` covers method + URI with query + body;
 * - the one-time encrypted PIN of a transfer (RSA-OAEP or X25519 key agreement, then AES-CBC).
 * Nothing here ever puts a secret into an error message.
 */

// BigInt literals need ES2020; the package targets ES2019.
const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);

export type SessionKeyKind = 'rsa' | 'ed25519';

export interface SessionKey {
	kind: SessionKeyKind;
	privateKey: KeyObject;
	/** Ed25519 only: the 32-byte seed (the X25519 key of the PIN encryption comes from it). */
	seed?: Buffer;
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Strict base64 or base64url (padding optional); undefined when the text is neither. */
export function decodeBase64Strict(text: string): Buffer | undefined {
	const compact = text.replace(/\s+/g, '');
	if (compact === '' || compact.length > 20_000) return undefined;
	if (!BASE64.test(compact) && !BASE64URL.test(compact)) return undefined;
	const unpadded = compact.replace(/=+$/, '');
	if (unpadded.length % 4 === 1) return undefined;
	const bytes = Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	// Round trip: rejects texts with stray bits in the last character.
	if (bytes.toString('base64').replace(/=+$/, '') !== unpadded.replace(/-/g, '+').replace(/_/g, '/')) {
		return undefined;
	}
	return bytes;
}

/** The result of a parse that may throw, or undefined (the thrown error can hold key material). */
function attempt<T>(parse: () => T): T | undefined {
	try {
		return parse();
	} catch {
		return undefined;
	}
}

function ed25519FromSeed(seed: Buffer): KeyObject {
	return createPrivateKey({
		key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
		format: 'der',
		type: 'pkcs8',
	});
}

/** The raw 32-byte public key of an Ed25519 private key. */
export function ed25519PublicKeyBytes(privateKey: KeyObject): Buffer {
	const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
	return Buffer.from(spki.subarray(spki.length - 32));
}

function ed25519FromBytes(bytes: Buffer): SessionKey {
	const seed = Buffer.from(bytes.subarray(0, 32));
	const privateKey = ed25519FromSeed(seed);
	if (bytes.length === 64 && !ed25519PublicKeyBytes(privateKey).equals(bytes.subarray(32))) {
		throw new CredentialConfigurationError(
			'Private Key: this 64-byte Ed25519 key is not a seed followed by its own public key. Paste the session private key exactly as Mixin gave it.',
		);
	}
	return { kind: 'ed25519', privateKey, seed };
}

function fromKeyObject(key: KeyObject): SessionKey {
	if (key.asymmetricKeyType === 'rsa') return { kind: 'rsa', privateKey: key };
	if (key.asymmetricKeyType === 'ed25519') {
		const der = key.export({ type: 'pkcs8', format: 'der' });
		return { kind: 'ed25519', privateKey: key, seed: Buffer.from(der.subarray(der.length - 32)) };
	}
	throw new CredentialConfigurationError(
		`Private Key: this is a ${String(key.asymmetricKeyType).toUpperCase()} key. CoinView and Mixin sessions use RSA or Ed25519 keys.`,
	);
}

/**
 * Re-wraps a PEM block whose line breaks were lost (pasted into a one-line field they become
 * spaces, or literal "\n" in JSON).
 */
function normalizePem(text: string): string {
	const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
	if (!match) return text;
	const body = match[2].replace(/\s+/g, '');
	const lines = body.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${match[1]}-----\n${lines.join('\n')}\n-----END ${match[1]}-----\n`;
}

/**
 * Reads the session private key and tells its kind from the key itself:
 * - PEM (`-----BEGIN RSA PRIVATE KEY-----` PKCS#1, or `-----BEGIN PRIVATE KEY-----` PKCS#8);
 * - hex of 32 bytes (an Ed25519 seed, Mixin since 2024) or 64 bytes (seed ‖ public key);
 * - base64 / base64url of 32 or 64 bytes (Ed25519, Mixin 2020–2023);
 * - base64 of a DER RSA key, PKCS#1 or PKCS#8 (CoinView backups).
 */
export function parseSessionKey(text: unknown): SessionKey {
	if (typeof text !== 'string' || text.trim() === '') {
		throw new CredentialConfigurationError('Private Key is missing in the CoinView credential.');
	}
	const value = text.trim().replace(/\\n/g, '\n');
	if (value.length > 20_000) {
		throw new CredentialConfigurationError('Private Key is far too long to be a session key.');
	}
	if (value.includes('-----BEGIN')) {
		if (/ENCRYPTED/.test(value)) {
			throw new CredentialConfigurationError(
				'Private Key: the PEM key is encrypted with a passphrase. Export it without one.',
			);
		}
		const key = attempt(() => createPrivateKey(normalizePem(value)));
		if (!key) {
			throw new CredentialConfigurationError(
				'Private Key: the PEM text cannot be read as a private key. Paste the whole key, from -----BEGIN to -----END.',
			);
		}
		return fromKeyObject(key);
	}
	const compact = value.replace(/\s+/g, '');
	if (HEX.test(compact) && (compact.length === 64 || compact.length === 128)) {
		return ed25519FromBytes(Buffer.from(compact, 'hex'));
	}
	const bytes = decodeBase64Strict(compact);
	if (!bytes) {
		throw new CredentialConfigurationError(
			'Private Key: not a key this credential understands. Use an RSA key (PEM, or base64 DER as CoinView backups hold it) or an Ed25519 session key (hex or base64 of 32 or 64 bytes).',
		);
	}
	if (bytes.length === 32 || bytes.length === 64) return ed25519FromBytes(bytes);
	for (const type of ['pkcs1', 'pkcs8'] as const) {
		const key = attempt(() => createPrivateKey({ key: bytes, format: 'der', type }));
		if (key) return fromKeyObject(key);
	}
	throw new CredentialConfigurationError(
		`Private Key: ${bytes.length} bytes of base64 that are neither an Ed25519 key (32 or 64 bytes) nor an RSA key in DER form.`,
	);
}

/** The five values a CoinView session needs. */
export interface SessionValues {
	userId: string;
	sessionId: string;
	pin: string;
	pinToken: string;
	privateKey: string;
}

/**
 * Decodes a CoinView backup secret key as the SDK's `Credential.from_backup` does: standard
 * base64 → UTF-8 → JSON with camelCase keys `id`, `sessionId`, `pinToken`, `privateKey`. The PIN
 * is not in the backup and comes from the caller.
 */
export function decodeBackupSecretKey(secretKey: unknown, pin: string): SessionValues {
	const problem = (why: string) =>
		new CredentialConfigurationError(
			`Backup Secret Key: ${why}. Paste the secret key exactly as CoinView's wallet backup shows it.`,
		);
	if (typeof secretKey !== 'string' || secretKey.trim() === '') throw problem('it is empty');
	const bytes = decodeBase64Strict(secretKey.trim());
	if (!bytes) throw problem('it is not base64 text');
	let parsed: unknown;
	try {
		parsed = JSON.parse(bytes.toString('utf8'));
	} catch {
		throw problem('it does not decode to JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw problem('it does not decode to a JSON object');
	}
	const object = parsed as Record<string, unknown>;
	const missing = ['id', 'sessionId', 'pinToken', 'privateKey'].filter(
		(key) => typeof object[key] !== 'string' || (object[key] as string).trim() === '',
	);
	if (missing.length > 0) throw problem(`it has no ${missing.join(', ')}`);
	return {
		userId: (object.id as string).trim(),
		sessionId: (object.sessionId as string).trim(),
		pin,
		pinToken: (object.pinToken as string).trim(),
		privateKey: object.privateKey as string,
	};
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Checks the session values that do not need a key to be checked (user and session ID, PIN). */
export function checkSessionValues(values: SessionValues): void {
	if (!UUID.test(values.userId)) {
		throw new CredentialConfigurationError('User ID must be a UUID such as a76d6864-a758-46e6-8abc-aa5ddf0d3a51.');
	}
	if (!UUID.test(values.sessionId)) {
		throw new CredentialConfigurationError('Session ID must be a UUID such as 33057864-864b-44cd-8dda-28ab514117da.');
	}
	if (!/^[0-9]{6}$/.test(values.pin)) {
		throw new CredentialConfigurationError('PIN must be exactly 6 digits (0-9).');
	}
	if (values.pinToken.trim() === '') {
		throw new CredentialConfigurationError('PIN Token is missing in the CoinView credential.');
	}
}

/** Lowercase hex SHA-256 of method + URI (path with its encoded query) + body as sent. */
export function requestSignature(method: string, uri: string, body = ''): string {
	return createHash('sha256').update(`${method.toUpperCase()}${uri}${body}`, 'utf8').digest('hex');
}

export interface TokenClaims {
	uid: string;
	sid: string;
	iat: number;
	exp: number;
	jti: string;
	sig: string;
	scp: 'FULL';
}

/** One token lives an hour (N1/N3: `exp = iat + 3600`). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * A JWT for one request: RS512 for RSA keys, EdDSA for Ed25519 keys; claims uid, sid, iat, exp,
 * jti (a fresh random UUID unless a test gives one), sig and scp "FULL".
 */
export function signRequestToken(
	key: SessionKey,
	session: { userId: string; sessionId: string },
	request: { method: string; uri: string; body?: string },
	options: { nowSeconds?: number; jti?: string } = {},
): { token: string; jti: string; claims: TokenClaims } {
	const iat = options.nowSeconds ?? Math.floor(Date.now() / 1000);
	const jti = options.jti ?? randomUUID();
	const claims: TokenClaims = {
		uid: session.userId,
		sid: session.sessionId,
		iat,
		exp: iat + TOKEN_LIFETIME_SECONDS,
		jti,
		sig: requestSignature(request.method, request.uri, request.body ?? ''),
		scp: 'FULL',
	};
	const token = signJwt(
		key.kind === 'rsa' ? 'RS512' : 'EdDSA',
		claims as unknown as Record<string, unknown>,
		key.privateKey,
	);
	return { token, jti, claims };
}

// ---------------------------------------------------------------------------------------------
// PIN encryption

/** The last iterator used per session in this process. */
const lastIterators = new Map<string, bigint>();
const NS_PER_MS = BigInt(1_000_000);
const NS_PER_US = BigInt(1_000);
/**
 * Nanoseconds this process adds below the microsecond: two processes that take an iterator in the
 * same microsecond still send different ones.
 */
const PROCESS_NANOS = BigInt(randomInt(0, 1000));

/** Wall-clock time in nanoseconds, precise to the microsecond (the monotonic clock since start). */
function clockNanos(): bigint {
	const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
	return BigInt(micros) * NS_PER_US + PROCESS_NANOS;
}

/**
 * The next PIN iterator of a session: the time in nanoseconds, or one more than the last iterator
 * this process used for the session when that is larger. It therefore strictly increases within a
 * process and across restarts and other processes that used the session earlier, as long as the
 * clock does not go back. The clock is precise to the microsecond (not the millisecond), so two
 * n8n processes (queue-mode workers) paying from one session one after the other send increasing
 * iterators. Kept as a BigInt: nanosecond times exceed 2^53. `nowMs` pins the clock (tests).
 */
export function nextPinIterator(sessionId: string, nowMs?: number): bigint {
	const fromClock = nowMs === undefined ? clockNanos() : BigInt(Math.floor(nowMs)) * NS_PER_MS;
	const last = lastIterators.get(sessionId);
	const next = last !== undefined && last >= fromClock ? last + ONE : fromClock;
	lastIterators.set(sessionId, next);
	if (lastIterators.size > 1000) {
		const oldest = lastIterators.keys().next().value;
		if (oldest !== undefined && oldest !== sessionId) lastIterators.delete(oldest);
	}
	return next;
}

/** PIN ‖ uint64 LE Unix seconds ‖ uint64 LE iterator (22 bytes for a 6-digit PIN). */
export function pinPlaintext(pin: string, nowSeconds: number, iterator: bigint): Buffer {
	const numbers = Buffer.alloc(16);
	numbers.writeBigUInt64LE(BigInt(nowSeconds), 0);
	numbers.writeBigUInt64LE(iterator, 8);
	return Buffer.concat([Buffer.from(pin, 'ascii'), numbers]);
}

const P = TWO ** BigInt(255) - BigInt(19);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
	let result = ONE;
	let b = ((base % modulus) + modulus) % modulus;
	let e = exponent;
	while (e > ZERO) {
		if (e & ONE) result = (result * b) % modulus;
		b = (b * b) % modulus;
		e >>= ONE;
	}
	return result;
}

function bytesToBigLE(bytes: Buffer): bigint {
	return BigInt(`0x${Buffer.from(bytes).reverse().toString('hex') || '0'}`);
}

function bigToBytesLE(value: bigint, length: number): Buffer {
	return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex').reverse();
}

/** Ed25519 public key (Edwards y) → X25519 public key (Montgomery u = (1 + y) / (1 − y)). */
export function edwardsToMontgomery(publicKey: Buffer): Buffer {
	const yBytes = Buffer.from(publicKey);
	yBytes[31] &= 0x7f;
	const y = bytesToBigLE(yBytes);
	if (y >= P || (ONE - y + P) % P === ZERO) {
		throw new CredentialConfigurationError('PIN Token: not a valid Ed25519 server public key.');
	}
	const u = ((ONE + y) * modPow((ONE - y + P) % P, P - TWO, P)) % P;
	return bigToBytesLE(u, 32);
}

/** The X25519 private scalar of an Ed25519 seed: SHA-512(seed)[0..32], clamped. */
export function x25519PrivateFromSeed(seed: Buffer): Buffer {
	const digest = createHash('sha512').update(seed).digest().subarray(0, 32);
	const scalar = Buffer.from(digest);
	scalar[0] &= 248;
	scalar[31] &= 127;
	scalar[31] |= 64;
	return scalar;
}

/**
 * The server's X25519 public key from the PIN token of an Ed25519 session: hex of an Ed25519 key
 * (Mixin's `server_public_key`, 2024 on; converted to Montgomery form) or base64/base64url of a
 * 32-byte Curve25519 key (`pin_token_base64`, 2020–2023; used as is).
 */
export function serverX25519Key(pinToken: string): Buffer {
	const value = pinToken.trim();
	if (HEX.test(value) && value.length === 64) return edwardsToMontgomery(Buffer.from(value, 'hex'));
	const bytes = decodeBase64Strict(value);
	if (bytes && bytes.length === 32) return bytes;
	throw new CredentialConfigurationError(
		'PIN Token: an Ed25519 session needs the server public key as its PIN token (64 hex characters, or base64 of 32 bytes). This PIN token looks like one for an RSA session.',
	);
}

/** The AES key of the PIN encryption for this session. */
export function pinAesKey(key: SessionKey, sessionId: string, pinToken: string): Buffer {
	if (key.kind === 'ed25519') {
		const privateKey = createPrivateKey({
			key: Buffer.concat([X25519_PKCS8_PREFIX, x25519PrivateFromSeed(key.seed as Buffer)]),
			format: 'der',
			type: 'pkcs8',
		});
		const publicKey = createPublicKey({
			key: Buffer.concat([X25519_SPKI_PREFIX, serverX25519Key(pinToken)]),
			format: 'der',
			type: 'spki',
		});
		return diffieHellman({ privateKey, publicKey });
	}
	const blob = decodeBase64Strict(pinToken.trim());
	if (!blob || blob.length < 64) {
		throw new CredentialConfigurationError(
			'PIN Token: an RSA session needs the RSA-encrypted PIN token (base64) from the backup. This PIN token is too short for that; is the private key the one of this session?',
		);
	}
	const aesKey = attempt(() =>
		privateDecrypt(
			{
				key: key.privateKey,
				padding: cryptoConstants.RSA_PKCS1_OAEP_PADDING,
				oaepHash: 'sha256',
				oaepLabel: Buffer.from(sessionId, 'ascii'),
			},
			blob,
		),
	);
	if (!aesKey) {
		throw new CredentialConfigurationError(
			'PIN Token cannot be decrypted with this private key and session ID. Check that PIN token, private key and session ID come from the same backup.',
		);
	}
	// N4 uses AES-256; 16- and 24-byte keys (AES-128/192) are accepted like Go's aes.NewCipher does.
	if (![16, 24, 32].includes(aesKey.length)) {
		throw new CredentialConfigurationError(
			`PIN Token decrypts to ${aesKey.length} bytes, which is not an AES key.`,
		);
	}
	return aesKey;
}

/** AES keys per session key object (the key agreement or RSA decryption costs ~1-2 ms). */
const aesKeys = new WeakMap<KeyObject, Map<string, Buffer>>();

function cachedPinAesKey(key: SessionKey, sessionId: string, pinToken: string): Buffer {
	let byToken = aesKeys.get(key.privateKey);
	if (!byToken) {
		byToken = new Map();
		aesKeys.set(key.privateKey, byToken);
	}
	const id = createHash('sha256').update(`${sessionId}\n${pinToken}`).digest('hex');
	const cached = byToken.get(id);
	if (cached) return cached;
	const aesKey = pinAesKey(key, sessionId, pinToken);
	if (byToken.size >= 10) byToken.clear();
	byToken.set(id, aesKey);
	return aesKey;
}

/**
 * The one-time encrypted PIN of a transfer: AES-CBC (PKCS#7, random IV) of PIN ‖ time ‖
 * iterator; IV ‖ ciphertext as standard base64 with padding (RSA sessions, as the CoinView SDK)
 * or base64url without padding (Ed25519 sessions, as Mixin's SDKs).
 */
export function encryptPin(
	key: SessionKey,
	session: { sessionId: string; pin: string; pinToken: string },
	options: { nowSeconds?: number; iterator?: bigint; iv?: Buffer } = {},
): string {
	if (!/^[0-9]{6}$/.test(session.pin)) {
		throw new CredentialConfigurationError('PIN must be exactly 6 digits (0-9).');
	}
	const aesKey = cachedPinAesKey(key, session.sessionId, session.pinToken);
	const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
	const iterator = options.iterator ?? nextPinIterator(session.sessionId);
	const iv = options.iv ?? randomBytes(16);
	// Node pads (PKCS#7) by itself; the plaintext is not padded by hand (spec §6.2 pitfall).
	const cipher = createCipheriv(`aes-${aesKey.length * 8}-cbc`, aesKey, iv);
	const sealed = Buffer.concat([
		iv,
		cipher.update(pinPlaintext(session.pin, nowSeconds, iterator)),
		cipher.final(),
	]);
	return key.kind === 'rsa' ? sealed.toString('base64') : sealed.toString('base64url');
}

// ---------------------------------------------------------------------------------------------
// Credential values → signed request

/** Mixin's API host (direct mode) and the CoinView SDK's relay root (relay mode). */
export const MIXIN_API_URL = 'https://api.mixin.one';
export const COINVIEW_RELAY_URL = 'https://wallet.coinjinja.com/v1/api';

export type TransportMode = 'direct' | 'relay';

/** The fields of the `coinViewApi` credential this module reads. */
export interface CoinViewCredentialValues {
	source?: unknown;
	userId?: unknown;
	sessionId?: unknown;
	/** The 6-digit PIN (named so that it is masked as a secret). */
	pinSecret?: unknown;
	pinToken?: unknown;
	privateKey?: unknown;
	backupSecretKey?: unknown;
	endpoint?: unknown;
	baseUrl?: unknown;
	customMode?: unknown;
}

/**
 * Where requests go: Mixin direct (real method and path, `Authorization: Bearer`), the CoinView
 * relay (`POST <root>/wallet` with the envelope of the SDK), or a custom base URL in either mode.
 */
export function endpointOf(credentials: CoinViewCredentialValues): {
	baseUrl: string;
	mode: TransportMode;
} {
	const endpoint = credentials.endpoint ?? 'mixin';
	if (endpoint === 'mixin') return { baseUrl: MIXIN_API_URL, mode: 'direct' };
	if (endpoint === 'relay') return { baseUrl: COINVIEW_RELAY_URL, mode: 'relay' };
	if (endpoint !== 'custom') {
		throw new CredentialConfigurationError(`Endpoint "${String(endpoint)}" is not one of Mixin API, CoinView Relay or Custom.`);
	}
	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(raw)) {
		throw new CredentialConfigurationError(
			'Base URL must be an http(s) URL without query, e.g. http://127.0.0.1:8050.',
		);
	}
	const mode: TransportMode = credentials.customMode === 'relay' ? 'relay' : 'direct';
	const baseUrl = raw.replace(/\/+$/, '');
	// Relay mode posts to <root>/wallet; a URL given with the /wallet ending is accepted too.
	return { baseUrl: mode === 'relay' ? baseUrl.replace(/\/wallet$/, '') : baseUrl, mode };
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The session values from either the five fields or the backup secret key (with the PIN). */
export function sessionValuesOf(credentials: CoinViewCredentialValues): SessionValues {
	const pin = text(credentials.pinSecret);
	const values =
		credentials.source === 'backup'
			? decodeBackupSecretKey(credentials.backupSecretKey, pin)
			: {
					userId: text(credentials.userId),
					sessionId: text(credentials.sessionId),
					pin,
					pinToken: text(credentials.pinToken),
					privateKey: typeof credentials.privateKey === 'string' ? credentials.privateKey : '',
				};
	checkSessionValues(values);
	return values;
}

const keyCache = new Map<string, SessionKey>();

/** Parses the session key once per key text (keyed by a hash: the cache holds no key text). */
export function cachedSessionKey(privateKey: string): SessionKey {
	const id = createHash('sha256').update(privateKey).digest('hex');
	const cached = keyCache.get(id);
	if (cached) return cached;
	const key = parseSessionKey(privateKey);
	if (keyCache.size >= 50) keyCache.clear();
	keyCache.set(id, key);
	return key;
}

/**
 * Put this value as `pin` in a request body: the credential replaces it with a freshly encrypted
 * PIN, so the node never sees the PIN and every try of a request gets a new one.
 */
export const ENCRYPTED_PIN = '{{coinview:encrypted-pin}}';

/**
 * A query string as the CoinView SDK builds it (Python `urlencode`, quote_plus): space → "+",
 * everything but letters, digits and `-_.~` percent-encoded. Empty values are left out.
 */
export function encodeQuery(qs: Record<string, unknown> | undefined): string {
	if (!qs) return '';
	const parts: string[] = [];
	for (const [name, value] of Object.entries(qs)) {
		if (value === undefined || value === null || value === '') continue;
		parts.push(`${quotePlus(name)}=${quotePlus(String(value))}`);
	}
	return parts.join('&');
}

function quotePlus(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, '+');
}

export interface RequestToSign {
	method?: string;
	url: string;
	qs?: Record<string, unknown>;
	body?: unknown;
	headers?: Record<string, unknown>;
}

export interface SignedRequest {
	method: 'GET' | 'POST';
	baseURL: string;
	url: string;
	body?: string;
	headers: Record<string, string>;
	/** The Mixin request that was signed (method + URI), for tests and error texts. */
	signed: { method: string; uri: string; body: string; jti: string };
}

/**
 * Turns a Mixin request (method, path, query, JSON body) into what is sent: the query is encoded
 * once and the same text is signed and sent; the body is serialised once and sent as signed.
 * Direct mode sends it as is with `Authorization: Bearer <jwt>` and `X-Request-Id` = jti; relay
 * mode sends `POST <root>/wallet` with `{method, uri, content?, signature}`.
 */
export function signCoinViewRequest(
	credentials: CoinViewCredentialValues,
	request: RequestToSign,
	options: { nowSeconds?: number; jti?: string; iv?: Buffer; iterator?: bigint } = {},
): SignedRequest {
	const { baseUrl, mode } = endpointOf(credentials);
	const values = sessionValuesOf(credentials);
	const key = cachedSessionKey(values.privateKey);
	const method = (request.method ?? 'GET').toUpperCase();
	if (method !== 'GET' && method !== 'POST') {
		throw new CredentialConfigurationError(`CoinView requests are GET or POST, not ${method}.`);
	}
	if (!request.url.startsWith('/')) {
		throw new CredentialConfigurationError('CoinView request paths start with "/".');
	}
	const query = encodeQuery(request.qs);
	const uri = query === '' ? request.url : `${request.url}${request.url.includes('?') ? '&' : '?'}${query}`;

	let body = '';
	// n8n may hand an empty object as the body of a GET; a GET has no body to sign or send.
	const emptyObject =
		typeof request.body === 'object' && request.body !== null && Object.keys(request.body).length === 0;
	if (request.body !== undefined && request.body !== null && request.body !== '' && !(emptyObject && method === 'GET')) {
		let payload = request.body;
		// Spec §12.4: Mixin does not allow a transfer to yourself. Only the credential knows the
		// wallet's user ID, so it refuses here, before the PIN is encrypted or anything is sent.
		const opponent = typeof payload === 'object' ? (payload as Record<string, unknown>).opponent_id : undefined;
		if (request.url === '/transfers' && typeof opponent === 'string' && opponent.toLowerCase() === values.userId.toLowerCase()) {
			throw new CredentialConfigurationError(
				'Recipient ID is the user ID of this wallet: Mixin does not allow a transfer to yourself',
				'Give another user ID as Recipient ID. Nothing was sent.',
			);
		}
		if (typeof payload === 'object' && (payload as Record<string, unknown>).pin === ENCRYPTED_PIN) {
			payload = {
				...(payload as Record<string, unknown>),
				pin: encryptPin(key, values, {
					nowSeconds: options.nowSeconds,
					iterator: options.iterator,
					iv: options.iv,
				}),
			};
		}
		body = typeof payload === 'string' ? payload : JSON.stringify(payload);
	}

	const { token, jti } = signRequestToken(
		key,
		values,
		{ method, uri, body },
		{ nowSeconds: options.nowSeconds, jti: options.jti },
	);
	const passThrough: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (/^(authorization|content-type|x-request-id)$/i.test(name)) continue;
		if (typeof value === 'string') passThrough[name] = value;
	}
	const signed = { method, uri, body, jti };
	if (mode === 'direct') {
		return {
			method: method as 'GET' | 'POST',
			baseURL: baseUrl,
			url: uri,
			...(body !== '' ? { body } : {}),
			headers: {
				...passThrough,
				Authorization: `Bearer ${token}`,
				'Content-Type': 'application/json',
				'X-Request-Id': jti,
			},
			signed,
		};
	}
	const envelope: Record<string, string> = { method, uri };
	if (body !== '') envelope.content = body;
	envelope.signature = token;
	return {
		method: 'POST',
		baseURL: baseUrl,
		url: '/wallet',
		body: JSON.stringify(envelope),
		headers: { ...passThrough, 'Content-Type': 'application/json' },
		signed,
	};
}

import { sign as cryptoSign, type KeyObject } from 'crypto';

import { CredentialConfigurationError } from '../../shared/errors';
import { base64UrlEncode, signJwt, tryParsePrivateKey } from '../../shared/jwt';

/**
 * Pure authentication helpers of the CryptoCoin.pro API (spec §4), shared by the credential and
 * the node's transport. Nothing here sends a request.
 */

/** Spec §3: production (every S1 example) and the 2019 development host (S6 only). */
export const ENVIRONMENT_URLS: Record<string, string> = {
	production: 'https://appapi-public.cryptocoin.pro/api/v1',
	development: 'https://dev-api-public.infra.cryptocoin.pro/api/v1',
};

/** Hidden credential fields that hold the login answer of the credential's own user. */
export const TOKEN_FIELD = 'sessionToken';
export const TOKEN_USER_FIELD = 'sessionUserId';
export const TOKEN_UNTIL_FIELD = 'sessionUntil';
/** Who the stored token was issued for (no secret): base URL, auth type, platform and user. */
export const TOKEN_FOR_FIELD = 'sessionFor';

/**
 * Placeholder for the `{user}` path segment. The credential's `authenticate` replaces it with
 * the user ID of the login answer, which is only known once n8n has run `preAuthentication`.
 */
export const USER_PLACEHOLDER = '{user}';

/**
 * Request markers the node sets and the credential's `authenticate` removes before sending:
 * - LOGIN_AS: "log in this user as the platform": sign the platform `Token` for the named user
 *   (email or ID) and send no bearer token. Used for "Act for User", so that login still goes
 *   through n8n's credential handling but never replaces the user stored in the credential.
 * - BEARER: the bearer token of an "Act for User" user, cached by the node, used instead of the
 *   credential's own token.
 * - PUBLIC: a public endpoint (create user, verify email): no bearer token.
 */
export const LOGIN_AS_HEADER = 'x-n8n-cryptocoin-login-as';
export const BEARER_HEADER = 'x-n8n-cryptocoin-bearer';
export const PUBLIC_HEADER = 'x-n8n-cryptocoin-public';
export const MARKER_HEADERS = [LOGIN_AS_HEADER, BEARER_HEADER, PUBLIC_HEADER];

/** Lifetime of the platform JWT sent to authenticate-jwt (INFERRED: it is used at once). */
export const PLATFORM_JWT_LIFETIME_SECONDS = 300;

export type PlatformJwtAlgorithm = 'RS512' | 'RS384' | 'RS256';

export function resolveBaseUrl(credentials: Record<string, unknown>): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') {
		const url = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/i.test(url)) {
			throw new CredentialConfigurationError(
				'CryptoCoin credential: Base URL must be an http(s) URL such as http://127.0.0.1:8030/api/v1',
			);
		}
		return url;
	}
	const url = ENVIRONMENT_URLS[environment];
	if (!url) throw new CredentialConfigurationError(`CryptoCoin credential: unknown environment "${environment}"`);
	return url;
}

/** A user named by e-mail or by ID, as the platform JWT carries it (spec §4.2 step 2). */
export interface UserIdentity {
	kind: 'email' | 'id';
	value: string;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

/**
 * Reads "the email or ID of the user". Text with an @ is an e-mail address (checked strictly),
 * anything else must be a user ID: 1–64 ASCII letters, digits, - or _ (INFERRED: IDs are UUIDs
 * or numbers in every example). Undefined when the text is neither.
 */
export function parseUserIdentity(raw: unknown): UserIdentity | undefined {
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const value = String(raw).trim();
	if (value === '' || value.length > 254) return undefined;
	if (value.includes('@')) return isEmail(value) ? { kind: 'email', value } : undefined;
	return USER_ID.test(value) ? { kind: 'id', value } : undefined;
}

/** The platform path value of `/authenticate-jwt/{platform}`: an ID (UUID) or a code. */
export function parsePlatform(raw: unknown): string {
	const value = String(raw ?? '').trim();
	if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(value)) {
		throw new CredentialConfigurationError(
			'CryptoCoin credential: Platform must be the platform ID or code from onboarding (letters, digits, - and _)',
		);
	}
	return value;
}

/**
 * The platform's RSA private key. PKCS#1 (BEGIN RSA PRIVATE KEY) and PKCS#8 (BEGIN PRIVATE KEY)
 * PEM are accepted. The messages never quote the key.
 */
export function parsePlatformKey(pem: unknown): KeyObject {
	const text = String(pem ?? '').trim().replace(/\\n/g, '\n');
	if (text === '') throw new CredentialConfigurationError('CryptoCoin credential: Private Key is required for Platform authentication');
	if (/BEGIN (RSA )?PUBLIC KEY|BEGIN CERTIFICATE/.test(text)) {
		throw new CredentialConfigurationError(
			'CryptoCoin credential: Private Key holds a public key or certificate; paste the platform JWT private key',
		);
	}
	if (/BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(text)) {
		throw new CredentialConfigurationError(
			'CryptoCoin credential: Private Key is encrypted with a passphrase; paste the unencrypted PEM (openssl rsa -in key.pem -out plain.pem)',
		);
	}
	if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text)) {
		throw new CredentialConfigurationError(
			'CryptoCoin credential: Private Key must be an RSA private key in PEM form (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)',
		);
	}
	const key = tryParsePrivateKey(text);
	if (!key) throw new CredentialConfigurationError('CryptoCoin credential: Private Key is not a readable PEM private key');
	if (key.asymmetricKeyType !== 'rsa') {
		throw new CredentialConfigurationError(
			`CryptoCoin credential: Private Key is an ${String(key.asymmetricKeyType).toUpperCase()} key; CryptoCoin.pro platform tokens need an RSA key`,
		);
	}
	const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
	if (bits < 2048) {
		throw new CredentialConfigurationError(
			`CryptoCoin credential: Private Key has ${bits} bits; CryptoCoin.pro issues 2048-bit RSA keys`,
		);
	}
	return key;
}

const HASHES: Record<PlatformJwtAlgorithm, string> = { RS512: 'sha512', RS384: 'sha384', RS256: 'sha256' };

/**
 * The platform JWT of spec §4.2: `{"email"|"id": …, "expire": <Unix seconds>}` signed RS512 (the
 * default; RS384 and RS256 for platforms whose dashboard is set to them, spec §4.2 INFERRED).
 */
export function platformJwt(
	user: UserIdentity,
	key: KeyObject,
	algorithm: PlatformJwtAlgorithm = 'RS512',
	nowMs: number = Date.now(),
): string {
	const payload = {
		[user.kind]: user.value,
		expire: Math.floor(nowMs / 1000) + PLATFORM_JWT_LIFETIME_SECONDS,
	};
	if (algorithm === 'RS512') return signJwt('RS512', payload, key);
	// TODO: shared: nodes/shared/jwt.ts signs RS512 only.
	const input = `${base64UrlEncode(JSON.stringify({ typ: 'JWT', alg: algorithm }))}.${base64UrlEncode(JSON.stringify(payload))}`;
	return `${input}.${base64UrlEncode(cryptoSign(HASHES[algorithm], Buffer.from(input), key))}`;
}

export function parseAlgorithm(raw: unknown): PlatformJwtAlgorithm {
	const value = String(raw ?? 'RS512');
	if (value === 'RS512' || value === 'RS384' || value === 'RS256') return value;
	throw new CredentialConfigurationError(`CryptoCoin credential: JWT Algorithm "${value}" is not supported`);
}

/** The `data` of a login answer (spec §4.2 step 5). */
export interface LoginAnswer {
	token: string;
	userId: string;
	/** ms since epoch; from `until`, else `created`/now + `ttl`; undefined if neither is given. */
	untilMs?: number;
}

/** Reads a login answer strictly: an answer without a token or user ID is not a login. */
export function parseLoginAnswer(body: unknown, nowMs: number = Date.now()): LoginAnswer | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const data = (body as { data?: unknown }).data;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
	const { id, userId, until, ttl, created } = data as Record<string, unknown>;
	if (typeof id !== 'string' || id.trim() === '' || id.length > 4096) return undefined;
	if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId).trim() === '') return undefined;
	let untilMs: number | undefined;
	if (typeof until === 'string' && until !== '') {
		const parsed = Date.parse(until);
		if (Number.isFinite(parsed)) untilMs = parsed;
	}
	if (untilMs === undefined && typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0) {
		const start = typeof created === 'string' && Number.isFinite(Date.parse(created)) ? Date.parse(created) : nowMs;
		untilMs = start + ttl * 1000;
	}
	return { token: id, userId: String(userId), untilMs };
}

/**
 * A login that the service refused (401 inactive, 403 rejected, 423 locked, 422 invalid). Its
 * message is remembered so the node's transport still recognises it (and gives it the kind
 * 'auth') after n8n has wrapped it into its own error type.
 */
export class CryptoCoinLoginError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CryptoCoinLoginError';
		if (loginErrorMessages.size >= 100) loginErrorMessages.clear();
		loginErrorMessages.add(message);
	}
}

const loginErrorMessages = new Set<string>();

export function isLoginErrorMessage(message: unknown): boolean {
	return typeof message === 'string' && loginErrorMessages.has(message);
}

function serviceText(body: unknown): string {
	if (typeof body !== 'object' || body === null) return '';
	const { error, message } = body as Record<string, unknown>;
	const text = typeof error === 'string' && error.trim() ? error : typeof message === 'string' ? message : '';
	return text.trim().slice(0, 200);
}

/** Readable text for a refused login, saying what to do (spec §8). */
export function loginFailureMessage(status: number, body: unknown, who: string): string {
	const text = serviceText(body);
	const said = text ? ` (CryptoCoin.pro: "${text}")` : '';
	if (status === 401) return `CryptoCoin login failed: the account of ${who} is inactive${said}. Activate the account (verify its e-mail) or use another user.`;
	if (status === 403) return `CryptoCoin login failed: the credentials or the user ${who} were not accepted${said}. Check the Platform, the Private Key (and that its public key is registered with CryptoCoin.pro) or the e-mail and password.`;
	if (status === 423) return `CryptoCoin login failed: the account of ${who} is locked${said}. Contact CryptoCoin.pro support to unlock it.`;
	if (status === 400 || status === 422) return `CryptoCoin login failed: the login request was refused as invalid (${status})${said}. Check the user (e-mail or ID) and the Platform in the credential.`;
	if (status === 404) return `CryptoCoin login failed: the login endpoint was not found (404)${said}. Check the Environment or Base URL and the Platform.`;
	return `CryptoCoin login failed with HTTP ${status}${said}.`;
}

/** Fingerprint of who a token is for: no secret, so it can be stored next to the token. */
export function sessionFor(credentials: Record<string, unknown>): string {
	const type = String(credentials.authType ?? 'platform');
	const who = type === 'user' ? String(credentials.email ?? '').trim().toLowerCase() : String(credentials.actFor ?? '').trim();
	let base = '';
	try {
		base = resolveBaseUrl(credentials);
	} catch {
		base = '?';
	}
	return [base, type, type === 'platform' ? String(credentials.platform ?? '').trim() : '', who].join('|');
}

/** When the stored token stops working (ms), or 0 when it was issued for another configuration. */
export function storedTokenExpiresAtMs(credentials: Record<string, unknown>): number | undefined {
	if (credentials[TOKEN_FOR_FIELD] !== sessionFor(credentials)) return 0;
	const until = Date.parse(String(credentials[TOKEN_UNTIL_FIELD] ?? ''));
	return Number.isFinite(until) ? until : undefined;
}

/** Replaces the `{user}` placeholder in a URL (encoded or not) with a user ID. */
export function fillUserPath(url: string, userId: string): string {
	const encoded = encodeURIComponent(userId);
	return url.replace(/\{user\}|%7Buser%7D/gi, encoded);
}

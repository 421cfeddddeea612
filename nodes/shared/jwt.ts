import { createHash, createHmac, createPrivateKey, sign as cryptoSign, type KeyObject } from 'crypto';

/** JWS algorithms the services in this package use. */
export type JwtAlgorithm = 'HS256' | 'ES256' | 'RS512' | 'EdDSA';

export function base64UrlEncode(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/**
 * Builds a compact JWS. The header is `{"typ":"JWT","alg":…}` in that key order, as PyJWT writes it,
 * and the payload keeps the key order it is given, so tokens match the Python SDKs byte for byte.
 */
export function signJwt(
	algorithm: JwtAlgorithm,
	payload: Record<string, unknown>,
	key: string | KeyObject,
	extraHeader: Record<string, unknown> = {},
): string {
	const header = { typ: 'JWT', alg: algorithm, ...extraHeader };
	const signingInput = `${base64UrlEncode(JSON.stringify(header))}.${base64UrlEncode(JSON.stringify(payload))}`;
	return `${signingInput}.${base64UrlEncode(signBytes(algorithm, signingInput, key))}`;
}

function signBytes(algorithm: JwtAlgorithm, input: string, key: string | KeyObject): Buffer {
	switch (algorithm) {
		case 'HS256':
			return createHmac('sha256', key as string).update(input, 'utf8').digest();
		case 'ES256':
			// JWS wants the raw r‖s pair, not the DER sequence Node produces by default.
			return cryptoSign('sha256', Buffer.from(input), {
				key: asPrivateKey(key),
				dsaEncoding: 'ieee-p1363',
			});
		case 'RS512':
			return cryptoSign('sha512', Buffer.from(input), asPrivateKey(key));
		case 'EdDSA':
			return cryptoSign(null, Buffer.from(input), asPrivateKey(key));
	}
}

function asPrivateKey(key: string | KeyObject): KeyObject {
	return typeof key === 'string' ? parsedKey(key) : key;
}

/** Reads a PEM private key, or returns undefined when the text is not one Node can parse. */
export function tryParsePrivateKey(pem: string): KeyObject | undefined {
	try {
		return parsedKey(pem);
	} catch {
		return undefined;
	}
}

/**
 * Parsed keys by a SHA-256 of their PEM text, newest last. Parsing a PEM key costs about a
 * millisecond (far more than signing with it), and credentials hand the same text for every
 * request. KeyObjects are immutable, so one can serve every request. Bounded: a few credentials
 * at a time; the PEM text itself is not kept.
 */
const parsedKeys = new Map<string, KeyObject>();
const MAX_PARSED_KEYS = 16;

function parsedKey(pem: string): KeyObject {
	const id = createHash('sha256').update(pem, 'utf8').digest('base64');
	const known = parsedKeys.get(id);
	if (known) {
		parsedKeys.delete(id);
		parsedKeys.set(id, known);
		return known;
	}
	const key = createPrivateKey(pem);
	parsedKeys.set(id, key);
	if (parsedKeys.size > MAX_PARSED_KEYS) parsedKeys.delete(parsedKeys.keys().next().value as string);
	return key;
}

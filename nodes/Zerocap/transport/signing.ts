import { createHmac } from 'crypto';

import { CredentialConfigurationError } from '../../shared/errors';

/**
 * Zerocap DMA API authentication, shared by the credential (REST) and the trigger (WebSocket
 * handshake). Everything here is a pure function of the credential values and the time it is
 * given, so both transports sign identically and tests can pin the result.
 */

/**
 * `apiKey`: signature = hex HMAC-SHA256(key = API secret, message = API key), headers `api-key`
 * and `signature` (the scheme of the zerocap-api-new-test 0.1.15 SDK; spec §4.2).
 * `timestamp`: signature = hex HMAC-SHA256(key = API secret, message = Unix seconds as text),
 * headers `api-key`, `signature` and `timestamp` (docs.zerocap.com; spec §4.1).
 */
export type ZerocapSignatureScheme = 'apiKey' | 'timestamp';

export type ZerocapEnvironment = 'production' | 'uat' | 'sandbox' | 'custom';

/** The credential fields this module reads (the `zerocapApi` credential type). */
export interface ZerocapCredentialValues {
	apiKey?: unknown;
	apiSecret?: unknown;
	environment?: unknown;
	restBaseUrl?: unknown;
	webSocketUrl?: unknown;
	signatureScheme?: unknown;
}

/** Hosts per environment (spec §3, generation C table; the REST base includes `/v2`). */
export const ZEROCAP_ENVIRONMENTS: Record<
	Exclude<ZerocapEnvironment, 'custom'>,
	{ restBaseUrl: string; webSocketUrl: string }
> = {
	production: {
		restBaseUrl: 'https://dma-api.zerocap.com/v2',
		webSocketUrl: 'wss://dma-ws.zerocap.com/v2',
	},
	uat: {
		restBaseUrl: 'https://dma-uat-api.defi.wiki/v2',
		webSocketUrl: 'wss://dma-uat-ws.defi.wiki/v2',
	},
	sandbox: {
		restBaseUrl: 'https://sandbox-api.zerocap.com/v2',
		webSocketUrl: 'wss://sandbox-ws.zerocap.com/v2',
	},
};

/** Lowercase hex HMAC-SHA256 of `message` keyed with `secret`, both as UTF-8. */
export function hmacSha256Hex(secret: string, message: string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex');
}

export function signatureSchemeOf(credentials: ZerocapCredentialValues): ZerocapSignatureScheme {
	const scheme = credentials.signatureScheme ?? 'apiKey';
	if (scheme === 'apiKey' || scheme === 'timestamp') return scheme;
	throw new CredentialConfigurationError(
		`Signature Scheme "${String(scheme)}" is not supported: choose "API Key HMAC" or "Timestamp HMAC"`,
	);
}

/**
 * The authentication headers for one request or one WebSocket connection.
 * `nowMs` is the current time in milliseconds (Date.now()); only the timestamp scheme uses it,
 * as whole Unix seconds. Sign every request (and every reconnect) again: the server accepts a
 * timestamp for 30 seconds only.
 */
export function zerocapAuthHeaders(
	credentials: ZerocapCredentialValues,
	nowMs: number,
): Record<string, string> {
	const apiKey = requiredText(credentials.apiKey, 'API Key');
	const apiSecret = requiredText(credentials.apiSecret, 'API Secret');
	const scheme = signatureSchemeOf(credentials);
	if (scheme === 'apiKey') {
		return { 'api-key': apiKey, signature: hmacSha256Hex(apiSecret, apiKey) };
	}
	if (!Number.isFinite(nowMs))
		throw new CredentialConfigurationError('The current time is unknown');
	const timestamp = String(Math.floor(nowMs / 1000));
	return {
		'api-key': apiKey,
		signature: hmacSha256Hex(apiSecret, timestamp),
		timestamp,
	};
}

/** REST base URL (with the `/v2` prefix, no trailing slash) and WebSocket URL of the credential. */
export function zerocapUrls(credentials: ZerocapCredentialValues): {
	restBaseUrl: string;
	webSocketUrl: string;
} {
	const environment = (credentials.environment ?? 'uat') as ZerocapEnvironment;
	if (environment !== 'custom') {
		const hosts = ZEROCAP_ENVIRONMENTS[environment];
		if (!hosts) {
			throw new CredentialConfigurationError(
				`Environment "${String(environment)}" is not supported: choose Production, UAT, Sandbox or Custom`,
			);
		}
		return { ...hosts };
	}
	const restBaseUrl = trimUrl(credentials.restBaseUrl);
	if (!/^https?:\/\/[^\s/]+/i.test(restBaseUrl)) {
		throw new CredentialConfigurationError(
			'REST Base URL must start with http:// or https://, e.g. http://127.0.0.1:8020/v2',
		);
	}
	const webSocketUrl = trimUrl(credentials.webSocketUrl);
	if (webSocketUrl !== '' && !/^wss?:\/\/[^\s/]+/i.test(webSocketUrl)) {
		throw new CredentialConfigurationError(
			'WebSocket URL must start with ws:// or wss://, e.g. ws://127.0.0.1:8020/v2',
		);
	}
	return { restBaseUrl, webSocketUrl };
}

function trimUrl(value: unknown): string {
	return typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
}

function requiredText(value: unknown, label: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '')
		throw new CredentialConfigurationError(`${label} is empty: enter it in the Zerocap credential`);
	return text;
}

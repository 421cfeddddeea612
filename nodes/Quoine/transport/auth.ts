import { signJwt } from '../../shared/jwt';

/** The exchanges that speak the Quoine REST API v2 (spec §3). */
export const EXCHANGE_URLS: Record<string, string> = {
	quoinex: 'https://api.quoine.com',
	qryptos: 'https://api.qryptos.com',
	liquid: 'https://api.liquid.com',
};

/** `X-Quoine-API-Version` (spec §3, §5). */
export const API_VERSION = '2';

/**
 * Header the node puts on requests to public endpoints (products, order book, public executions,
 * interest-rate ladders). The credential removes it and then sends no `X-Quoine-Auth`, as the
 * SDK does (spec §4.1). Every other request is signed; that is also the safe default should a
 * request ever lack the marker, since a signature on a public call is ignored by the exchange.
 */
export const PUBLIC_REQUEST_HEADER = 'x-n8n-quoine-public';

let lastNonce = 0;

/**
 * Millisecond nonce that strictly increases within this process, even for several requests in
 * the same millisecond (spec §4.2: "a strictly increasing number, uniquely created for each request").
 */
export function nextNonce(now: number = Date.now()): number {
	lastNonce = Math.max(now, lastNonce + 1);
	return lastNonce;
}

/**
 * The `X-Quoine-Auth` JWT (spec §4.1): HS256 over `{path, nonce, token_id}` in that key order,
 * keyed by the API secret as UTF-8 bytes. `path` is the request path including the query string
 * exactly as sent.
 */
export function quoineAuthToken(path: string, nonce: number, tokenId: string, secret: string): string {
	return signJwt('HS256', { path, nonce, token_id: tokenId }, secret);
}

/** The signed path of a request URL: path and query, without scheme and host. */
export function signedPath(url: string): string {
	const absolute = /^https?:\/\/[^/]+(\/.*)?$/i.exec(url);
	const path = absolute ? absolute[1] ?? '/' : url;
	return path.startsWith('/') ? path : `/${path}`;
}

/** Base URL of the chosen exchange, or the custom one. */
export function resolveBaseUrl(exchange: unknown, customUrl: unknown): string {
	if (exchange === 'custom') return String(customUrl ?? '').trim().replace(/\/+$/, '');
	return EXCHANGE_URLS[String(exchange)] ?? EXCHANGE_URLS.quoinex;
}

/**
 * The Quoine REST endpoint of every operation, as data (spec §11): method, path (`:name` marks a
 * path parameter), whether the call is public or signed, whether it is paged (`models`,
 * `current_page`, `total_pages`) and the key a JSON body is wrapped in, if any. Look-ups that an
 * operation sends before a write (for example the order GET before a cancel) are not listed: this
 * is the request each operation exists for.
 */

import type { IDataObject } from 'n8n-workflow';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface Endpoint {
	method: HttpMethod;
	path: string;
	access: 'public' | 'private';
	paged: boolean;
	/** `{"order": {...}}` and the like; undefined for a flat body or no body. */
	bodyWrapper?: 'order' | 'loan_bid' | 'trading_account' | 'trade';
}

const get = (path: string, access: Endpoint['access'] = 'private', paged = false): Endpoint => ({
	method: 'GET',
	path,
	access,
	paged,
});

/** Keyed by `<resource>.<operation>`, the node's resource and operation values. */
export const QUOINE_ENDPOINTS = {
	'account.createFiatAccount': {
		method: 'POST',
		path: '/fiat_accounts',
		access: 'private',
		paged: false,
	},
	'account.getBalances': get('/accounts/balance'),
	'account.getCryptoAccounts': get('/crypto_accounts'),
	'account.getFiatAccounts': get('/fiat_accounts'),
	'account.getMainAsset': get('/accounts/main_asset'),
	'execution.getAll': get('/executions', 'public', true),
	'execution.getMine': get('/executions/me', 'private', true),
	'execution.getSinceTime': get('/executions', 'public'),
	'interestRate.getLadder': get('/ir_ladders/:currency', 'public'),
	'loan.getAll': get('/loans', 'private', true),
	'loan.update': { method: 'PUT', path: '/loans/:id', access: 'private', paged: false },
	'loanBid.close': { method: 'PUT', path: '/loan_bids/:id/close', access: 'private', paged: false },
	'loanBid.create': {
		method: 'POST',
		path: '/loan_bids',
		access: 'private',
		paged: false,
		bodyWrapper: 'loan_bid',
	},
	'loanBid.getAll': get('/loan_bids', 'private', true),
	'order.cancel': { method: 'PUT', path: '/orders/:id/cancel', access: 'private', paged: false },
	'order.createLimit': {
		method: 'POST',
		path: '/orders',
		access: 'private',
		paged: false,
		bodyWrapper: 'order',
	},
	'order.createMargin': {
		method: 'POST',
		path: '/orders',
		access: 'private',
		paged: false,
		bodyWrapper: 'order',
	},
	'order.createMarket': {
		method: 'POST',
		path: '/orders',
		access: 'private',
		paged: false,
		bodyWrapper: 'order',
	},
	'order.createMarketWithRange': {
		method: 'POST',
		path: '/orders',
		access: 'private',
		paged: false,
		bodyWrapper: 'order',
	},
	'order.get': get('/orders/:id'),
	'order.getAll': get('/orders', 'private', true),
	'order.getTrades': get('/orders/:id/trades'),
	'order.update': {
		method: 'PUT',
		path: '/orders/:id',
		access: 'private',
		paged: false,
		bodyWrapper: 'order',
	},
	'product.get': get('/products/:id', 'public'),
	'product.getAll': get('/products', 'public'),
	'product.getOrderBook': get('/products/:id/price_levels', 'public'),
	'trade.close': { method: 'PUT', path: '/trades/:id/close', access: 'private', paged: false },
	'trade.closeAll': { method: 'PUT', path: '/trades/close_all', access: 'private', paged: false },
	'trade.getAll': get('/trades', 'private', true),
	'trade.getLoans': get('/trades/:id/loans'),
	'trade.update': {
		method: 'PUT',
		path: '/trades/:id',
		access: 'private',
		paged: false,
		bodyWrapper: 'trade',
	},
	'tradingAccount.get': get('/trading_accounts/:id'),
	'tradingAccount.getAll': get('/trading_accounts'),
	'tradingAccount.updateLeverage': {
		method: 'PUT',
		path: '/trading_accounts/:id',
		access: 'private',
		paged: false,
		bodyWrapper: 'trading_account',
	},
} satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof QUOINE_ENDPOINTS;

/** The path of an endpoint with its `:name` parameters filled in (each URI-encoded). */
export function endpointPath(
	endpoint: Endpoint,
	params: Record<string, string | number> = {},
): string {
	return endpoint.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined)
			throw new Error(`Quoine endpoint ${endpoint.path}: no value for :${name}`);
		return encodeURIComponent(String(value));
	});
}

/**
 * The method and path of an operation's request, and `isPublic: true` for a public one (a private
 * request has no `isPublic` key), to spread into a Quoine request. A given body is wrapped in the
 * endpoint's `bodyWrapper` (`{"order": body}` and the like) or sent flat.
 */
export function endpointRequest(
	key: EndpointKey,
	params: Record<string, string | number> = {},
	body?: IDataObject,
): { method: HttpMethod; path: string; isPublic?: true; body?: IDataObject } {
	const endpoint: Endpoint = QUOINE_ENDPOINTS[key];
	const request: { method: HttpMethod; path: string; isPublic?: true; body?: IDataObject } = {
		method: endpoint.method,
		path: endpointPath(endpoint, params),
	};
	if (endpoint.access === 'public') request.isPublic = true;
	if (body !== undefined) request.body = endpoint.bodyWrapper ? { [endpoint.bodyWrapper]: body } : body;
	return request;
}

/** The path of a paged operation's list (and `isPublic: true` for a public one), for `quoineGetPages`. */
export function pagedRequest(key: EndpointKey): { path: string; isPublic?: true } {
	const { path, isPublic } = endpointRequest(key);
	return isPublic ? { path, isPublic } : { path };
}

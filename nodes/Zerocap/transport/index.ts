import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { bodySnippet, createApiError, type ServiceErrorInfo } from '../../shared/errors';
import {
	apiRequest,
	type ApiResponse,
	type RequestContext,
	type ServiceDefinition,
} from '../../shared/request';

/**
 * Zerocap DMA REST API. There is no common response envelope (spec §5): a failure is a non-200
 * answer with a text body, or an HTTP 200 whose body carries a non-empty `error_message`
 * (a business rejection, spec §6.1), which is an error here too.
 */
export const zerocapService: ServiceDefinition = {
	displayName: 'Zerocap',
	credentialType: 'zerocapApi',
	timeoutMs: 30_000,
	describeError,
	// Reads are resent once after a 5xx or a reset connection; a 429 with Retry-After is waited out
	// (up to 30 s in all) because the request was not executed. Writes are never resent here.
	retry: { readResends: 1, rateLimitMaxWaitMs: 30_000 },
	isErrorBody,
	describeNoAnswer: (reason) => ({
		message: `Zerocap: ${reason}`,
		description:
			'Check the environment (or REST Base URL) in the credential. An order being placed may still have been accepted; with Retry On Fail on, the node looks it up by its client order ID before sending it again.',
	}),
};

export function isErrorBody(body: unknown): boolean {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
	const message = (body as IDataObject).error_message;
	return typeof message === 'string' && message.trim() !== '';
}

/** The server's own words for an error answer: `error_message`, a few usual keys, or the text. */
export function errorText(body: unknown): string {
	if (typeof body === 'string') return bodySnippet(body.trim());
	if (typeof body === 'object' && body !== null) {
		const object = body as IDataObject;
		for (const key of ['error_message', 'message', 'detail', 'error', 'msg']) {
			const value = object[key];
			if (typeof value === 'string' && value.trim() !== '') return bodySnippet(value.trim());
		}
	}
	return bodySnippet(body);
}

const CLOCK = /expire|timestamp|time ?window|clock/i;

/** The server's words for a client order ID that is taken (wording INFERRED; no source documents it). */
const DUPLICATE_CLIENT_ORDER_ID =
	/(?=.*(?:duplicate|already (?:exists?|used|in use|taken)|not unique|unique constraint))(?=.*(?:client[ _-]?order[ _-]?id|clientorderid))/i;

export function isDuplicateClientOrderIdText(text: string): boolean {
	return DUPLICATE_CLIENT_ORDER_ID.test(text);
}

export function describeError(status: number, body: unknown): ServiceErrorInfo {
	const text = errorText(body);
	if (status < 400) {
		// A create_order rejection still names the order and its status: keep them (spec §6.1).
		const order = typeof body === 'object' && body !== null ? (body as IDataObject) : {};
		const named = [
			typeof order.id === 'string' || typeof order.id === 'number'
				? String(order.id).trim() !== ''
					? `order ID ${bodySnippet(String(order.id), 64)}`
					: ''
				: '',
			typeof order.status === 'string' && order.status.trim() !== ''
				? `status ${bodySnippet(order.status.trim(), 32)}`
				: '',
		].filter((part) => part !== '');
		return {
			message: `Zerocap rejected the request: ${text || 'no reason given'}`,
			description: `The API answered HTTP 200 with an error message, so the request did not succeed${
				named.length ? ` (${named.join(', ')})` : ''
			}.`,
			kind: DUPLICATE_CLIENT_ORDER_ID.test(text) ? 'duplicate' : undefined,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: `Zerocap rejected the credentials (${status})${text ? `: ${text}` : ''}`,
			description: CLOCK.test(text)
				? "The signed timestamp is more than 30 seconds away from the server's time: check the system clock."
				: 'Check the API key, the API secret and the environment in the credential. If the server no longer accepts the API Key HMAC scheme, choose Timestamp HMAC.',
		};
	}
	if (status === 400 || status === 422) {
		return {
			message: `Zerocap rejected the request as invalid (${status})${text ? `: ${text}` : ''}`,
			description: CLOCK.test(text)
				? "The signed timestamp is more than 30 seconds away from the server's time: check the system clock."
				: undefined,
			kind: DUPLICATE_CLIENT_ORDER_ID.test(text) ? 'duplicate' : undefined,
		};
	}
	if (status === 404) {
		return {
			message: `Zerocap: not found (404)${text ? `: ${text}` : ''}`,
			description: 'Check the order ID, and that the REST Base URL ends with /v2.',
		};
	}
	if (status === 429) {
		return {
			message: 'Zerocap: too many requests (429)',
			description: 'Wait before trying again.',
		};
	}
	return {
		message:
			status >= 500
				? `Zerocap server error (${status})${text ? `: ${text}` : ''}`
				: `Zerocap answered ${status}${text ? `: ${text}` : ''}`,
		kind: status < 500 && DUPLICATE_CLIENT_ORDER_ID.test(text) ? 'duplicate' : undefined,
	};
}

const WRITE_PATH = /\/create_order$/;

export async function zerocapRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	options: { qs?: IDataObject; body?: IDataObject; headers?: Record<string, string> } = {},
	itemIndex?: number,
): Promise<IDataObject> {
	const response = (await apiRequest.call(
		this,
		zerocapService,
		{
			method,
			url,
			...(options.qs ? { qs: options.qs } : {}),
			...(options.body ? { body: options.body } : {}),
			headers: {
				'Content-Type': 'application/json',
				'User-Agent': 'n8n-nodes-crypto-suite',
				...(options.headers ?? {}),
			},
		},
		itemIndex,
		// Every Zerocap call is a POST; only placing an order changes anything (fetches are reads).
		{ write: WRITE_PATH.test(url) },
	)) as ApiResponse<IDataObject>;
	const body = response.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw createApiError(this.getNode(), {
			message: 'Zerocap answered with something that is not a JSON object',
			description: `Check the environment (or REST Base URL) in the credential. The answer began: ${bodySnippet(body, 120) || '(empty)'}`,
			httpCode: response.statusCode,
			itemIndex,
		});
	}
	return body;
}

/** Filters of `POST /orders/fetch_orders` (spec §6.3); empty text or 0 means "no filter". */
export interface OrderListFilters {
	symbol?: string;
	/** Epoch milliseconds; 0 for no bound. */
	startMs?: number;
	endMs?: number;
	ids?: string[];
	status?: string;
	sortOrder?: 'asc' | 'desc';
	orderType?: string;
	side?: string;
}

export interface OrderListPage {
	orders: IDataObject[];
	total?: number;
}

/** The request body of fetch_orders with every key the SDK sends, in its order. */
export function orderListBody(filters: OrderListFilters, page: number, limit: number): IDataObject {
	return {
		symbol: filters.symbol ?? '',
		start_datetime: filters.startMs ?? 0,
		end_datetime: filters.endMs ?? 0,
		page,
		ids: (filters.ids ?? []).join(','),
		status: filters.status ?? '',
		sort_order: filters.sortOrder ?? 'desc',
		order_type: filters.orderType ?? '',
		side: filters.side ?? '',
		limit,
	};
}

/** One page of fetch_orders. Pages are numbered from 1 (the generation-C SDK default). */
export async function fetchOrdersPage(
	this: RequestContext,
	filters: OrderListFilters,
	page: number,
	limit: number,
	itemIndex?: number,
): Promise<OrderListPage> {
	const body = await zerocapRequest.call(
		this,
		'POST',
		'/orders/fetch_orders',
		{ body: orderListBody(filters, page, limit) },
		itemIndex,
	);
	const list = body.order_list;
	// The list answer is {"order_list": [...], "total", "page"} (spec §6.3): without the list it is an
	// error, never an empty page (which would end a back-fill or a Get Many early).
	if (!Array.isArray(list)) {
		throw createApiError(this.getNode(), {
			message: 'Zerocap: the answer is not what was asked for: fetch_orders has no order_list',
			description: 'Nothing is returned for this item. Try again; if it persists, check the base URL in the credential.',
			kind: 'badAnswer',
			itemIndex,
		});
	}
	const orders = list as IDataObject[];
	const total = Number(body.total);
	return { orders, total: Number.isFinite(total) && body.total !== '' ? total : undefined };
}

/**
 * GET /orders/fetch_order?id=… The seed documents the answer both flat and wrapped in
 * `order_list` (spec §6.2): both are accepted. Undefined when the server has no such order.
 */
export async function fetchOrder(
	this: RequestContext,
	id: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const body = await zerocapRequest.call(
		this,
		'GET',
		'/orders/fetch_order',
		{ qs: { id } },
		itemIndex,
	);
	if (Array.isArray(body.order_list)) {
		const first = (body.order_list as IDataObject[])[0];
		return first && typeof first === 'object' ? first : undefined;
	}
	return typeof body.id === 'string' || typeof body.id === 'number' ? body : undefined;
}

/** The client order ID of an order in either key style (create answers camelCase, fetch snake_case). */
export function clientOrderIdOf(order: IDataObject): string | undefined {
	const value = order.client_order_id ?? order.clientOrderId;
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Finds an order by its client order ID. fetch_orders cannot filter on it, so this reads the
 * newest orders of the symbol and side, a page at a time (at most `maxPages` pages).
 */
export async function findOrderByClientOrderId(
	this: RequestContext,
	clientOrderId: string,
	filters: { symbol: string; side: string },
	itemIndex?: number,
	options: { pageSize?: number; maxPages?: number } = {},
): Promise<IDataObject | undefined> {
	const pageSize = options.pageSize ?? 100;
	const maxPages = options.maxPages ?? 5;
	for (let page = 1; page <= maxPages; page++) {
		const { orders, total } = await fetchOrdersPage.call(
			this,
			{ symbol: filters.symbol, side: filters.side, sortOrder: 'desc' },
			page,
			pageSize,
			itemIndex,
		);
		const found = orders.find((order) => clientOrderIdOf(order) === clientOrderId);
		if (found) return found;
		if (orders.length < pageSize || (total !== undefined && page * pageSize >= total)) break;
	}
	return undefined;
}

import type { IDataObject } from 'n8n-workflow';

import { readNumberedPages, type NumberedPage } from '../../shared/pagination';
import {
	detectChanges,
	readForward,
	readNewestFirst,
	safeInteger,
	startFromNewest,
	type PollResult,
} from '../../shared/polling';
import { parsePage, type QuoineRequest } from '../transport';
import {
	capWatched,
	chronological,
	EXECUTION_ORDER,
	OPEN_STATUSES,
	orderSignature,
	stampOf,
	type OrderCursor,
	type Stamped,
	type TimeCursor,
} from './cursor';

/**
 * The three events of the Quoine Trigger, on the shared polling framework. Each reads through
 * `send` (the Quoine node's request function: signing, pacing, 429 retry and error mapping live
 * there) and returns the items to emit and the cursor to store after they are emitted. Nothing
 * here stores anything: when a request fails, the error propagates and the stored cursor stays
 * where it was.
 */

export type Send = (request: QuoineRequest) => Promise<unknown>;

export type { PollResult };

/**
 * Upper bound on requests of one poll that reads public executions oldest first. What was read
 * is emitted and the next poll continues from there, so a long backlog cannot stall a poll.
 */
export const MAX_REQUESTS_PER_POLL = 100;

/** Guard against a server that always reports another page. */
export const MAX_PAGES_PER_LIST = 1000;

const WHAT = 'Quoine Trigger';

/** Statuses an order can change to. */
export const CHANGE_STATUSES = ['cancelled', 'filled', 'partially_filled'] as const;

function stamped(list: unknown[], timeField = 'created_at'): Stamped[] {
	const out: Stamped[] = [];
	for (const entry of list) {
		if (!entry || typeof entry !== 'object') continue;
		const item = stampOf(entry as IDataObject, timeField);
		if (item) out.push(item);
	}
	return out;
}

function asArray(body: unknown): unknown[] {
	if (Array.isArray(body)) return body;
	if (body && typeof body === 'object' && Array.isArray((body as IDataObject).models)) {
		return (body as IDataObject).models as unknown[];
	}
	return [];
}

/** One page of a Quoine list (`{models, current_page, total_pages}` or a bare array). */
async function numberedPage<T>(
	send: Send,
	request: QuoineRequest,
	page: number,
	read: (list: unknown[]) => T[],
): Promise<NumberedPage<T>> {
	const body = await send(request);
	return { items: read(asArray(body)), more: parsePage(body, page).next !== undefined };
}

/** Reads pages 1, 2, … of a list (at most MAX_PAGES_PER_LIST). */
async function readPages<T>(
	send: Send,
	request: (page: number) => QuoineRequest,
	read: (list: unknown[]) => T[],
	stopAfter?: (items: T[]) => boolean,
) {
	return await readNumberedPages(async (page) => await numberedPage(send, request(page), page, read), {
		maxPages: MAX_PAGES_PER_LIST,
		what: WHAT,
		stopAfter,
	});
}

// ------------------------------------------------------------------ public executions

/** First poll: the cursor starts at the newest public execution; optionally emits the last N. */
export async function startPublicExecutions(
	send: Send,
	productId: number,
	pageSize: number,
	includeLast: number,
): Promise<PollResult<TimeCursor>> {
	const body = await send({
		method: 'GET',
		path: '/executions',
		query: { product_id: productId, limit: Math.max(pageSize, includeLast), page: 1 },
		isPublic: true,
	});
	return startFromNewest(stamped(asArray(body)), EXECUTION_ORDER, includeLast, 0);
}

/**
 * Reads public executions after the cursor with the since-time form (`timestamp`, oldest first,
 * no paging). A full answer means more may follow: the next request starts at the last second
 * read, and IDs already emitted at that second are skipped. When one second holds more
 * executions than a full answer, that second is read from the paged form instead.
 */
export async function pollPublicExecutions(
	send: Send,
	productId: number,
	pageSize: number,
	cursor: TimeCursor,
): Promise<PollResult<TimeCursor>> {
	return await readForward(cursor, EXECUTION_ORDER, {
		pageSize,
		maxRequests: MAX_REQUESTS_PER_POLL,
		what: WHAT,
		async fetch(since) {
			const body = await send({
				method: 'GET',
				path: '/executions',
				query: { product_id: productId, timestamp: since, limit: pageSize },
				isPublic: true,
			});
			const list = asArray(body);
			return { rows: stamped(list), count: list.length };
		},
		// A whole answer within one second: read that second page by page, newest first.
		async sameKey(second, take) {
			const requests = await readSecond(send, productId, pageSize, second, take);
			return { next: second + 1, requests };
		},
	});
}

/** Emits, oldest first, every public execution of one second; returns the requests it made. */
async function readSecond(
	send: Send,
	productId: number,
	pageSize: number,
	second: number,
	take: (item: Stamped) => void,
): Promise<number> {
	const { items, pages } = await readPages(
		send,
		(page) => ({ method: 'GET', path: '/executions', query: { product_id: productId, limit: pageSize, page }, isPublic: true }),
		(list) => stamped(list),
		(rows) => rows.some((row) => row.ts < second),
	);
	const found = new Map<number, Stamped>();
	for (const row of items) if (row.ts === second) found.set(row.id, row);
	[...found.values()].sort(chronological).forEach(take);
	return pages;
}

// --------------------------------------------------------------------- own executions

function ownExecutionsRequest(productId: number, limit: number, page: number): QuoineRequest {
	return { method: 'GET', path: '/executions/me', query: { product_id: productId, limit, page } };
}

export async function startOwnExecutions(
	send: Send,
	productId: number,
	pageSize: number,
	includeLast: number,
): Promise<PollResult<TimeCursor>> {
	const body = await send(ownExecutionsRequest(productId, Math.max(pageSize, includeLast), 1));
	return startFromNewest(stamped(asArray(body)), EXECUTION_ORDER, includeLast, 0);
}

/**
 * Reads my executions (paged, newest first) until a page reaches back past the cursor, then
 * emits the new ones oldest first. Executions that arrive while the pages are read push older
 * ones to later pages, so an execution can be seen twice (it is kept once) but never skipped.
 */
export async function pollOwnExecutions(
	send: Send,
	productId: number,
	pageSize: number,
	cursor: TimeCursor,
): Promise<PollResult<TimeCursor>> {
	return await readNewestFirst(
		async (page) => await numberedPage(send, ownExecutionsRequest(productId, pageSize, page), page, (list) => stamped(list)),
		cursor,
		EXECUTION_ORDER,
		{ maxPages: MAX_PAGES_PER_LIST, what: WHAT },
	);
}

/** The most recent own or public execution, for "Fetch Test Event". */
export async function latestExecution(
	send: Send,
	productId: number,
	own: boolean,
): Promise<IDataObject | undefined> {
	const body = await send(
		own
			? ownExecutionsRequest(productId, 1, 1)
			: { method: 'GET', path: '/executions', query: { product_id: productId, limit: 1, page: 1 }, isPublic: true },
	);
	const items = stamped(asArray(body)).sort(chronological);
	return items[items.length - 1]?.json;
}

// ------------------------------------------------------------------------------ orders

export interface OrderFilters {
	productId?: number;
	statuses: string[];
}

function ordersRequest(filters: OrderFilters, limit: number, page: number, status?: string): QuoineRequest {
	return {
		method: 'GET',
		path: '/orders',
		query: { product_id: filters.productId, status, limit, page },
	};
}

/** Reads every page of a list. */
async function readAll(send: Send, request: (page: number) => QuoineRequest): Promise<IDataObject[]> {
	return (await readPages(send, request, (list) => list as IDataObject[])).items;
}

/** The order's ID; NaN when it is not a whole number (such orders are left out). */
function orderId(order: IDataObject): number {
	return safeInteger.read(order.id) ?? Number.NaN;
}

function byUpdate(a: IDataObject, b: IDataObject): number {
	return Number(a.updated_at) - Number(b.updated_at) || orderId(a) - orderId(b);
}

/**
 * First poll: remembers the highest order ID and the state of every open order (live or
 * partially filled). With "include the last N", the N most recently updated orders in a
 * chosen status are emitted.
 */
export async function startOrders(
	send: Send,
	filters: OrderFilters,
	pageSize: number,
	includeLast: number,
): Promise<PollResult<OrderCursor>> {
	const recent = asArray(await send(ordersRequest(filters, Math.max(pageSize, includeLast), 1))) as IDataObject[];
	const open: Record<string, string> = {};
	for (const status of OPEN_STATUSES) {
		const list = await readAll(send, (page) => ordersRequest(filters, pageSize, page, status));
		for (const order of list) {
			if (OPEN_STATUSES.has(String(order.status)) && Number.isSafeInteger(orderId(order))) {
				open[String(orderId(order))] = orderSignature(order);
			}
		}
	}
	const ids = [...recent.map(orderId), ...Object.keys(open).map(Number)].filter(Number.isSafeInteger);
	const items =
		includeLast > 0
			? recent
					.filter((order) => filters.statuses.includes(String(order.status)))
					.sort(byUpdate)
					.slice(-includeLast)
			: [];
	return { items, cursor: { maxId: ids.length ? Math.max(...ids) : 0, open: capWatched(open) } };
}

/**
 * Lists my orders (newest first) down to the oldest order that matters: every order newer than
 * the highest ID seen before, and every order that was open. An order is emitted when it is new
 * and no longer untouched, or when its status or filled quantity changed, and its status is one
 * of the chosen ones. Several changes between two polls give one item with the latest state.
 */
export async function pollOrders(
	send: Send,
	filters: OrderFilters,
	pageSize: number,
	cursor: OrderCursor,
): Promise<PollResult<OrderCursor>> {
	const watched = Object.keys(cursor.open).map(Number);
	const floor = Math.min(cursor.maxId, ...watched);
	const { items } = await readPages(
		send,
		(page) => ordersRequest(filters, pageSize, page),
		(list) => (list as IDataObject[]).filter((order) => Number.isSafeInteger(orderId(order))),
		(rows) => {
			const ids = rows.map(orderId);
			// Newest first, as the exchange lists them: stop once past the floor. In any other order, read on.
			const descending = ids[0] >= ids[ids.length - 1];
			return descending && Math.min(...ids) <= floor;
		},
	);
	const seen = new Map<number, IDataObject>();
	for (const order of items) seen.set(orderId(order), order);

	const { changed, watched: open } = detectChanges(seen.values(), cursor.open, {
		idOf: (order) => String(orderId(order)),
		signature: orderSignature,
		isOpen: (order) => OPEN_STATUSES.has(String(order.status)),
		isNew: (order) => orderId(order) > cursor.maxId,
		untouched: (order) => String(order.status) === 'live',
		wanted: (order) => filters.statuses.includes(String(order.status)),
	});
	let maxId = cursor.maxId;
	for (const id of seen.keys()) if (id > maxId) maxId = id;
	return { items: changed.sort(byUpdate), cursor: { maxId, open: capWatched(open) } };
}

/** The most recently updated order in a chosen status, for "Fetch Test Event". */
export async function latestOrderChange(
	send: Send,
	filters: OrderFilters,
	pageSize: number,
): Promise<IDataObject | undefined> {
	const rows = asArray(await send(ordersRequest(filters, pageSize, 1))) as IDataObject[];
	const matching = rows.filter((order) => filters.statuses.includes(String(order.status))).sort(byUpdate);
	return matching[matching.length - 1];
}

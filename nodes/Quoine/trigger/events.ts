import type { IDataObject } from 'n8n-workflow';

import { parsePage, type QuoineRequest } from '../transport';
import {
	Boundary,
	capWatched,
	chronological,
	cursorAtNewest,
	OPEN_STATUSES,
	orderSignature,
	stampOf,
	type OrderCursor,
	type Stamped,
	type TimeCursor,
} from './cursor';

/**
 * The three events of the Quoine Trigger. Each reads through `send` (the Quoine node's request
 * function: signing, pacing, 429 retry and error mapping live there) and returns the items to emit
 * and the cursor to store after they are emitted. Nothing here stores anything: when a request
 * fails, the error propagates and the stored cursor stays where it was.
 */

export type Send = (request: QuoineRequest) => Promise<unknown>;

export interface PollResult<C> {
	items: IDataObject[];
	cursor: C;
}

/**
 * Upper bound on requests of one poll that reads public executions oldest first. What was read
 * is emitted and the next poll continues from there, so a long backlog cannot stall a poll.
 */
export const MAX_REQUESTS_PER_POLL = 100;

/** Guard against a server that always reports another page. */
export const MAX_PAGES_PER_LIST = 1000;

function checkPage(page: number): void {
	if (page > MAX_PAGES_PER_LIST) {
		throw new Error(
			`Quoine Trigger: the exchange still reported more pages after ${MAX_PAGES_PER_LIST}; nothing was emitted and the cursor was kept`,
		);
	}
}

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

function hasMorePages(body: unknown, page: number): boolean {
	return parsePage(body, page).next !== undefined;
}

/** The newest `count` items, oldest first. */
function newest(items: Stamped[], count: number): IDataObject[] {
	return [...items]
		.sort(chronological)
		.slice(-count)
		.map((item) => item.json);
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
	const items = stamped(asArray(body));
	return { items: includeLast > 0 ? newest(items, includeLast) : [], cursor: cursorAtNewest(items) };
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
	const boundary = new Boundary(cursor);
	const emitted: Stamped[] = [];
	const take = (item: Stamped) => {
		if (!boundary.isNew(item)) return;
		emitted.push(item);
		boundary.add(item);
	};
	let since = cursor.ts;
	for (let requests = 0; requests < MAX_REQUESTS_PER_POLL; requests++) {
		const body = await send({
			method: 'GET',
			path: '/executions',
			query: { product_id: productId, timestamp: since, limit: pageSize },
			isPublic: true,
		});
		const rows = stamped(asArray(body)).sort(chronological);
		rows.forEach(take);
		if (asArray(body).length < pageSize) break;
		const last = rows.length ? rows[rows.length - 1].ts : since;
		if (last > since) {
			since = last;
			continue;
		}
		// A whole answer within one second: read that second page by page, newest first.
		requests += await readSecond(send, productId, pageSize, since, take);
		since += 1;
	}
	return { items: emitted.map((item) => item.json), cursor: boundary.toCursor() };
}

/** Emits, oldest first, every public execution of one second; returns the requests it made. */
async function readSecond(
	send: Send,
	productId: number,
	pageSize: number,
	second: number,
	take: (item: Stamped) => void,
): Promise<number> {
	const found = new Map<number, Stamped>();
	let page = 1;
	for (; ; page++) {
		checkPage(page);
		const body = await send({
			method: 'GET',
			path: '/executions',
			query: { product_id: productId, limit: pageSize, page },
			isPublic: true,
		});
		const rows = stamped(asArray(body));
		for (const row of rows) if (row.ts === second) found.set(row.id, row);
		if (rows.length === 0 || rows.some((row) => row.ts < second) || !hasMorePages(body, page)) break;
	}
	[...found.values()].sort(chronological).forEach(take);
	return page;
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
	const items = stamped(asArray(body));
	return { items: includeLast > 0 ? newest(items, includeLast) : [], cursor: cursorAtNewest(items) };
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
	const boundary = new Boundary(cursor);
	const found = new Map<number, Stamped>();
	for (let page = 1; ; page++) {
		checkPage(page);
		const body = await send(ownExecutionsRequest(productId, pageSize, page));
		const rows = stamped(asArray(body));
		for (const row of rows) if (boundary.isNew(row)) found.set(row.id, row);
		if (rows.length === 0 || rows.some((row) => row.ts < cursor.ts) || !hasMorePages(body, page)) break;
	}
	const items = [...found.values()].sort(chronological);
	items.forEach((item) => boundary.add(item));
	return { items: items.map((item) => item.json), cursor: boundary.toCursor() };
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
	const out: IDataObject[] = [];
	for (let page = 1; ; page++) {
		checkPage(page);
		const body = await send(request(page));
		const rows = asArray(body) as IDataObject[];
		out.push(...rows);
		if (rows.length === 0 || !hasMorePages(body, page)) break;
	}
	return out;
}

function orderId(order: IDataObject): number {
	return Number(order.id);
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
		for (const order of list) if (OPEN_STATUSES.has(String(order.status))) open[String(orderId(order))] = orderSignature(order);
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
	const seen = new Map<number, IDataObject>();
	for (let page = 1; ; page++) {
		checkPage(page);
		const body = await send(ordersRequest(filters, pageSize, page));
		const rows = (asArray(body) as IDataObject[]).filter((order) => Number.isSafeInteger(orderId(order)));
		for (const order of rows) seen.set(orderId(order), order);
		if (rows.length === 0 || !hasMorePages(body, page)) break;
		const ids = rows.map(orderId);
		// Newest first, as the exchange lists them: stop once past the floor. In any other order, read on.
		const descending = ids[0] >= ids[ids.length - 1];
		if (descending && Math.min(...ids) <= floor) break;
	}

	const changed: IDataObject[] = [];
	const open: Record<string, string> = {};
	let maxId = cursor.maxId;
	for (const [id, order] of seen) {
		const status = String(order.status);
		const signature = orderSignature(order);
		const before = cursor.open[String(id)];
		const isNew = id > cursor.maxId;
		const didChange = isNew ? status !== 'live' : before !== undefined && before !== signature;
		if (didChange && filters.statuses.includes(status)) changed.push(order);
		if ((isNew || before !== undefined) && OPEN_STATUSES.has(status)) open[String(id)] = signature;
		if (id > maxId) maxId = id;
	}
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

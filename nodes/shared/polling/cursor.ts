import type { IDataObject } from 'n8n-workflow';

import { readNumberedPages, type NumberedPage } from '../pagination';
import type { Key, KeyType } from './keys';

/**
 * Time cursors: the position after the last emitted item (its time key) and every ID emitted at
 * that time, so that items sharing the boundary time are neither lost nor emitted twice.
 */

/** Most IDs kept for the boundary time. */
export const MAX_BOUNDARY_IDS = 5000;

/** An item of a list answer with its time key and ID. */
export interface Stamped<K extends Key, I extends Key> {
	ts: K;
	id: I;
	json: IDataObject;
}

/** What is stored: the boundary time and the IDs emitted at it (sorted, at most `maxBoundaryIds`). */
export interface BoundaryCursor<K extends Key, I extends Key> {
	ts: K;
	ids: I[];
}

/** How the items of one list are ordered: by time key, then by ID. */
export interface CursorOrder<K extends Key, I extends Key> {
	key: KeyType<K>;
	id: KeyType<I>;
	/** Default MAX_BOUNDARY_IDS. When more items share one time, the lowest IDs are forgotten. */
	maxBoundaryIds?: number;
}

export interface PollResult<C> {
	/** Items to emit, in the order they are emitted. */
	items: IDataObject[];
	/** The cursor to store once the items are returned. */
	cursor: C;
}

/** An answer that does not carry what a cursor needs. */
export class MalformedAnswerError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MalformedAnswerError';
	}
}

/** Oldest first; IDs break ties within one time. */
export function chronological<K extends Key, I extends Key>(order: CursorOrder<K, I>) {
	return (a: Stamped<K, I>, b: Stamped<K, I>): number => order.key.compare(a.ts, b.ts) || order.id.compare(a.id, b.id);
}

function boundedIds<K extends Key, I extends Key>(ids: Iterable<I>, order: CursorOrder<K, I>): I[] {
	const sorted = [...ids].sort(order.id.compare);
	const max = order.maxBoundaryIds ?? MAX_BOUNDARY_IDS;
	return sorted.length > max ? sorted.slice(-max) : sorted;
}

/**
 * The boundary of a time cursor while a poll reads: an item is new when it is later than the
 * cursor time, or at that time with an ID not seen yet.
 */
export class Boundary<K extends Key, I extends Key> {
	ts: K;

	private ids: Set<I>;

	constructor(
		cursor: BoundaryCursor<K, I>,
		private readonly order: CursorOrder<K, I>,
	) {
		this.ts = cursor.ts;
		this.ids = new Set(cursor.ids);
	}

	isNew(item: Stamped<K, I>): boolean {
		const step = this.order.key.compare(item.ts, this.ts);
		return step > 0 || (step === 0 && !this.ids.has(item.id));
	}

	/** Moves the boundary past an emitted item (items must come oldest first). */
	add(item: Stamped<K, I>): void {
		const step = this.order.key.compare(item.ts, this.ts);
		if (step > 0) {
			this.ts = item.ts;
			this.ids = new Set([item.id]);
		} else if (step === 0) {
			this.ids.add(item.id);
		}
	}

	toCursor(): BoundaryCursor<K, I> {
		return { ts: this.ts, ids: boundedIds(this.ids, this.order) };
	}
}

/** The cursor of a first poll: the newest item's time and the IDs seen at it; `origin` for none. */
export function cursorAtNewest<K extends Key, I extends Key>(
	items: Array<Stamped<K, I>>,
	order: CursorOrder<K, I>,
	origin: K,
): BoundaryCursor<K, I> {
	if (items.length === 0) return { ts: origin, ids: [] };
	let ts = items[0].ts;
	for (const item of items) if (order.key.compare(item.ts, ts) > 0) ts = item.ts;
	const ids = items.filter((item) => order.key.compare(item.ts, ts) === 0).map((item) => item.id);
	return { ts, ids: boundedIds(new Set(ids), order) };
}

/**
 * First activation: "start from now" (the cursor at the newest item, nothing emitted), or with
 * `includeLast` > 0 also the newest `includeLast` items, oldest first.
 */
export function startFromNewest<K extends Key, I extends Key>(
	items: Array<Stamped<K, I>>,
	order: CursorOrder<K, I>,
	includeLast: number,
	origin: K,
): PollResult<BoundaryCursor<K, I>> {
	const emitted = includeLast > 0 ? [...items].sort(chronological(order)).slice(-includeLast) : [];
	return { items: emitted.map((item) => item.json), cursor: cursorAtNewest(items, order, origin) };
}

/** Reads a stored cursor; undefined when it is missing or malformed (the trigger then starts afresh). */
export function readBoundaryCursor<K extends Key, I extends Key>(
	value: unknown,
	order: CursorOrder<K, I>,
): BoundaryCursor<K, I> | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { ts, ids } = value as { ts?: unknown; ids?: unknown };
	const key = order.key.read(ts);
	if (key === undefined || !Array.isArray(ids)) return undefined;
	const read = ids.map((id) => order.id.read(id)).filter((id): id is I => id !== undefined);
	return { ts: key, ids: read };
}

/** Field names of the time key and the ID in the items of an answer. */
export interface StampFields {
	ts: string;
	id: string;
}

/** An item with its key and ID, or undefined when either is missing or malformed. */
export function stampOf<K extends Key, I extends Key>(
	json: IDataObject,
	order: CursorOrder<K, I>,
	fields: StampFields,
): Stamped<K, I> | undefined {
	const ts = order.key.read(json[fields.ts]);
	const id = order.id.read(json[fields.id]);
	return ts === undefined || id === undefined ? undefined : { ts, id, json };
}

/**
 * Stamps every entry of a list answer. With `malformed: 'error'` (the default) an entry without
 * a valid key or ID fails the poll (the cursor stays), since skipping it could lose it for good;
 * 'skip' leaves such entries out.
 */
export function stampAll<K extends Key, I extends Key>(
	list: unknown[],
	order: CursorOrder<K, I>,
	fields: StampFields,
	malformed: 'error' | 'skip' = 'error',
): Array<Stamped<K, I>> {
	const out: Array<Stamped<K, I>> = [];
	list.forEach((entry, index) => {
		const item = entry && typeof entry === 'object' && !Array.isArray(entry) ? stampOf(entry as IDataObject, order, fields) : undefined;
		if (item) out.push(item);
		else if (malformed === 'error') {
			throw new MalformedAnswerError(
				`Item ${index + 1} of the answer has no valid "${fields.ts}" or "${fields.id}"; nothing was emitted and the cursor was kept`,
			);
		}
	});
	return out;
}

// ------------------------------------------------------------------------ reading patterns

export interface NewestFirstOptions {
	/** Most pages one poll reads (a guard against a service that reports pages without end). */
	maxPages: number;
	/** Names the list in errors, e.g. "Quoine Trigger". */
	what: string;
}

/**
 * For lists paged by number and sorted newest first: reads pages until one reaches back past the
 * cursor, then emits the new items oldest first. Items that arrive while the pages are read push
 * older ones to later pages, so an item can be read twice (it is kept once) but never skipped.
 */
export async function readNewestFirst<K extends Key, I extends Key>(
	fetchPage: (page: number) => Promise<NumberedPage<Stamped<K, I>>>,
	cursor: BoundaryCursor<K, I>,
	order: CursorOrder<K, I>,
	{ maxPages, what }: NewestFirstOptions,
): Promise<PollResult<BoundaryCursor<K, I>>> {
	const boundary = new Boundary(cursor, order);
	const { items } = await readNumberedPages(fetchPage, {
		maxPages,
		what,
		stopAfter: (rows) => rows.some((row) => order.key.compare(row.ts, cursor.ts) < 0),
	});
	const found = new Map<I, Stamped<K, I>>();
	for (const item of items) if (boundary.isNew(item)) found.set(item.id, item);
	const emitted = [...found.values()].sort(chronological(order));
	emitted.forEach((item) => boundary.add(item));
	return { items: emitted.map((item) => item.json), cursor: boundary.toCursor() };
}

export interface ForwardRead<K extends Key, I extends Key> {
	/** The stamped items of the answer. */
	rows: Array<Stamped<K, I>>;
	/** How many entries the answer held (stamped or not): a full answer means more may follow. */
	count: number;
}

export interface ForwardOptions<K extends Key, I extends Key> {
	/** Entries a full answer holds. */
	pageSize: number;
	/** Most requests of one poll; what was read is emitted and the next poll continues from there. */
	maxRequests: number;
	/**
	 * Asks for the items from time `since` on, oldest first ("since" / "offset" forms), including
	 * the items at `since` itself (those emitted before are skipped by ID). For a service whose
	 * offset is exclusive, ask from just before `since` (e.g. one nanosecond earlier), or items
	 * sharing the time at a page end would be skipped.
	 */
	fetch(since: K): Promise<ForwardRead<K, I>>;
	/**
	 * Called when a whole answer shares the time `since` (as many items at one time as a page):
	 * reads that time completely, passing its items oldest first to `take`, and returns the time
	 * to continue from and the requests it made. Without it such a poll fails with a clear error.
	 */
	sameKey?(since: K, take: (item: Stamped<K, I>) => void): Promise<{ next: K; requests: number }>;
	/** Names the list in errors. */
	what: string;
}

/**
 * For lists read forward from a time (oldest first, no page numbers): reads from the cursor
 * time, then from the last time read, until an answer is not full or the request budget is
 * spent. Items at the boundary time that were emitted before are skipped by ID.
 */
export async function readForward<K extends Key, I extends Key>(
	cursor: BoundaryCursor<K, I>,
	order: CursorOrder<K, I>,
	options: ForwardOptions<K, I>,
): Promise<PollResult<BoundaryCursor<K, I>>> {
	const boundary = new Boundary(cursor, order);
	const emitted: Array<Stamped<K, I>> = [];
	const take = (item: Stamped<K, I>) => {
		if (!boundary.isNew(item)) return;
		emitted.push(item);
		boundary.add(item);
	};
	const sort = chronological(order);
	let since = cursor.ts;
	for (let requests = 0; requests < options.maxRequests; requests++) {
		const { rows, count } = await options.fetch(since);
		const sorted = [...rows].sort(sort);
		sorted.forEach(take);
		if (count < options.pageSize) break;
		const last = sorted.length ? sorted[sorted.length - 1].ts : since;
		if (order.key.compare(last, since) > 0) {
			since = last;
			continue;
		}
		if (!options.sameKey) {
			throw new MalformedAnswerError(
				`${options.what}: ${options.pageSize} or more items share the time ${String(since)}, more than one answer can pass; raise Page Size. Nothing was emitted and the cursor was kept`,
			);
		}
		const step = await options.sameKey(since, take);
		requests += step.requests;
		since = step.next;
	}
	return { items: emitted.map((item) => item.json), cursor: boundary.toCursor() };
}

import type { IDataObject } from 'n8n-workflow';

/**
 * Cursors of the Quoine Trigger. They are kept in the workflow's static data as plain JSON and
 * hold only exchange values (timestamps and IDs), never the local clock.
 */

/** Most IDs kept for the boundary second; more executions than this in one second are not expected. */
export const MAX_BOUNDARY_IDS = 5000;
/** Most open orders watched for status changes. */
export const MAX_WATCHED_ORDERS = 5000;

/** Position after the last emitted execution: its `created_at` and every ID emitted at that second. */
export interface TimeCursor {
	ts: number;
	ids: number[];
}

/** An item of a list answer with the fields the cursors need. */
export interface Stamped {
	id: number;
	ts: number;
	json: IDataObject;
}

/** Reads `id` and `created_at` (Unix seconds) of an execution; undefined when either is missing. */
export function stampOf(json: IDataObject, timeField = 'created_at'): Stamped | undefined {
	const id = Number(json.id);
	const ts = Number(json[timeField]);
	if (!Number.isSafeInteger(id) || !Number.isFinite(ts)) return undefined;
	return { id, ts: Math.floor(ts), json };
}

/** Oldest first; IDs break ties within a second. */
export function chronological(a: Stamped, b: Stamped): number {
	return a.ts - b.ts || a.id - b.id;
}

/**
 * The boundary of a time cursor while a poll reads: an item is new when it is later than the
 * cursor second, or at that second with an ID not seen yet.
 */
export class Boundary {
	ts: number;

	private ids: Set<number>;

	constructor(cursor: TimeCursor) {
		this.ts = cursor.ts;
		this.ids = new Set(cursor.ids);
	}

	isNew(item: Stamped): boolean {
		return item.ts > this.ts || (item.ts === this.ts && !this.ids.has(item.id));
	}

	/** Moves the boundary past an emitted item (items must come oldest first). */
	add(item: Stamped): void {
		if (item.ts > this.ts) {
			this.ts = item.ts;
			this.ids = new Set([item.id]);
		} else if (item.ts === this.ts) {
			this.ids.add(item.id);
		}
	}

	toCursor(): TimeCursor {
		const ids = [...this.ids].sort((a, b) => a - b);
		return { ts: this.ts, ids: ids.length > MAX_BOUNDARY_IDS ? ids.slice(-MAX_BOUNDARY_IDS) : ids };
	}
}

/** The cursor of a first poll: the newest item's second and the IDs seen at it. */
export function cursorAtNewest(items: Stamped[]): TimeCursor {
	if (items.length === 0) return { ts: 0, ids: [] };
	const ts = Math.max(...items.map((item) => item.ts));
	return { ts, ids: items.filter((item) => item.ts === ts).map((item) => item.id).sort((a, b) => a - b) };
}

/** Reads a stored time cursor; undefined when it is missing or malformed. */
export function readTimeCursor(value: unknown): TimeCursor | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { ts, ids } = value as { ts?: unknown; ids?: unknown };
	if (typeof ts !== 'number' || !Number.isFinite(ts) || !Array.isArray(ids)) return undefined;
	return { ts, ids: ids.filter((id): id is number => typeof id === 'number') };
}

/** Orders watched for status changes: the highest order ID seen and the open orders' last state. */
export interface OrderCursor {
	maxId: number;
	/** Order ID → "status|filled_quantity" of orders that were live or partially filled. */
	open: Record<string, string>;
}

export function readOrderCursor(value: unknown): OrderCursor | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { maxId, open } = value as { maxId?: unknown; open?: unknown };
	if (typeof maxId !== 'number' || !open || typeof open !== 'object' || Array.isArray(open)) return undefined;
	const entries = Object.entries(open as Record<string, unknown>).filter(
		(entry): entry is [string, string] => typeof entry[1] === 'string',
	);
	return { maxId, open: Object.fromEntries(entries) };
}

export const OPEN_STATUSES = new Set(['live', 'partially_filled']);

/** What is compared between polls to see that an order changed. */
export function orderSignature(order: IDataObject): string {
	return `${String(order.status)}|${String(order.filled_quantity ?? '')}`;
}

/** Keeps the newest orders when more than MAX_WATCHED_ORDERS are open. */
export function capWatched(open: Record<string, string>): Record<string, string> {
	const ids = Object.keys(open);
	if (ids.length <= MAX_WATCHED_ORDERS) return open;
	const keep = ids
		.map(Number)
		.sort((a, b) => b - a)
		.slice(0, MAX_WATCHED_ORDERS);
	return Object.fromEntries(keep.map((id) => [String(id), open[String(id)]]));
}

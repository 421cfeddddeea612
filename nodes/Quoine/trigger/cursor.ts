import type { IDataObject } from 'n8n-workflow';

import {
	Boundary as SharedBoundary,
	capWatched as capSignatures,
	cursorAtNewest as sharedCursorAtNewest,
	finiteNumber,
	MAX_BOUNDARY_IDS,
	MAX_WATCHED,
	readBoundaryCursor,
	readSignatures,
	safeInteger,
	type BoundaryCursor,
	type CursorOrder,
	type Stamped as SharedStamped,
} from '../../shared/polling';

/**
 * Cursors of the Quoine Trigger, on the shared polling framework. They are kept in the
 * workflow's static data as plain JSON and hold only exchange values (Unix seconds and integer
 * IDs), never the local clock.
 */

export { MAX_BOUNDARY_IDS };
/** Most open orders watched for status changes. */
export const MAX_WATCHED_ORDERS = MAX_WATCHED;

/** Executions are ordered by `created_at` (Unix seconds), then by ID. */
export const EXECUTION_ORDER: CursorOrder<number, number> = { key: finiteNumber, id: finiteNumber };

/** Position after the last emitted execution: its `created_at` and every ID emitted at that second. */
export type TimeCursor = BoundaryCursor<number, number>;

/** An item of a list answer with the fields the cursors need. */
export type Stamped = SharedStamped<number, number>;

/** Unix seconds: a JSON number, or plain decimal digits as text (never hex or exponent forms). */
function unixSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : undefined;
	if (typeof value === 'string' && /^[0-9]{1,15}(\.[0-9]{1,9})?$/.test(value)) return Math.floor(Number(value));
	return undefined;
}

/** Reads `id` and `created_at` (Unix seconds) of an execution; undefined when either is missing or malformed. */
export function stampOf(json: IDataObject, timeField = 'created_at'): Stamped | undefined {
	const id = safeInteger.read(json.id);
	const ts = unixSeconds(json[timeField]);
	if (id === undefined || ts === undefined) return undefined;
	return { id, ts, json };
}

/** Oldest first; IDs break ties within a second. */
export function chronological(a: Stamped, b: Stamped): number {
	return a.ts - b.ts || a.id - b.id;
}

/**
 * The boundary of a time cursor while a poll reads: an item is new when it is later than the
 * cursor second, or at that second with an ID not seen yet.
 */
export class Boundary extends SharedBoundary<number, number> {
	constructor(cursor: TimeCursor) {
		super(cursor, EXECUTION_ORDER);
	}
}

/** The cursor of a first poll: the newest item's second and the IDs seen at it. */
export function cursorAtNewest(items: Stamped[]): TimeCursor {
	return sharedCursorAtNewest(items, EXECUTION_ORDER, 0);
}

/** Reads a stored time cursor; undefined when it is missing or malformed. */
export function readTimeCursor(value: unknown): TimeCursor | undefined {
	return readBoundaryCursor(value, EXECUTION_ORDER);
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
	const signatures = readSignatures(open);
	if (typeof maxId !== 'number' || !signatures) return undefined;
	return { maxId, open: signatures };
}

export const OPEN_STATUSES = new Set(['live', 'partially_filled']);

/** What is compared between polls to see that an order changed. */
export function orderSignature(order: IDataObject): string {
	return `${String(order.status)}|${String(order.filled_quantity ?? '')}`;
}

/** Keeps the newest orders when more than MAX_WATCHED_ORDERS are open. */
export function capWatched(open: Record<string, string>): Record<string, string> {
	return capSignatures(open, (a, b) => Number(a) - Number(b), MAX_WATCHED_ORDERS);
}

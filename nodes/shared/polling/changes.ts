/**
 * Status-change detection: records that can still change (open orders, pending payments) are
 * watched between polls by a short signature of their state; a record is emitted when its
 * signature changed, or when it is new and no longer in its initial state.
 */

/** Most records watched between polls. */
export const MAX_WATCHED = 5000;

/** Record ID → signature of its state at the last poll, for records that were still open. */
export type Signatures = Record<string, string>;

export interface ChangeRules<T> {
	/** The record's ID as text (the key in Signatures); undefined leaves the record out. */
	idOf(record: T): string | undefined;
	/** What is compared between polls, e.g. "status|filled quantity". */
	signature(record: T): string;
	/** The record can still change: keep watching it. */
	isOpen(record: T): boolean;
	/** The record was not known at the previous poll (e.g. its ID is above the highest seen). */
	isNew(record: T): boolean;
	/** A new record in its initial state (e.g. a live order nothing happened to) is not a change. */
	untouched(record: T): boolean;
	/** The change is one the user asked for (e.g. a chosen status). */
	wanted(record: T): boolean;
}

export interface Changes<T> {
	/** Changed records the user asked for, in the order they were given. */
	changed: T[];
	/** What to watch at the next poll. */
	watched: Signatures;
}

/**
 * Compares the records read by this poll with the signatures of the previous one. Several
 * changes between two polls give one change with the latest state; a record that was open and
 * is not in `records` keeps its signature out of the result (it is no longer watched), so the
 * caller must read every record that was watched.
 */
export function detectChanges<T>(records: Iterable<T>, previous: Signatures, rules: ChangeRules<T>): Changes<T> {
	const changed: T[] = [];
	const watched: Signatures = {};
	for (const record of records) {
		const id = rules.idOf(record);
		if (id === undefined) continue;
		const signature = rules.signature(record);
		const before = Object.prototype.hasOwnProperty.call(previous, id) ? previous[id] : undefined;
		const isNew = rules.isNew(record);
		const didChange = isNew ? !rules.untouched(record) : before !== undefined && before !== signature;
		if (didChange && rules.wanted(record)) changed.push(record);
		if ((isNew || before !== undefined) && rules.isOpen(record)) watched[id] = signature;
	}
	return { changed, watched };
}

/** Keeps the `max` last records by `compareIds` (the newest, for IDs that grow) when more are watched. */
export function capWatched(
	watched: Signatures,
	compareIds: (a: string, b: string) => number,
	max = MAX_WATCHED,
): Signatures {
	const ids = Object.keys(watched);
	if (ids.length <= max) return watched;
	const keep = ids.sort(compareIds).slice(-max);
	return Object.fromEntries(keep.map((id) => [id, watched[id]]));
}

/** Reads stored signatures (text values only); undefined when it is not an object of them. */
export function readSignatures(value: unknown): Signatures | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const entries = Object.entries(value as Record<string, unknown>).filter(
		(entry): entry is [string, string] => typeof entry[1] === 'string',
	);
	return Object.fromEntries(entries);
}

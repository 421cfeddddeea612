/** One page of a list, and how to ask for the next one (undefined when there is none). */
export interface Page<T, C> {
	items: T[];
	next?: C;
}

export interface PaginationOptions {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit: number;
	/** A guard against a service that keeps answering with a "next" forever. */
	maxPages?: number;
}

/**
 * Follows pages until the list ends or `limit` items are collected ("Return All" / "Limit").
 * `fetchPage` gets the cursor for the page to read (undefined for the first) and how many items
 * are still wanted, so it can ask for no more than needed.
 */
export async function collectPages<T, C>(
	fetchPage: (cursor: C | undefined, wanted: number) => Promise<Page<T, C>>,
	{ returnAll, limit, maxPages = 10_000 }: PaginationOptions,
): Promise<T[]> {
	const wantedTotal = returnAll ? Number.POSITIVE_INFINITY : Math.max(0, limit);
	const results: T[] = [];
	let cursor: C | undefined;
	for (let page = 0; page < maxPages && results.length < wantedTotal; page++) {
		const { items, next } = await fetchPage(cursor, wantedTotal - results.length);
		results.push(...items);
		if (next === undefined || items.length === 0) break;
		cursor = next;
	}
	return returnAll ? results : results.slice(0, wantedTotal);
}

/** For lists a service returns whole: applies Limit on our side. */
export function applyLimit<T>(items: T[], returnAll: boolean, limit: number): T[] {
	return returnAll ? items : items.slice(0, Math.max(0, limit));
}

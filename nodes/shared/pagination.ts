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

// ------------------------------------------------------------------ paging by page number

/** One page of a list paged by number: its items and whether the service reports another page. */
export interface NumberedPage<T> {
	items: T[];
	more: boolean;
}

/** The service still reported more pages after the most a read may take. */
export class TooManyPagesError extends Error {
	constructor(
		readonly what: string,
		readonly maxPages: number,
	) {
		super(`${what}: the service still reported more pages after ${maxPages}; nothing was emitted and the cursor was kept`);
		this.name = 'TooManyPagesError';
	}
}

export interface PageNumberOptions<T> {
	/** Number of the first page (default 1). */
	firstPage?: number;
	/** Most pages one read may take: a guard against a service that reports another page forever. */
	maxPages: number;
	/** Stops after a page when this returns true (e.g. once a newest-first page reaches back past a cursor). */
	stopAfter?: (items: T[], page: number) => boolean;
	/**
	 * What happens when the service still reports more pages after `maxPages`: 'error' (default)
	 * throws TooManyPagesError, 'stop' returns what was read with `complete: false`.
	 */
	whenMore?: 'error' | 'stop';
	/** Names the list in the TooManyPagesError message, e.g. "Quoine Trigger". */
	what?: string;
}

export interface NumberedPagesRead<T> {
	items: T[];
	/** Requests made. */
	pages: number;
	/** False when the read stopped at `maxPages` while the service reported more. */
	complete: boolean;
}

/**
 * Reads pages 1, 2, 3, … until a page is empty, the service reports no next page, `stopAfter`
 * says so, or `maxPages` pages were read. The caller keeps the page size the same on every
 * page, so that page N starts where page N-1 ended.
 */
export async function readNumberedPages<T>(
	fetchPage: (page: number) => Promise<NumberedPage<T>>,
	{ firstPage = 1, maxPages, stopAfter, whenMore = 'error', what = 'List' }: PageNumberOptions<T>,
): Promise<NumberedPagesRead<T>> {
	const items: T[] = [];
	for (let pages = 0; pages < maxPages; pages++) {
		const page = firstPage + pages;
		const answer = await fetchPage(page);
		items.push(...answer.items);
		if (answer.items.length === 0 || !answer.more || stopAfter?.(answer.items, page)) {
			return { items, pages: pages + 1, complete: true };
		}
	}
	if (whenMore === 'error') throw new TooManyPagesError(what, maxPages);
	return { items, pages: maxPages, complete: false };
}

/**
 * "Return All" / "Limit" over a list paged by number: `fetchPage` gets the page number and how
 * many items are still wanted.
 */
export async function collectNumberedPages<T>(
	fetchPage: (page: number, wanted: number) => Promise<NumberedPage<T>>,
	options: PaginationOptions & { firstPage?: number },
): Promise<T[]> {
	const firstPage = options.firstPage ?? 1;
	return await collectPages<T, number>(async (cursor, wanted) => {
		const page = cursor ?? firstPage;
		const { items, more } = await fetchPage(page, wanted);
		return { items, next: more ? page + 1 : undefined };
	}, options);
}

/**
 * A page number or page count from an answer: a whole number, or its plain decimal digits as
 * text (some services send `"2"`). Anything else (hex, exponent, sign, fraction) is undefined.
 */
export function readPageNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return /^[0-9]{1,15}$/.test(text) ? Number(text) : undefined;
}

/** Whether `{current, total}` (as read by readPageNumber) says another page follows. */
export function hasNextPage(current: number | undefined, total: number | undefined): boolean {
	return current !== undefined && total !== undefined && current < total;
}

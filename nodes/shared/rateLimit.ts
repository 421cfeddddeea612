import { sleep } from 'n8n-workflow';

/**
 * Client-side pacing and HTTP 429 handling for services that publish a request budget
 * ("N requests per window"). Independent of any one service.
 */

export interface RateWindow {
	/** Requests allowed per window; 0 or less turns pacing off. */
	limit: number;
	windowMs: number;
}

export interface WaitControls {
	/** Defaults to `sleep` from n8n-workflow. */
	wait?: (ms: number) => Promise<void>;
	/** Defaults to Date.now. */
	now?: () => number;
}

/** A wait the caller would have to make is longer than it allows. Nothing was sent. */
export class RateLimitWaitError extends Error {
	constructor(
		message: string,
		readonly neededMs: number,
	) {
		super(message);
		this.name = 'RateLimitWaitError';
	}
}

/** Send times per key (e.g. per API key), shared by every execution in this process. */
const sentAt = new Map<string, number[]>();

/** Forgets every recorded request (for tests). */
export function resetRateWindows(): void {
	sentAt.clear();
}

/**
 * Takes one slot in the sliding window of `key`, waiting until one is free. Waits longer than
 * `maxWaitMs` in total are refused with a RateLimitWaitError before waiting. Returns how long it waited.
 */
export async function acquireSlot(
	key: string,
	window: RateWindow,
	maxWaitMs: number,
	controls: WaitControls = {},
): Promise<number> {
	if (window.limit <= 0) return 0;
	const wait = controls.wait ?? sleep;
	const now = controls.now ?? Date.now;
	let waited = 0;
	for (;;) {
		const current = now();
		const times = (sentAt.get(key) ?? []).filter((time) => time > current - window.windowMs);
		if (times.length < window.limit) {
			times.push(current);
			sentAt.set(key, times);
			return waited;
		}
		sentAt.set(key, times);
		// The slot frees when the oldest request that still counts leaves the window.
		const needed = times[times.length - window.limit] + window.windowMs - current + 1;
		if (waited + needed > maxWaitMs) {
			throw new RateLimitWaitError(
				`the request budget of ${window.limit} per ${Math.round(window.windowMs / 1000)} s is used up and the next slot frees in ${Math.ceil(needed / 1000)} s, longer than the allowed wait of ${Math.round(maxWaitMs / 1000)} s`,
				needed,
			);
		}
		await wait(needed);
		waited += needed;
	}
}

export interface RetryOn429Options extends WaitControls {
	/** Total time the retries may wait. */
	maxWaitMs: number;
	/**
	 * Returns the wait the answer asks for (Retry-After in ms), `null` when it has none, or
	 * `undefined` when the error is not a "too many requests" answer (it is then rethrown at once).
	 */
	retryAfterOf(error: unknown): number | null | undefined;
	/** Wait for the n-th retry (1, 2, …) when the answer gives no Retry-After. Default 1 s, 2 s, 4 s … up to 60 s. */
	backoffMs?: (attempt: number) => number;
	/** Builds the error thrown when the next wait would exceed `maxWaitMs` or the sends are used up. */
	onGiveUp(lastError: unknown, waitedMs: number, nextWaitMs: number, sends: number): Error;
	/** Upper bound on sends, so a server answering "Retry-After: 0" forever cannot loop us. Default 20. */
	maxAttempts?: number;
	/** Called before every retry (e.g. to take a pacing slot again). */
	beforeRetry?: (waitedMs: number) => Promise<void>;
}

export function defaultBackoffMs(attempt: number): number {
	return Math.min(60_000, 1000 * 2 ** (attempt - 1));
}

/**
 * Sends, and on a 429 waits (Retry-After, else exponential backoff) and sends again, for as long
 * as the total wait stays within `maxWaitMs`. A 429 means the request was not executed, so this is
 * safe even for requests that are not idempotent; every other error is passed on untouched.
 */
export async function retryOn429<T>(send: () => Promise<T>, options: RetryOn429Options): Promise<T> {
	const wait = options.wait ?? sleep;
	const backoff = options.backoffMs ?? defaultBackoffMs;
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		let failure: { error: unknown } | undefined;
		try {
			return await send();
		} catch (error) {
			failure = { error };
		}
		const retryAfter = options.retryAfterOf(failure.error);
		// Not a 429: passed on exactly as the caller's send() produced it.
		if (retryAfter === undefined) throw failure.error as Error;
		const next = Math.max(0, retryAfter ?? backoff(attempt));
		if (waited + next > options.maxWaitMs || attempt >= (options.maxAttempts ?? 20)) {
			throw options.onGiveUp(failure.error, waited, next, attempt);
		}
		await wait(next);
		waited += next;
		await options.beforeRetry?.(waited);
	}
}

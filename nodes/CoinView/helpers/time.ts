import {
	canonicalRfc3339Nano,
	nanosecondsToRfc3339,
	rfc3339ToNanoseconds,
} from '../../shared/polling';

/**
 * Mixin times (`created_at`) have nanosecond precision, beyond a JS number or Date, and a
 * varying number of fraction digits ("…10.06433488Z"). They are kept as text in the canonical
 * form `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (UTC, nine digits), which compares in time order.
 */
export function canonicalTime(value: unknown): string | undefined {
	return canonicalRfc3339Nano(value);
}

/** The canonical time `deltaNs` nanoseconds later (or earlier, when negative). */
export function shiftTime(value: string, deltaNs: number): string {
	const ns = rfc3339ToNanoseconds(value);
	if (ns === undefined) throw new Error(`Not an RFC 3339 time: ${value}`);
	return nanosecondsToRfc3339(ns + BigInt(deltaNs));
}

/** -1, 0 or 1 for two canonical times. */
export function compareTimes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Key types of polling cursors: how a cursor position (a time) or an item ID is read from an
 * answer or from stored static data, and how two of them are ordered. Values are kept as JSON
 * (numbers or text), so a cursor survives n8n saving static data and restarting.
 */

export type Key = string | number;

export interface KeyType<K extends Key> {
	/** The value as a key, or undefined when it is not one (the caller decides what that means). */
	read(value: unknown): K | undefined;
	/** Negative when a comes first, 0 when they are the same position, positive otherwise. */
	compare(a: K, b: K): number;
}

const byNumber = (a: number, b: number) => a - b;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A JSON number (finite). Text is not read: use it for values the service sends as numbers. */
export const finiteNumber: KeyType<number> = {
	read: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined),
	compare: byNumber,
};

/** A whole number within the safe range, sent as a number or as plain decimal digits. */
export const safeInteger: KeyType<number> = {
	read(value) {
		if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
		if (typeof value === 'string' && /^(0|[1-9][0-9]{0,14})$/.test(value)) return Number(value);
		return undefined;
	},
	compare: byNumber,
};

/** Opaque text IDs (1 to `maxLength` characters, kept as they are), ordered by code unit. */
export function textId(maxLength = 200): KeyType<string> {
	return {
		read: (value) => (typeof value === 'string' && value.length > 0 && value.length <= maxLength ? value : undefined),
		compare: byText,
	};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUIDs, read in lower case (UUIDs are case-insensitive, so one ID has one form). */
export const uuid: KeyType<string> = {
	read: (value) => (typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined),
	compare: byText,
};

// ---------------------------------------------------------------- RFC 3339 with nanoseconds

const RFC3339 =
	/^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$/;
const NANOS_PER_SECOND = BigInt(1_000_000_000);
const pad = (value: number, width: number) => String(value).padStart(width, '0');

interface Instant {
	/** Whole seconds since 1970-01-01T00:00:00Z (UTC). */
	seconds: number;
	/** Nanoseconds within the second, as 9 digits. */
	fraction: string;
}

function parseInstant(value: unknown): Instant | undefined {
	if (typeof value !== 'string' || value.length > 40) return undefined;
	const match = RFC3339.exec(value);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
	// Seconds 60 (leap seconds) are refused: services written in Go (Mixin's) never send them.
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // e.g. 02-30
	date.setUTCHours(hour, minute, second, 0);
	let seconds = date.getTime() / 1000;
	if (match[9]) {
		const [offsetHours, offsetMinutes] = [Number(match[10]), Number(match[11])];
		if (offsetHours > 23 || offsetMinutes > 59) return undefined;
		seconds -= (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60;
	}
	const utcYear = new Date(seconds * 1000).getUTCFullYear();
	if (utcYear < 0 || utcYear > 9999) return undefined;
	return { seconds, fraction: (match[7] ?? '').padEnd(9, '0') };
}

function formatInstant({ seconds, fraction }: Instant): string {
	const date = new Date(seconds * 1000);
	return (
		`${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
		`T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${fraction}Z`
	);
}

/**
 * An RFC 3339 time in its canonical form: UTC, `Z`, nine fraction digits
 * (`2020-12-12T12:12:12.999999999Z`). Canonical forms of years 0000-9999 have a fixed width, so
 * they compare as text in time order, to the nanosecond (a JS number or Date holds only
 * milliseconds). Undefined when the value is not a valid RFC 3339 time.
 */
export function canonicalRfc3339Nano(value: unknown): string | undefined {
	const instant = parseInstant(value);
	return instant && formatInstant(instant);
}

/** Nanoseconds since 1970-01-01T00:00:00Z as a BigInt; undefined when not a valid RFC 3339 time. */
export function rfc3339ToNanoseconds(value: unknown): bigint | undefined {
	const instant = parseInstant(value);
	return instant && BigInt(instant.seconds) * NANOS_PER_SECOND + BigInt(instant.fraction);
}

/** The canonical RFC 3339 text of nanoseconds since 1970-01-01T00:00:00Z. */
export function nanosecondsToRfc3339(nanoseconds: bigint): string {
	let seconds = nanoseconds / NANOS_PER_SECOND;
	let rest = nanoseconds % NANOS_PER_SECOND;
	if (rest < BigInt(0)) {
		rest += NANOS_PER_SECOND;
		seconds -= BigInt(1);
	}
	return formatInstant({ seconds: Number(seconds), fraction: rest.toString().padStart(9, '0') });
}

/** Compares two RFC 3339 times to the nanosecond; throws when either is not one. */
export function compareRfc3339Nano(a: string, b: string): number {
	const [left, right] = [canonicalRfc3339Nano(a), canonicalRfc3339Nano(b)];
	if (left === undefined || right === undefined) throw new Error(`Not an RFC 3339 time: ${left === undefined ? a : b}`);
	return byText(left, right);
}

/**
 * RFC 3339 times with up to nanosecond precision, read into their canonical form (so stored
 * cursors are canonical and compare as text). Any offset is converted to UTC.
 */
export const rfc3339Nano: KeyType<string> = {
	read: canonicalRfc3339Nano,
	compare: byText,
};

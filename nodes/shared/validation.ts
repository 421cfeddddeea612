import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';
import { z } from 'zod';

/**
 * One strict rule for every value a user types or an expression yields, in every node.
 *
 * | class      | accepted                                                        | sent                        |
 * |------------|-----------------------------------------------------------------|-----------------------------|
 * | decimal    | ASCII digits, optionally one dot with digits on BOTH sides      | the text as typed (trimmed) |
 * |            | (`0.5`, `5`, `5.0`); JS numbers that convert exactly            | shortest plain form         |
 * | integer ID | ASCII digits without leading zeros; safe integer numbers        | the number                  |
 * | UUID       | 8-4-4-4-12 ASCII hex                                            | lower case                  |
 * | symbol     | printable ASCII matching the field's pattern, checked BEFORE    | upper case when the field   |
 * |            | any case change                                                 | says so                     |
 * | timestamp  | ISO 8601 date or date-time, or Unix time in the field's unit    | milliseconds (the caller    |
 * |            | (digits only)                                                   | converts)                   |
 * | text       | bounded length, no control characters                           | trimmed text                |
 *
 * Refused everywhere: `.5` and `5.` (write `0.5` and `5`), a leading `+`, exponents (`1e3`), hex,
 * binary and octal forms (`0x10`, `0b101`, `0o7`), leading zeros (`007`, which some parsers read as
 * octal), whitespace inside a value, non-ASCII digits and look-alikes (`１`, `٣`, `ſ`, `ß`, ligatures),
 * `NaN`, `Infinity`, `-0`, values longer than the field's bound, and objects, arrays or null where
 * a value is required. Whitespace around a value (ASCII space, tab, line breaks) is trimmed.
 */

// ---------------------------------------------------------------------------------------------
// Reporting

/**
 * Parses node input with a zod schema. On failure it throws a NodeOperationError whose message
 * names the field (by its label in the editor) and what is wrong with it, so the user can fix it
 * before anything is sent to the service.
 */
export function validateInput<T extends z.ZodTypeAny>(
	node: INode,
	schema: T,
	input: unknown,
	itemIndex: number,
	labels: Record<string, string> = {},
): z.infer<T> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => describeIssue(issue, labels));
	throw new NodeOperationError(node, problems[0], {
		itemIndex,
		description:
			problems.length > 1
				? `All problems found: ${problems.join('; ')}. Nothing was sent.`
				: 'Nothing was sent.',
	});
}

function describeIssue(issue: z.ZodIssue, labels: Record<string, string>): string {
	const path = issue.path.join('.');
	const label = labels[path] ?? labels[String(issue.path[0] ?? '')] ?? (path || 'Input');
	return `${label}: ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------
// Common pieces

/** Longest text any field accepts unless it states its own bound. */
export const DEFAULT_MAX_TEXT = 1000;
/** Longest numeric text looked at; anything longer is refused before any other check. */
const MAX_NUMERIC_TEXT = 200;

const ASCII_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** Trims ASCII whitespace only: a no-break or other Unicode space stays and is then refused. */
export function trimAscii(value: string): string {
	return value.replace(ASCII_SPACE, '');
}

type Check<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = (message: string): Check<never> => ({ ok: false, message });

/**
 * A zod schema from a strict parser; undefined, null and '' report "is required". Issues are fatal,
 * so a `.refine` chained on the field never runs on a refused value.
 */
function strictField<T>(parse: (value: unknown) => Check<T>) {
	return z.unknown().transform((value, ctx): T => {
		if (value === undefined || value === null || (typeof value === 'string' && trimAscii(value) === '')) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is required', fatal: true });
			return z.NEVER;
		}
		const result = parse(value);
		if (!result.ok) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message, fatal: true });
			return z.NEVER;
		}
		return result.value;
	});
}

/** Describes a value's kind for messages, without echoing it (it may be huge or secret). */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'empty (null)';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Makes any field optional: undefined, null, '' and whitespace mean "not given" (undefined).
 * Anything else must pass the field's rule.
 */
export function optional<T extends z.ZodTypeAny>(schema: T) {
	return z.preprocess(
		(value) => (value === undefined || value === null || (typeof value === 'string' && trimAscii(value) === '') ? undefined : value),
		schema.optional(),
	) as unknown as z.ZodType<z.infer<T> | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Decimals

export interface DecimalOptions {
	/** Kept for older callers: `false` allows zero and negatives (same as allowZero + allowNegative). */
	positive?: boolean;
	/** Accept 0 (default: refused). */
	allowZero?: boolean;
	/** Accept a leading '-' (default: refused). `-0` is always refused. */
	allowNegative?: boolean;
	/** Most digits after the dot (default 18). */
	maxDecimals?: number;
	/** Most digits before the dot (default 40). */
	maxDigits?: number;
	/** Largest accepted value, as decimal text, compared as text (e.g. '0.0007'). */
	max?: string;
	/** Example in messages (default 0.5). */
	example?: string;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Checks decimal text by the one rule; returns the text as sent (trimmed). */
export function parseDecimal(value: unknown, options: DecimalOptions = {}): Check<string> {
	const allowNegative = options.allowNegative ?? options.positive === false;
	const allowZero = options.allowZero ?? options.positive === false;
	const maxDecimals = options.maxDecimals ?? 18;
	const maxDigits = options.maxDigits ?? 40;
	const example = options.example ?? '0.5';
	let text: string;
	if (typeof value === 'number') {
		const converted = exactNumberText(value);
		if (!converted.ok) return converted;
		text = converted.value;
	} else if (typeof value === 'string') {
		text = trimAscii(value);
	} else {
		return fail(`must be a number such as ${example}, not ${kindOf(value)}`);
	}
	if (text.length > MAX_NUMERIC_TEXT) return fail(`is too long (at most ${maxDigits} digits before the dot and ${maxDecimals} after)`);
	if (/^-?\.\d+$/.test(text) || /^-?\d+\.$/.test(text)) {
		return fail(`must have digits on both sides of the dot, such as 0.5`);
	}
	const match = DECIMAL_TEXT.exec(text);
	// One message for every other form ('+1', '1e3', '0x10', '１', ' 1 2'): what is accepted.
	if (!match) return fail(`must be a number such as ${example} (digits and one dot)`);
	const [, sign, whole, fraction = ''] = match;
	if (whole.length > 1 && whole.startsWith('0')) return fail(`must be written without leading zeros, e.g. 7 instead of 07`);
	if (whole.length > maxDigits) return fail(`has too many digits (at most ${maxDigits} before the dot)`);
	if (fraction.length > maxDecimals) return fail(`has too many decimals (at most ${maxDecimals} after the dot)`);
	const isZero = /^0*$/.test(whole + fraction);
	if (sign && isZero) return fail('must not be -0 (write 0)');
	if (sign && !allowNegative) return fail(allowZero ? 'must not be negative' : 'must be greater than zero');
	if (isZero && !allowZero) return fail(allowNegative ? 'must not be zero' : 'must be greater than zero');
	if (options.max !== undefined && compareDecimals(text, options.max) > 0) return fail(`must be at most ${options.max}`);
	return ok(text);
}

/**
 * A JavaScript number as decimal text, only when that is exact: finite, not -0, at most 15
 * significant digits (beyond that the number is rarely what was typed; 1e21 has one, 2 ** 60 has
 * nineteen). 1e-7 becomes "0.0000001"; 0.1 + 0.2 (0.30000000000000004) is refused.
 */
function exactNumberText(value: number): Check<string> {
	if (!Number.isFinite(value)) return fail('must be a finite number (not NaN or Infinity)');
	if (Object.is(value, -0)) return fail('must not be -0 (write 0)');
	const text = numberToPlainString(value);
	const significant = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
	if (significant.length > 15) {
		return fail('is a number that cannot be represented exactly; give it as text, e.g. "0.30000000000000001"');
	}
	return ok(text);
}

/** Removes a sign from zero, leading zeros and trailing fraction zeros: "007.500" → "7.5". */
export function normalizeDecimal(value: string): string {
	const match = DECIMAL_TEXT.exec(trimAscii(value));
	if (!match) throw new Error('normalizeDecimal needs a plain decimal');
	const [, sign, wholeRaw, fractionRaw = ''] = match;
	const whole = wholeRaw.replace(/^0+(?=\d)/, '');
	const fraction = fractionRaw.replace(/0+$/, '');
	const body = fraction ? `${whole}.${fraction}` : whole;
	return sign && body !== '0' ? `-${body}` : body;
}

/** Compares two plain decimals as text: -1, 0 or 1. Never goes through floats. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
	const x = normalizeDecimal(a);
	const y = normalizeDecimal(b);
	const xNegative = x.startsWith('-');
	const yNegative = y.startsWith('-');
	if (xNegative !== yNegative) return xNegative ? -1 : 1;
	const magnitude = compareMagnitudes(x.replace('-', ''), y.replace('-', ''));
	if (magnitude === 0) return 0;
	return (xNegative ? -magnitude : magnitude) as -1 | 1;
}

function compareMagnitudes(a: string, b: string): -1 | 0 | 1 {
	const [aWhole, aFraction = ''] = a.split('.');
	const [bWhole, bFraction = ''] = b.split('.');
	if (aWhole.length !== bWhole.length) return aWhole.length < bWhole.length ? -1 : 1;
	if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
	const length = Math.max(aFraction.length, bFraction.length);
	const aPadded = aFraction.padEnd(length, '0');
	const bPadded = bFraction.padEnd(length, '0');
	if (aPadded === bPadded) return 0;
	return aPadded < bPadded ? -1 : 1;
}

/** True when value ≤ cap, compared as decimal text. */
export function decimalAtMost(value: string, cap: string): boolean {
	return compareDecimals(value, cap) <= 0;
}

/** 1e-7 → "0.0000001": the plain decimal form of a JavaScript number, without exponent. */
export function numberToPlainString(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	const text = String(value);
	if (!/e/i.test(text)) return text;
	const [mantissa, exponentText] = text.toLowerCase().split('e');
	const exponent = parseInt(exponentText, 10);
	const negative = mantissa.startsWith('-');
	const [whole, fraction = ''] = mantissa.replace('-', '').split('.');
	const digits = whole + fraction;
	const point = whole.length + exponent;
	let result: string;
	if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
	else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
	else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
	return negative ? `-${result}` : result;
}

// ---------------------------------------------------------------------------------------------
// Integers and IDs

export interface IntegerOptions {
	/** Smallest value (default 1 for IDs). */
	min?: number;
	/** Largest value (default Number.MAX_SAFE_INTEGER). */
	max?: number;
	/** What the value is, for messages: "an order ID". */
	what?: string;
}

export function parseInteger(value: unknown, options: IntegerOptions = {}): Check<number> {
	const min = options.min ?? 1;
	const max = options.max ?? Number.MAX_SAFE_INTEGER;
	const what = options.what ?? 'a whole number';
	const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
	let number: number;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return fail(`must be ${what} (not NaN or Infinity)`);
		if (Object.is(value, -0)) return fail(`must be ${what} (not -0)`);
		if (!Number.isInteger(value)) return fail('must be a whole number (no decimals)');
		if (!Number.isSafeInteger(value)) return fail('is too large');
		number = value;
	} else if (typeof value === 'string') {
		const text = trimAscii(value);
		if (text.length > 20) return fail(`must be ${what} (too many digits)`);
		if (/^-?0[xbo]/i.test(text)) return fail(`must be ${what} (plain digits; hex, binary and octal forms are not accepted)`);
		if (/^-?\d+\.\d+$/.test(text)) return fail('must be a whole number (no decimals)');
		if (!/^-?\d+$/.test(text)) return fail(`must be ${what}`);
		if (/^-?0\d/.test(text)) return fail(`must be ${what} (no leading zeros)`);
		if (text === '-0') return fail(`must be ${what} (not -0)`);
		number = parseInt(text, 10);
		if (!Number.isSafeInteger(number)) return fail('is too large');
	} else {
		return fail(`must be ${what}, not ${kindOf(value)}`);
	}
	// A caller's `what` states the range in its own words ("a product ID (a whole number above zero)").
	if (number < min || number > max) return fail(options.what ? `must be ${what}` : `must be ${range}`);
	return ok(number);
}

// ---------------------------------------------------------------------------------------------
// Symbols, UUIDs, text, timestamps

export interface SymbolOptions {
	/** Pattern the typed text must match (tested on the text as typed, before any case change). */
	pattern: RegExp;
	/** Example for messages, e.g. "USDT/AUD". */
	example: string;
	/** Upper-case after validation (the text is pure ASCII by then, so no ſ → S or ß → SS). */
	upperCase?: boolean;
	/** Longest accepted text (default 40). */
	max?: number;
	/** Message when the pattern does not match (default "must look like <example>"). */
	message?: string;
}

export function parseSymbol(value: unknown, options: SymbolOptions): Check<string> {
	if (typeof value !== 'string') return fail(`must be text such as ${options.example}, not ${kindOf(value)}`);
	const text = trimAscii(value);
	if (text.length > (options.max ?? 40)) return fail(`is too long (at most ${options.max ?? 40} characters), e.g. ${options.example}`);
	const message = options.message ?? `must look like ${options.example}`;
	if (!/^[\x21-\x7e]+$/.test(text)) return fail(message);
	if (!options.pattern.test(text)) return fail(message);
	return ok(options.upperCase ? text.toUpperCase() : text);
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function parseUuid(value: unknown): Check<string> {
	if (typeof value !== 'string') return fail(`must be a UUID such as 123e4567-e89b-42d3-a456-426614174000, not ${kindOf(value)}`);
	const text = trimAscii(value);
	if (!UUID.test(text)) return fail('must be a UUID such as 123e4567-e89b-42d3-a456-426614174000');
	return ok(text.toLowerCase());
}

export interface TextOptions {
	/** Longest accepted text after trimming (default 1000). */
	max?: number;
	/** Optional pattern for the trimmed text, with its description ("letters, digits and -"). */
	pattern?: RegExp;
	patternMessage?: string;
	/** Allow line breaks and tabs (default: no control characters at all). */
	multiline?: boolean;
}

export function parseText(value: unknown, options: TextOptions = {}): Check<string> {
	const max = options.max ?? DEFAULT_MAX_TEXT;
	if (typeof value === 'number') {
		// A number from an expression becomes its decimal text, only when that text is exact.
		const converted = exactNumberText(value);
		if (!converted.ok) return converted;
		value = converted.value;
	}
	if (typeof value !== 'string') return fail(`must be text, not ${kindOf(value)}`);
	const text = trimAscii(value);
	if (text.length > max) return fail(`is too long (at most ${max} characters)`);
	// eslint-disable-next-line no-control-regex
	const control = options.multiline ? /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/ : /[\x00-\x1f\x7f]/;
	if (control.test(text)) return fail('must not contain control characters');
	if (options.pattern && !options.pattern.test(text)) return fail(options.patternMessage ?? 'has an invalid form');
	return ok(text);
}

export type TimeUnit = 'seconds' | 'milliseconds';

/** Latest accepted time: 9999-12-31T23:59:59.999Z. */
const MAX_TIME_MS = 253402300799999;
/** Below this, a Unix time in milliseconds is before 1973-03-03: nearly always seconds given by mistake. */
const MIN_PLAUSIBLE_MS = 100_000_000_000;

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * A point in time: an ISO 8601 date (UTC midnight) or date-time, or a Unix time in the field's
 * unit, in digits only. Returns milliseconds since 1970 (the caller converts to what the API takes).
 * INFERRED: a date-time without a zone is read as UTC (never as the server's local time), and a
 * Unix time that only makes sense in the other unit is refused rather than guessed.
 */
export function parseTimestamp(value: unknown, unit: TimeUnit, message?: string): Check<number> {
	const factor = unit === 'seconds' ? 1000 : 1;
	// "Since: must be a date or a Unix time in seconds": the unit is named unless the field says it.
	const expected = message ?? `a date or a Unix time in ${unit}`;
	if (value instanceof Date || isDateObject(value)) {
		// A JS Date, or a Luxon DateTime as n8n expressions give ({{ $now }}).
		const ms = value instanceof Date ? value.getTime() : value.toMillis();
		return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIME_MS ? ok(ms) : fail(`must be ${expected}`);
	}
	let digits: string | undefined;
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value < 0 || Object.is(value, -0)) return fail(`must be ${expected} (a whole number of ${unit})`);
		digits = String(value);
	} else if (typeof value === 'string') {
		const text = trimAscii(value);
		if (text.length > 40) return fail(`must be ${expected}`);
		if (/^\d+$/.test(text)) digits = text;
		else {
			const match = ISO.exec(text);
			if (!match) return fail(`must be ${expected}`);
			return isoToMs(match, expected);
		}
	} else {
		return fail(`must be ${expected}, not ${kindOf(value)}`);
	}
	if (digits.length > 1 && digits.startsWith('0')) return fail(`must be ${expected} (no leading zeros)`);
	const ms = parseInt(digits, 10) * factor;
	if (!Number.isSafeInteger(ms) || ms > MAX_TIME_MS) {
		return fail(
			unit === 'seconds'
				? `is too large for Unix seconds (milliseconds such as 1700000000000 must be divided by 1000)`
				: `is too large for Unix milliseconds`,
		);
	}
	if (unit === 'milliseconds' && ms !== 0 && ms < MIN_PLAUSIBLE_MS) {
		return fail('is Unix milliseconds: this value is before 1973 (Unix seconds such as 1700000000 need three more zeros)');
	}
	return ok(ms);
}

function isDateObject(value: unknown): value is { toMillis(): unknown } {
	return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}

function isoToMs(match: RegExpExecArray, expected: string): Check<number> {
	const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
	const ms = fraction ? Math.floor(parseInt(fraction.padEnd(3, '0').slice(0, 3), 10)) : 0;
	const utc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, ms);
	const check = new Date(utc);
	if (
		check.getUTCFullYear() !== +year ||
		check.getUTCMonth() !== +month - 1 ||
		check.getUTCDate() !== +day ||
		check.getUTCHours() !== +hour ||
		check.getUTCMinutes() !== +minute ||
		check.getUTCSeconds() !== +second
	) {
		return fail(`must be ${expected} (that date does not exist)`);
	}
	let offsetMinutes = 0;
	if (zone.toUpperCase() !== 'Z') {
		const [h, m] = zone.slice(1).split(':');
		if (+h > 23 || +m > 59) return fail(`must be ${expected} (bad time zone offset)`);
		offsetMinutes = (+h * 60 + +m) * (zone.startsWith('-') ? -1 : 1);
	}
	const result = utc - offsetMinutes * 60_000;
	if (result < 0 || result > MAX_TIME_MS) return fail(`must be ${expected} (from 1970 to 9999)`);
	return ok(result);
}

/** Milliseconds → whole Unix seconds (rounded down). */
export function msToSeconds(ms: number): number {
	return Math.floor(ms / 1000);
}

// ---------------------------------------------------------------------------------------------
// JSON and lists

const INVALID_JSON = Symbol('invalid JSON');

/** Splits "a, b,,c" or ['a','b'] into ['a','b','c']; empty input gives []. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Most entries a list field takes, and the longest text of the whole list. */
export const MAX_LIST_ITEMS = 100;
const MAX_LIST_TEXT = 10_000;

/**
 * A comma-separated list ("a, b,,c") or an array of texts/numbers from an expression, each entry
 * checked by `entry`. Objects, nested lists, over-long text and more than `maxItems` are refused.
 */
export function list<T extends z.ZodTypeAny>(entry: T, maxItems = MAX_LIST_ITEMS) {
	return z
		.unknown()
		.superRefine((value, ctx) => {
			const bad = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
			if (value === undefined || value === null || typeof value === 'string') {
				if (typeof value === 'string' && value.length > MAX_LIST_TEXT) bad(`is too long (at most ${MAX_LIST_TEXT} characters)`);
				return;
			}
			if (!Array.isArray(value)) return bad(`must be a comma-separated list, not ${kindOf(value)}`);
			if (value.some((part) => typeof part !== 'string' && !(typeof part === 'number' && Number.isFinite(part)))) {
				bad('must be a list of texts or numbers');
			}
		})
		.transform((value) => toList(value))
		.pipe(z.array(entry).max(maxItems, `must have at most ${maxItems} entries`));
}

// ---------------------------------------------------------------------------------------------
// The fields

/** Field schemas shared by every service. Messages complete "<Field>: …". */
export const fields = {
	/** A decimal amount kept as text end to end (see the rule at the top of this file). */
	decimal: (options: DecimalOptions = {}) => strictField((value) => parseDecimal(value, options)),

	/** A whole-number ID (default 1 to Number.MAX_SAFE_INTEGER), sent as a number. */
	integerId: (options: IntegerOptions = {}) => strictField((value) => parseInteger(value, options)),

	/** A whole number in a range (default min 0). */
	wholeNumber: (options: IntegerOptions = {}) => strictField((value) => parseInteger(value, { min: 0, ...options })),

	/** A UUID, returned in lower case. */
	uuid: () => strictField(parseUuid),

	/** A symbol or currency code: ASCII checked before any case change. */
	symbol: (options: SymbolOptions) => strictField((value) => parseSymbol(value, options)),

	/**
	 * An ISO date-time or a Unix time in the stated unit; returns milliseconds. `message` completes
	 * "must be …" (default "a date or a Unix time in <unit>").
	 */
	timestamp: (options: { unit: TimeUnit; message?: string }) =>
		strictField((value) => parseTimestamp(value, options.unit, options.message)),

	/** Bounded text. */
	text: (options: TextOptions = {}) => strictField((value) => parseText(value, options)),

	/** Non-empty bounded text (kept for older callers; `what` is an example). */
	nonEmptyString: (what = 'a value', max = DEFAULT_MAX_TEXT) =>
		strictField((value) => {
			if (typeof value !== 'string') return fail(`must be text, e.g. ${what}`);
			return parseText(value, { max });
		}),

	/** A whole number given as number or digit text (kept for older callers; any sign allowed). */
	integer: (options: IntegerOptions = {}) =>
		strictField((value) => parseInteger(value, { min: Number.MIN_SAFE_INTEGER, ...options })),

	/** Kept for older callers: same rule as `decimal`. */
	decimalString: (options: DecimalOptions = {}) => fields.decimal({ ...options, positive: options.positive ?? false }),

	/** A JSON object given as an object or as JSON text (at most `maxLength` characters of text). */
	jsonObject: (maxLength = 100_000) =>
		z.preprocess(
			(value) => {
				if (typeof value !== 'string') return value;
				if (trimAscii(value) === '') return undefined;
				if (value.length > maxLength) return INVALID_JSON;
				try {
					return JSON.parse(value);
				} catch {
					return INVALID_JSON;
				}
			},
			z.custom<Record<string, unknown>>(
				(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
				'must be a JSON object such as {"key": "value"}',
			),
		),
};

/**
 * Return All and Limit of a list operation, read and checked before anything is sent: Limit must
 * be a whole number from 1 to `max` (an expression giving "0x10" or "1e3" is refused).
 */
export function readReturnAllAndLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { max?: number; defaultLimit?: number } = {},
): { returnAll: boolean; limit: number } {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false);
	if (typeof returnAll !== 'boolean') {
		throw new NodeOperationError(context.getNode(), 'Return All: must be true or false', {
			itemIndex,
			description: 'Nothing was sent.',
		});
	}
	if (returnAll) return { returnAll, limit: 0 };
	const limit = validateInput(
		context.getNode(),
		z.object({ limit: fields.wholeNumber({ min: 1, max: options.max }) }),
		{ limit: context.getNodeParameter('limit', itemIndex, options.defaultLimit ?? 50) },
		itemIndex,
		{ limit: 'Limit' },
	).limit;
	return { returnAll, limit };
}

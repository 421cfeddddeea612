import { NodeOperationError, type INode } from 'n8n-workflow';
import { z } from 'zod';

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

/** Field schemas shared by several services. Messages complete "<Field>: …". */
export const fields = {
	nonEmptyString: (what = 'a value') =>
		z
			.string({ invalid_type_error: `must be text, e.g. ${what}`, required_error: 'is required' })
			.trim()
			.min(1, 'is required'),

	/** A whole number given as number or numeric text (expressions often yield text). */
	integer: () =>
		z.preprocess(
			(value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
			z
				.number({ invalid_type_error: 'must be a whole number', required_error: 'is required' })
				.int('must be a whole number (no decimals)')
				.refine(Number.isSafeInteger, 'is too large'),
		),

	/**
	 * A decimal amount kept as a string end to end, so no float rounding can change it.
	 * Accepts numbers too (converted with their shortest exact representation).
	 */
	decimalString: (options: { positive?: boolean; allowZero?: boolean } = {}) =>
		z
			.union([z.string(), z.number()], {
				invalid_type_error: 'must be a number such as 0.5',
				required_error: 'is required',
			})
			.transform((value) => (typeof value === 'number' ? numberToPlainString(value) : value.trim()))
			.refine((value) => value !== '', 'is required')
			.refine((value) => DECIMAL.test(value), 'must be a number such as 0.5 (digits and one dot)')
			.refine(
				(value) => !options.positive || !DECIMAL.test(value) || isPositive(value, options.allowZero),
				options.allowZero ? 'must not be negative' : 'must be greater than zero',
			),

	/** A JSON object given as an object or as JSON text. */
	jsonObject: () =>
		z.preprocess(
			(value) => {
				if (typeof value !== 'string') return value;
				if (value.trim() === '') return undefined;
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

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;
const INVALID_JSON = Symbol('invalid JSON');

function isPositive(value: string, allowZero = false): boolean {
	if (value.startsWith('-')) return allowZero && /^-0*\.?0*$/.test(value);
	return allowZero || /[1-9]/.test(value);
}

/** 1e-7 → "0.0000001": the plain decimal form of a JavaScript number, without exponent. */
export function numberToPlainString(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	const text = String(value);
	if (!/e/i.test(text)) return text;
	const [mantissa, exponentText] = text.toLowerCase().split('e');
	const exponent = Number(exponentText);
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

/** Splits "a, b,,c" or ['a','b'] into ['a','b','c']; empty input gives []. */
export function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

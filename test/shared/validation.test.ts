import { NodeOperationError, type INode } from 'n8n-workflow';
import { z } from 'zod';

import { collectPages, applyLimit } from '../../nodes/shared/pagination';
import {
	compareDecimals,
	decimalAtMost,
	fields,
	normalizeDecimal,
	numberToPlainString,
	optional,
	parseDecimal,
	parseInteger,
	toList,
	validateInput,
} from '../../nodes/shared/validation';

const node: INode = {
	id: '1',
	name: 'Test',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('validateInput', () => {
	const schema = z.object({ amount: fields.decimalString({ positive: true }), note: fields.nonEmptyString() });

	it('returns parsed values', () => {
		expect(validateInput(node, schema, { amount: 0.1, note: ' hi ' }, 0)).toEqual({ amount: '0.1', note: 'hi' });
	});

	it('names the field by its label and lists every problem', () => {
		let caught: unknown;
		try {
			validateInput(node, schema, { amount: 'abc', note: '' }, 3, { amount: 'Amount', note: 'Note' });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(NodeOperationError);
		const error = caught as NodeOperationError;
		expect(error.message).toBe('Amount: must be a number such as 0.5 (digits and one dot)');
		expect(error.description).toBe(
			'All problems found: Amount: must be a number such as 0.5 (digits and one dot); Note: is required. Nothing was sent.',
		);
		expect(error.context.itemIndex).toBe(3);
	});
});

describe('fields.decimalString', () => {
	const positive = fields.decimalString({ positive: true });
	const nonNegative = fields.decimalString({ positive: true, allowZero: true });
	const any = fields.decimalString();

	it.each([
		['0.00000001', '0.00000001'],
		['  12.5 ', '12.5'],
		[1e-7, '0.0000001'],
		['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
	])('keeps %p as the string %p', (input, expected) => {
		expect(positive.parse(input)).toBe(expected);
	});

	// '.5' and '5.' are refused since the one decimal rule (digits on both sides of the dot).
	it.each(['0', '0.000', '-1', '-0.5', 'abc', '1e5', '1,5', '', '1.2.3', 'NaN', '.5', '5.'])('rejects %p as a positive amount', (input) => {
		expect(positive.safeParse(input).success).toBe(false);
	});

	it('allows zero only when asked, and negatives only without "positive"', () => {
		expect(nonNegative.parse('0')).toBe('0');
		expect(nonNegative.safeParse('-1').success).toBe(false);
		expect(any.parse('-1.5')).toBe('-1.5');
	});
});

describe('fields.integer and fields.jsonObject', () => {
	it('accepts whole numbers given as text, refuses fractions and unsafe integers', () => {
		expect(fields.integer().parse('42')).toBe(42);
		expect(fields.integer().parse(-7)).toBe(-7);
		expect(fields.integer().safeParse(1.5).success).toBe(false);
		expect(fields.integer().safeParse('1e400').success).toBe(false);
		expect(fields.integer().safeParse(2 ** 60).success).toBe(false);
	});

	it('parses JSON text into objects and refuses arrays, scalars and broken JSON', () => {
		expect(fields.jsonObject().parse('{"a":1}')).toEqual({ a: 1 });
		expect(fields.jsonObject().parse({ b: 2 })).toEqual({ b: 2 });
		for (const bad of ['[1]', '"x"', '{oops', 3]) expect(fields.jsonObject().safeParse(bad).success).toBe(false);
	});
});

describe('numberToPlainString and toList', () => {
	it.each([
		[1e-7, '0.0000001'],
		[1.5e-10, '0.00000000015'],
		[-2.5e-8, '-0.000000025'],
		[1e21, '1000000000000000000000'],
		[123.456, '123.456'],
	])('%p → %p', (value, text) => expect(numberToPlainString(value)).toBe(text));

	it('splits comma lists and arrays', () => {
		expect(toList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
		expect(toList(['x', ' y '])).toEqual(['x', 'y']);
		expect(toList('')).toEqual([]);
		expect(toList(undefined)).toEqual([]);
	});
});

describe('collectPages', () => {
	const pages = [[1, 2, 3], [4, 5, 6], [7]];
	const fetchPage = jest.fn(async (cursor: number | undefined) => {
		const page = cursor ?? 0;
		return { items: pages[page], next: page + 1 < pages.length ? page + 1 : undefined };
	});

	beforeEach(() => fetchPage.mockClear());

	it('follows every page with Return All', async () => {
		expect(await collectPages(fetchPage, { returnAll: true, limit: 0 })).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(fetchPage).toHaveBeenCalledTimes(3);
	});

	it('stops as soon as Limit is reached and tells the fetcher how many are still wanted', async () => {
		expect(await collectPages(fetchPage, { returnAll: false, limit: 4 })).toEqual([1, 2, 3, 4]);
		expect(fetchPage.mock.calls).toEqual([
			[undefined, 4],
			[1, 1],
		]);
	});

	it('stops on an empty page even if a next cursor is given', async () => {
		const endless = jest.fn(async () => ({ items: [] as number[], next: 1 }));
		expect(await collectPages(endless, { returnAll: true, limit: 0 })).toEqual([]);
		expect(endless).toHaveBeenCalledTimes(1);
	});

	it('applyLimit slices only without Return All', () => {
		expect(applyLimit([1, 2, 3], false, 2)).toEqual([1, 2]);
		expect(applyLimit([1, 2, 3], true, 2)).toEqual([1, 2, 3]);
	});
});

/** Every hostile form of the one rule, for every field class. */
describe('the one rule for amounts, IDs, symbols and times', () => {
	const HUGE = '9'.repeat(100_000);
	const HOSTILE_NUMERIC: unknown[] = [
		'0x10', '0X10', '0b101', '0o7', '1e400', '1e3', '1E3', '+1', '1 000', '１', '٣', '1٣', 'ß', 'ſ', 'ﬀ', '١.٥',
		HUGE, `0.${HUGE}`, 'NaN', 'Infinity', '-Infinity', NaN, Infinity, -Infinity, -0, '-0', '',
		'\u00a01', '1\u00a0', '1\u2009', '\u200b1', '1,5', '1.2.3', 'abc', '--1', '1-', '0.5.', '.', '-',
		{}, { value: 1 }, [], [1], ['1'], null, undefined, true,
	];

	describe('fields.decimal', () => {
		const amount = fields.decimal();

		it.each(HOSTILE_NUMERIC.map((value) => [value]))('refuses %p', (value) => {
			expect(amount.safeParse(value).success).toBe(false);
		});

		it.each([
			['0.5', '0.5'],
			['5', '5'],
			['5.0', '5.0'],
			[' 12.5\t', '12.5'],
			['0.30000000000000001', '0.30000000000000001'],
			[0.25, '0.25'],
			[1e-7, '0.0000001'],
			[1e21, '1000000000000000000000'],
			['1'.repeat(40), '1'.repeat(40)],
			[`1.${'1'.repeat(18)}`, `1.${'1'.repeat(18)}`],
		])('accepts %p and sends %p', (value, sent) => {
			expect(amount.parse(value)).toBe(sent);
		});

		it('refuses .5 and 5. with the same message everywhere', () => {
			for (const value of ['.5', '5.', '-.5'])
				expect(parseDecimal(value, { allowNegative: true })).toEqual({
					ok: false,
					message: 'must have digits on both sides of the dot, such as 0.5',
				});
		});

		it('refuses leading zeros (octal-looking) but accepts 0.x', () => {
			expect(amount.safeParse('007').success).toBe(false);
			expect(amount.safeParse('00.5').success).toBe(false);
			expect(amount.parse('0.05')).toBe('0.05');
		});

		it('bounds digits on both sides', () => {
			expect(amount.safeParse('1'.repeat(41)).success).toBe(false);
			expect(amount.safeParse(`1.${'1'.repeat(19)}`).success).toBe(false);
			expect(fields.decimal({ maxDecimals: 2 }).safeParse('1.001').success).toBe(false);
			expect(fields.decimal({ maxDigits: 3 }).safeParse('1000').success).toBe(false);
			expect(amount.safeParse('1'.repeat(1000)).success).toBe(false);
		});

		it('refuses numbers that are not exact', () => {
			expect(amount.safeParse(0.1 + 0.2).success).toBe(false);
			expect(amount.safeParse(2 ** 60).success).toBe(false);
			expect(amount.safeParse(Number.MAX_VALUE).success).toBe(false);
		});

		it('signs: zero and negatives only when allowed, -0 never', () => {
			expect(amount.safeParse('0').success).toBe(false);
			expect(amount.safeParse('-1').success).toBe(false);
			expect(fields.decimal({ allowZero: true }).parse('0')).toBe('0');
			expect(fields.decimal({ allowZero: true }).safeParse('-1').success).toBe(false);
			expect(fields.decimal({ allowNegative: true }).parse('-1.5')).toBe('-1.5');
			expect(fields.decimal({ allowNegative: true }).safeParse('0').success).toBe(false);
			expect(fields.decimal({ allowNegative: true, allowZero: true }).safeParse('-0').success).toBe(false);
			expect(fields.decimal({ allowNegative: true, allowZero: true }).safeParse('-0.000').success).toBe(false);
		});

		it('a refine chained on a field never sees a refused value', () => {
			const capped = fields.decimal().refine((value) => decimalAtMost(value, '0.0007'), 'must be at most 0.0007');
			for (const value of ['', '0x10', {}, null]) {
				const result = capped.safeParse(value);
				expect(result.success).toBe(false);
				expect(result.error?.issues).toHaveLength(1);
			}
		});

		it('caps are compared as decimal text', () => {
			const rate = fields.decimal({ max: '0.0007' });
			expect(rate.parse('0.0007')).toBe('0.0007');
			expect(rate.parse('0.00070000')).toBe('0.00070000');
			expect(rate.safeParse('0.00070000000000001').success).toBe(false);
			// As floats these compare equal; as text the first is above the cap.
			const fine = fields.decimal({ max: '0.0007', maxDecimals: 30 });
			expect(Number('0.00070000000000000000001') <= 0.0007).toBe(true);
			expect(fine.safeParse('0.00070000000000000000001').success).toBe(false);
		});
	});

	describe('compareDecimals, normalizeDecimal, decimalAtMost', () => {
		it.each([
			['1', '2', -1],
			['2', '1', 1],
			['1.0', '1', 0],
			['10', '9.999', 1],
			['0.0007', '0.00070000000000001', -1],
			['-1', '1', -1],
			['-2', '-1', -1],
			['-0.5', '-0.50', 0],
			['123456789012345678901234567890.1', '123456789012345678901234567890.01', 1],
			['0', '-0', 0],
		])('compare(%p, %p) = %p', (a, b, expected) => {
			expect(compareDecimals(a as string, b as string)).toBe(expected);
		});

		it.each([
			['007.500', '7.5'],
			['0.000', '0'],
			['-0.0', '0'],
			['-01.10', '-1.1'],
			['5.0', '5'],
		])('normalize(%p) = %p', (value, expected) => expect(normalizeDecimal(value)).toBe(expected));

		it('decimalAtMost', () => {
			expect(decimalAtMost('0.0007', '0.0007')).toBe(true);
			expect(decimalAtMost('0.000700000000000000001', '0.0007')).toBe(false);
			expect(() => normalizeDecimal('0x10')).toThrow();
		});
	});

	describe('fields.integerId', () => {
		const id = fields.integerId();

		it.each([...HOSTILE_NUMERIC, '1.5', 1.5, '0', 0, '-1', -1, '010', '9007199254740993', 2 ** 60, '1.0'].map((value) => [value]))(
			'refuses %p',
			(value) => {
				expect(id.safeParse(value).success).toBe(false);
			},
		);

		it.each([
			['1', 1],
			[' 42 ', 42],
			[42, 42],
			['9007199254740991', 9007199254740991],
		])('accepts %p as %p', (value, sent) => expect(id.parse(value)).toBe(sent));

		it('range and what', () => {
			const level = fields.wholeNumber({ min: 0, max: 1000 });
			expect(level.parse('0')).toBe(0);
			expect(level.safeParse('1001').success).toBe(false);
			expect(parseInteger('0x10', { what: 'a product ID' })).toEqual({
				ok: false,
				message: 'must be a product ID (plain digits; hex, binary and octal forms are not accepted)',
			});
		});
	});

	describe('fields.symbol', () => {
		const pair = fields.symbol({ pattern: /^[A-Za-z0-9]{2,10}\/[A-Za-z0-9]{2,10}$/, example: 'USDT/AUD', upperCase: true });

		it('checks ASCII before the case change', () => {
			// 'uſdt'.toUpperCase() is 'USDT' and 'ß'.toUpperCase() is 'SS': both refused as typed.
			expect('uſdt/aud'.toUpperCase()).toBe('USDT/AUD');
			for (const value of ['uſdt/aud', 'ßtc/usd', 'ﬀ/aud', 'ＵＳＤＴ/AUD', 'usdt/aud\u200b', 'USDT /AUD', 'usdt\u2044aud'])
				expect(pair.safeParse(value).success).toBe(false);
			expect(pair.parse(' usdt/aud ')).toBe('USDT/AUD');
		});

		it.each(['', 'x'.repeat(100_000), 'USDTAUD', null, {}, ['USDT/AUD'], 5].map((value) => [value]))('refuses %p', (value) => {
			expect(pair.safeParse(value).success).toBe(false);
		});
	});

	describe('fields.uuid', () => {
		it('accepts ASCII hex UUIDs only', () => {
			expect(fields.uuid().parse('123E4567-E89B-42D3-A456-426614174000')).toBe('123e4567-e89b-42d3-a456-426614174000');
			for (const value of ['123e4567e89b42d3a456426614174000', '１23e4567-e89b-42d3-a456-426614174000', 'g23e4567-e89b-42d3-a456-426614174000', {}, 1])
				expect(fields.uuid().safeParse(value).success).toBe(false);
		});
	});

	describe('fields.timestamp', () => {
		const seconds = fields.timestamp({ unit: 'seconds' });
		const ms = fields.timestamp({ unit: 'milliseconds' });

		it('"1700000000" means seconds in a seconds field and is refused in a milliseconds field', () => {
			expect(seconds.parse('1700000000')).toBe(1_700_000_000_000);
			expect(ms.safeParse('1700000000').success).toBe(false);
			expect(ms.parse('1700000000000')).toBe(1_700_000_000_000);
			expect(seconds.safeParse('1700000000000').success).toBe(false);
			expect(seconds.parse(1700000000)).toBe(1_700_000_000_000);
		});

		it.each([
			['2023-11-14T22:13:20Z', 1_700_000_000_000],
			['2023-11-14T22:13:20.000Z', 1_700_000_000_000],
			['2023-11-14 22:13:20', 1_700_000_000_000],
			['2023-11-15T00:13:20+02:00', 1_700_000_000_000],
			['2023-11-14', Date.UTC(2023, 10, 14)],
		])('reads %p', (value, expected) => expect(seconds.parse(value)).toBe(expected));

		it.each(
			['yesterday', '2023-02-30', '2023-13-01', '1700000000.5', '+1700000000', '0x6553f100', '1.7e9', '１700000000', '٣', 'NaN', -1, 1.5, NaN, {}, [], null, '9'.repeat(100_000), '2023-11-14T25:00:00Z', '2023-11-14T22:13:20+24:00'].map(
				(value) => [value],
			),
		)('refuses %p', (value) => {
			expect(seconds.safeParse(value).success).toBe(false);
		});

		it('names the unit in the message', () => {
			expect(seconds.safeParse('soon').error?.issues[0].message).toBe('must be a date or a Unix time in seconds');
			expect(ms.safeParse('soon').error?.issues[0].message).toBe('must be a date or a Unix time in milliseconds');
		});
	});

	describe('fields.text and optional', () => {
		it('bounds length and refuses control characters and non-text', () => {
			const text = fields.text({ max: 10 });
			expect(text.parse(' hello ')).toBe('hello');
			for (const value of ['x'.repeat(11), 'a\u0000b', 'a\nb', {}, [], null, ''])
				expect(text.safeParse(value).success).toBe(false);
			expect(fields.text({ multiline: true }).parse('a\nb')).toBe('a\nb');
			expect(fields.nonEmptyString().safeParse('x'.repeat(100_000)).success).toBe(false);
		});

		it('optional: empty means not given, anything else follows the rule', () => {
			const field = optional(fields.decimal());
			expect(field.parse('')).toBeUndefined();
			expect(field.parse(null)).toBeUndefined();
			expect(field.parse(' ')).toBeUndefined();
			expect(field.parse('1.5')).toBe('1.5');
			expect(field.safeParse('0x10').success).toBe(false);
		});

		it('jsonObject refuses huge text', () => {
			expect(fields.jsonObject(100).safeParse(JSON.stringify({ a: 'x'.repeat(200) })).success).toBe(false);
		});
	});
});

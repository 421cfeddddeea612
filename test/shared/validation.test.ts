import { NodeOperationError, type INode } from 'n8n-workflow';
import { z } from 'zod';

import { collectPages, applyLimit } from '../../nodes/shared/pagination';
import { fields, numberToPlainString, toList, validateInput } from '../../nodes/shared/validation';

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
		['.5', '.5'],
		['5.', '5.'],
	])('keeps %p as the string %p', (input, expected) => {
		expect(positive.parse(input)).toBe(expected);
	});

	it.each(['0', '0.000', '-1', '-0.5', 'abc', '1e5', '1,5', '', '1.2.3', 'NaN'])('rejects %p as a positive amount', (input) => {
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

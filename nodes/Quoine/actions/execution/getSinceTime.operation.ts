import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { MAX_PAGE_SIZE, quoineRequest } from '../../transport';
import { locatorValue, productId, productLocator } from '../common';

const properties: INodeProperties[] = [
	productLocator('The product whose trades to get'),
	{
		displayName: 'Since',
		name: 'timestamp',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2018-06-15T00:00:00Z or 1529020800',
		description:
			'Return executions at or after this time: a date and time, or a Unix time in seconds (milliseconds are accepted too)',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: 50,
		description: 'Max number of results to return',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['execution'], operation: ['getSinceTime'] } },
	properties,
);

/** Unix seconds from a date text, Unix seconds or Unix milliseconds. */
export const unixSeconds = z.preprocess(
	(value) => {
		if (value instanceof Date) return Math.floor(value.getTime() / 1000);
		if (typeof value === 'string') {
			const text = value.trim();
			if (text === '') return undefined;
			if (/^\d+(\.\d+)?$/.test(text)) value = Number(text);
			else {
				const parsed = Date.parse(text);
				return Number.isFinite(parsed) ? Math.floor(parsed / 1000) : Number.NaN;
			}
		}
		// Values past year 33658 in seconds are milliseconds.
		if (typeof value === 'number' && value > 1e12) return Math.floor(value / 1000);
		return typeof value === 'number' ? Math.floor(value) : value;
	},
	z
		.number({ required_error: 'is required', invalid_type_error: 'must be a date or a Unix time in seconds' })
		.refine((value) => Number.isFinite(value) && value >= 0, 'must be a date or a Unix time in seconds'),
);

const schema = z.object({
	productId,
	timestamp: unixSeconds,
	limit: z.number().int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`),
});

/** Executions at or after a time, oldest first, as one plain list (spec §11.2). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			productId: locatorValue(this, 'productId', itemIndex),
			timestamp: this.getNodeParameter('timestamp', itemIndex),
			limit: this.getNodeParameter('limit', itemIndex),
		},
		itemIndex,
		{ productId: 'Product', timestamp: 'Since', limit: 'Limit' },
	);
	const body = await quoineRequest.call(
		this,
		{
			method: 'GET',
			path: '/executions',
			query: { product_id: input.productId, timestamp: input.timestamp, limit: input.limit },
			isPublic: true,
		},
		itemIndex,
	);
	return Array.isArray(body) ? (body as IDataObject[]) : [];
}

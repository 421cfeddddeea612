import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { expectList } from '../../../shared/errors';
import { fields, msToSeconds, validateInput } from '../../../shared/validation';
import { MAX_PAGE_SIZE, quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
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
			'Return executions at or after this time: an ISO date and time (UTC when no zone is given), or a Unix time in seconds (digits only)',
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

/**
 * Unix seconds from an ISO date-time or Unix seconds, as every node reads a Unix time. Milliseconds
 * are refused with a hint, never guessed (a value in milliseconds is past year 5000 in seconds).
 */
export const unixSeconds = fields.timestamp({ unit: 'seconds' }).transform(msToSeconds);

const schema = z.object({
	productId,
	timestamp: unixSeconds,
	limit: fields.wholeNumber({ min: 1, max: MAX_PAGE_SIZE }),
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
			...endpointRequest('execution.getSinceTime'),
			query: { product_id: input.productId, timestamp: input.timestamp, limit: input.limit },
		},
		itemIndex,
	);
	return expectList(this.getNode(), body, { service: 'Quoine', what: 'the executions are not a list', itemIndex });
}

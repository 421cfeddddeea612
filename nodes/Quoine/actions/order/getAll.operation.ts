import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { optional, validateInput } from '../../../shared/validation';
import { quoineGetPages } from '../../transport';
import { pagedRequest } from '../../transport/endpoints';
import { optionalCurrency, positiveId } from '../common';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Funding Currency',
				name: 'fundingCurrency',
				type: 'string',
				default: '',
				placeholder: 'USD',
				description: 'Only orders funded in this currency',
			},
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				default: '',
				placeholder: '5',
				description: 'Only orders for this product',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Filled', value: 'filled' },
					{ name: 'Live', value: 'live' },
					{ name: 'Partially Filled', value: 'partially_filled' },
				],
				default: 'live',
				description: 'Only orders with this status',
			},
			{
				displayName: 'With Details',
				name: 'withDetails',
				type: 'boolean',
				default: false,
				description: 'Whether to include the full order details and its executions',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	properties,
);

const schema = z.object({
	fundingCurrency: optionalCurrency,
	productId: optional(positiveId('a product ID')),
	status: z
		.enum(['live', 'filled', 'partially_filled', 'cancelled'], {
			errorMap: () => ({ message: 'must be live, filled, partially_filled or cancelled' }),
		})
		.optional(),
	withDetails: z.boolean().optional(),
});

/** get_orders (spec §11.4): filters in the SDK's order, `with_details=1` only when asked. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const input = validateInput(this.getNode(), schema, filters, itemIndex, {
		fundingCurrency: 'Funding Currency',
		productId: 'Product ID',
		status: 'Status',
		withDetails: 'With Details',
	});
	return await quoineGetPages.call(
		this,
		{
			...pagedRequest('order.getAll'),
			query: {
				funding_currency: input.fundingCurrency,
				product_id: input.productId,
				status: input.status,
				with_details: input.withDetails ? 1 : undefined,
			},
		},
		itemIndex,
	);
}

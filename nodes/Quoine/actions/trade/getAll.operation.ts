import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { validateInput } from '../../../shared/validation';
import { quoineGetPages } from '../../transport';
import { pagedRequest } from '../../transport/endpoints';
import { optionalCurrency } from '../common';

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
				description: 'Only trades funded in this currency',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
				default: 'open',
				description: 'Only trades with this status',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trade'], operation: ['getAll'] } },
	properties,
);

const schema = z.object({
	fundingCurrency: optionalCurrency,
	status: z.enum(['open', 'closed'], { errorMap: () => ({ message: 'must be open or closed' }) }).optional(),
});

/** get_trades: paginated (spec §11.8). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const input = validateInput(this.getNode(), schema, filters, itemIndex, {
		fundingCurrency: 'Funding Currency',
		status: 'Status',
	});
	return await quoineGetPages.call(
		this,
		{ ...pagedRequest('trade.getAll'), query: { funding_currency: input.fundingCurrency, status: input.status } },
		itemIndex,
	);
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { locatorValue, productId, productLocator } from '../common';

const properties: INodeProperties[] = [
	productLocator('The product whose order book to get'),
	{
		displayName: 'Full Order Book',
		name: 'full',
		type: 'boolean',
		default: false,
		description: 'Whether to return every price level instead of the top 20 on each side',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['getOrderBook'] } },
	properties,
);

const schema = z.object({ productId, full: z.boolean() });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ productId: locatorValue(this, 'productId', itemIndex), full: this.getNodeParameter('full', itemIndex, false) },
		itemIndex,
		{ productId: 'Product', full: 'Full Order Book' },
	);
	// `full` is always sent, as 1 or 0 (spec §11.1).
	return (await quoineRequest.call(
		this,
		{
			...endpointRequest('product.getOrderBook', { id: input.productId }),
			query: { full: input.full ? 1 : 0 },
		},
		itemIndex,
	)) as IDataObject;
}

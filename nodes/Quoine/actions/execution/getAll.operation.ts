import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { validateInput } from '../../../shared/validation';
import { quoineGetPages } from '../../transport';
import { pagedRequest } from '../../transport/endpoints';
import { locatorValue, productId, productLocator } from '../common';

const properties: INodeProperties[] = [
	productLocator('The product whose trades to get'),
	...returnAllOrLimit({}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['execution'], operation: ['getAll'] } },
	properties,
);

const schema = z.object({ productId });

/** Public executions (market trades), newest first, paginated (spec §11.2). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ productId: locatorValue(this, 'productId', itemIndex) },
		itemIndex,
		{ productId: 'Product' },
	);
	return await quoineGetPages.call(
		this,
		{ ...pagedRequest('execution.getAll'), query: { product_id: input.productId } },
		itemIndex,
	);
}

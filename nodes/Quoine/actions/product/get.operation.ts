import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { locatorValue, productId, productLocator } from '../common';

const properties: INodeProperties[] = [productLocator('The product to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['get'] } },
	properties,
);

const schema = z.object({ productId });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ productId: locatorValue(this, 'productId', itemIndex) },
		itemIndex,
		{ productId: 'Product' },
	);
	return (await quoineRequest.call(
		this,
		endpointRequest('product.get', { id: input.productId }),
		itemIndex,
	)) as IDataObject;
}

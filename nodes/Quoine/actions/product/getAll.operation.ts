import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { expectList } from '../../../shared/errors';
import { applyLimit } from '../../../shared/pagination';
import { readReturnAllAndLimit } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';

const properties: INodeProperties[] = [...returnAllOrLimit({})];

export const description = updateDisplayOptions(
	{ show: { resource: ['product'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllAndLimit(this, itemIndex);
	// The product list is not paginated: Limit is applied to the whole list.
	const products = await quoineRequest.call(this, endpointRequest('product.getAll'), itemIndex);
	const list = expectList(this.getNode(), products, { service: 'Quoine', what: 'the products are not a list', itemIndex });
	return applyLimit(list, returnAll, limit);
}

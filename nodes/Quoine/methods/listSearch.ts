import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { expectList } from '../../shared/errors';
import { quoineRequest } from '../transport';
import { endpointRequest } from '../transport/endpoints';

/** Products for the product picker, searchable by currency pair, code or name (GET /products). */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await quoineRequest.call(this, endpointRequest('product.getAll'));
	const products = expectList(this.getNode(), body, { service: 'Quoine', what: 'the products are not a list' });
	const needle = (filter ?? '').trim().toLowerCase().replace(/[\s/_-]/g, '');
	const results = products
		.filter((product) => {
			if (!needle) return true;
			return [product.currency_pair_code, product.code, product.name, product.id]
				.filter((value) => value !== undefined && value !== null)
				.some((value) => String(value).toLowerCase().replace(/[\s/_-]/g, '').includes(needle));
		})
		.map((product) => ({
			name: `${String(product.currency_pair_code ?? product.name ?? product.id)} (ID ${String(product.id)})`,
			value: String(product.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Product picker: a searchable list loaded from GET /products, or a product ID. */
export function productLocator(description = 'The product (currency pair) to use'): INodeProperties {
	return {
		displayName: 'Product',
		name: 'productId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a product…',
				typeOptions: { searchListMethod: 'searchProducts', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '5',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'The product ID is a whole number' },
					},
				],
			},
		],
	};
}

import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { quoineRequest } from '../transport';

/** Products for the product picker, searchable by currency pair, code or name (GET /products). */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await quoineRequest.call(this, { method: 'GET', path: '/products', isPublic: true });
	const products = Array.isArray(body) ? (body as IDataObject[]) : [];
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

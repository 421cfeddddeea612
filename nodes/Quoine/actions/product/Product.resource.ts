import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getOrderBook from './getOrderBook.operation';

export { get, getAll, getOrderBook };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a product', description: 'Get one product (currency pair) with its prices and fees' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many products', description: 'Get the products the exchange lists' },
			{ name: 'Get Order Book', value: 'getOrderBook', action: 'Get the order book of a product', description: 'Get the buy and sell price levels of a product' },
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...getOrderBook.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getMine from './getMine.operation';
import * as getSinceTime from './getSinceTime.operation';

export { getAll, getMine, getSinceTime };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['execution'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many executions of a product', description: 'Get the latest trades of a product, newest first' },
			{ name: 'Get Mine', value: 'getMine', action: 'Get my executions of a product', description: 'Get your own trades of a product, with your side' },
			{ name: 'Get Since Time', value: 'getSinceTime', action: 'Get executions since a time', description: 'Get the trades of a product at or after a time, oldest first' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...getMine.description,
	...getSinceTime.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loan'] } },
		options: [
			{ name: 'Get Many', value: 'getAll', action: 'Get many loans', description: 'Get your loans in a currency' },
			{ name: 'Update', value: 'update', action: 'Update a loan', description: 'Turn re-loaning of a loan on or off' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...update.description,
];

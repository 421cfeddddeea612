import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an asset', description: 'Get one asset of the wallet with its balance' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many assets',
				description: 'List the assets of the wallet that have a balance',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];

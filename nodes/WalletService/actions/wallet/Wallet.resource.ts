import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['wallet'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many wallets',
				description: 'Get wallet totals, optionally for some users or authorities only',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

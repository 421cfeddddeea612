import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many transactions',
				description: "List the wallet's snapshots (transfers in and out, deposits), filtered by time, asset or opponent",
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];

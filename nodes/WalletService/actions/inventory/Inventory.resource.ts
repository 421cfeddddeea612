import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as useItem from './useItem.operation';

export { getAll, useItem };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many inventory items',
				description: 'Get the items users own, filtered by entry, user, authority and used status',
			},
			{
				name: 'Use Item',
				value: 'useItem',
				action: 'Mark an item as used',
				description: 'Mark the item of an entry as used up',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...useItem.description,
];

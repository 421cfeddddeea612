import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entry'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an entry',
				description: 'Add value to or remove value from a user\'s wallet, optionally giving an item',
			},
		],
		default: 'create',
	},
	...create.description,
];

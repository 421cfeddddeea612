import type { INodeProperties } from 'n8n-workflow';

import * as confirm from './confirm.operation';
import * as create from './create.operation';
import * as get from './get.operation';

export { confirm, create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['quote'] } },
		options: [
			{
				name: 'Confirm',
				value: 'confirm',
				action: 'Confirm a quote',
				description: 'Confirm a quote and get the order; a retry never confirms twice',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a quote',
				description: 'Ask for a price to buy or sell; the quote expires unless confirmed',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a quote',
				description: 'Get a quote and its status (available, completed or expired)',
			},
		],
		default: 'create',
	},
	...confirm.description,
	...create.description,
	...get.description,
];

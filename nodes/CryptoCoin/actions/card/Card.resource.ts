import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';

export { add, deleteOperation, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a card',
				description: 'Add a card to the user; a retry after a lost answer is not sent again',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a card',
				description: 'Remove a card of the user by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many cards',
				description: 'List the cards of the user',
			},
		],
		default: 'add',
	},
	...add.description,
	...deleteOperation.description,
	...getAll.description,
];

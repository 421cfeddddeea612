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
		displayOptions: { show: { resource: ['wallet'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a wallet',
				description: 'Add a wallet to the user; a retry after a lost answer is not sent again',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a wallet',
				description: 'Remove a wallet of the user by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many wallets',
				description: 'List the wallets of the user',
			},
		],
		default: 'add',
	},
	...add.description,
	...deleteOperation.description,
	...getAll.description,
];

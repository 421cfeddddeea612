import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as verify from './verify.operation';

export { add, verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phone'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a phone number',
				description: 'Add a phone number to the user; CryptoCoin.pro sends an SMS code',
			},
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify a phone number',
				description: 'Confirm the phone number with the SMS code',
			},
		],
		default: 'add',
	},
	...add.description,
	...verify.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as confirmPayment from './confirmPayment.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { confirmPayment, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Confirm Payment',
				value: 'confirmPayment',
				action: 'Confirm the payment of an order',
				description: 'Send the proof of a bank payment (file or JSON) for a Buy With Fiat order',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description: 'Get an order, its status and its card payment URL',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description: 'List the orders of the user, optionally by status',
			},
		],
		default: 'get',
	},
	...confirmPayment.description,
	...get.description,
	...getAll.description,
];

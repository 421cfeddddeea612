import type { INodeProperties } from 'n8n-workflow';

import * as close from './close.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { close, create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['loanBid'] } },
		options: [
			{ name: 'Close', value: 'close', action: 'Close a loan bid', description: 'Withdraw a live loan bid' },
			{ name: 'Create', value: 'create', action: 'Create a loan bid', description: 'Offer funds for margin lending at a daily rate' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many loan bids', description: 'Get your loan bids in a currency' },
		],
		default: 'create',
	},
	...close.description,
	...create.description,
	...getAll.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as getLadder from './getLadder.operation';

export { getLadder };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['interestRate'] } },
		options: [
			{
				name: 'Get Ladder',
				value: 'getLadder',
				action: 'Get the interest rate ladder',
				description: 'Get the lending bids and asks (rate and amount) of a currency',
			},
		],
		default: 'getLadder',
	},
	...getLadder.description,
];

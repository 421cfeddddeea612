import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify a payment',
				description: 'Check whether a payment (recipient, asset, amount, trace ID) is pending or paid',
			},
		],
		default: 'verify',
	},
	...verify.description,
];

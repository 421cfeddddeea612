import type { INodeProperties } from 'n8n-workflow';

import * as checkHealth from './checkHealth.operation';

export { checkHealth };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['service'] } },
		options: [
			{
				name: 'Check Health',
				value: 'checkHealth',
				action: 'Check service health',
				description: 'Check that the wallet service is running and speaks a compatible API version',
			},
		],
		default: 'checkHealth',
	},
	...checkHealth.description,
];

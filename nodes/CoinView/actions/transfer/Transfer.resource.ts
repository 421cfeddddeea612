import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getByTraceId from './getByTraceId.operation';

export { create, getByTraceId };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transfer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a transfer',
				description: 'Send an asset to a Mixin user; a retry cannot pay twice',
			},
			{
				name: 'Get by Trace ID',
				value: 'getByTraceId',
				action: 'Get a transfer by trace ID',
				description: 'Look up a transfer by the trace ID it was made with',
			},
		],
		default: 'create',
	},
	...create.description,
	...getByTraceId.description,
];

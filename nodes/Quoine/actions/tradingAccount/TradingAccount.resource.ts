import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateLeverage from './updateLeverage.operation';

export { get, getAll, updateLeverage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tradingAccount'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a trading account', description: 'Get one margin trading account' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many trading accounts', description: 'Get every margin trading account' },
			{ name: 'Update Leverage', value: 'updateLeverage', action: 'Update the leverage level of a trading account', description: 'Change the leverage level allowed on a trading account (Quoinex only)' },
		],
		default: 'getAll',
	},
	...get.description,
	...updateLeverage.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as createLimit from './createLimit.operation';
import * as createMargin from './createMargin.operation';
import * as createMarket from './createMarket.operation';
import * as createMarketWithRange from './createMarketWithRange.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTrades from './getTrades.operation';
import * as update from './update.operation';

export { cancel, createLimit, createMargin, createMarket, createMarketWithRange, get, getAll, getTrades, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel an order', description: 'Cancel a live order' },
			{ name: 'Create Limit Order', value: 'createLimit', action: 'Create a limit order', description: 'Buy or sell at a given price or better' },
			{ name: 'Create Margin Order', value: 'createMargin', action: 'Create a margin order', description: 'Open a leveraged position (Quoinex only)' },
			{ name: 'Create Market Order', value: 'createMarket', action: 'Create a market order', description: 'Buy or sell at the best price available now' },
			{ name: 'Create Market Order With Range', value: 'createMarketWithRange', action: 'Create a market order with a price range', description: 'Buy or sell at the market price within a slippage range' },
			{ name: 'Get', value: 'get', action: 'Get an order', description: 'Get an order with its executions' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many orders', description: 'Get orders, filtered by product, funding currency and status' },
			{ name: 'Get Trades', value: 'getTrades', action: 'Get the trades of an order', description: 'Get the margin trades of an order' },
			{ name: 'Update', value: 'update', action: 'Update an order', description: 'Change the quantity or price of a live order' },
		],
		default: 'createLimit',
	},
	...cancel.description,
	...createLimit.description,
	...createMargin.description,
	...createMarket.description,
	...createMarketWithRange.description,
	...get.description,
	...getAll.description,
	...getTrades.description,
	...update.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as close from './close.operation';
import * as closeAll from './closeAll.operation';
import * as getAll from './getAll.operation';
import * as getLoans from './getLoans.operation';
import * as update from './update.operation';

export { close, closeAll, getAll, getLoans, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trade'] } },
		options: [
			{ name: 'Close', value: 'close', action: 'Close a trade', description: 'Close a margin trade, wholly or in part' },
			{ name: 'Close All', value: 'closeAll', action: 'Close all trades', description: 'Close every open margin trade, or those of one side' },
			{ name: 'Get Loans', value: 'getLoans', action: 'Get the loans of a trade', description: 'Get the loans that fund a margin trade' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many trades', description: 'Get margin trades, filtered by funding currency and status' },
			{ name: 'Update', value: 'update', action: 'Update a trade', description: 'Set the stop-loss and take-profit prices of a trade' },
		],
		default: 'getAll',
	},
	...close.description,
	...closeAll.description,
	...getAll.description,
	...getLoans.description,
	...update.description,
];

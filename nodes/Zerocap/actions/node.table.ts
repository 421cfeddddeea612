import { defineOperationTable } from '../../shared/operationTable';
import * as orderCreate from './order/create.operation';
import * as orderGet from './order/get.operation';
import * as orderGetAll from './order/getAll.operation';

/** Every resource and operation of the node: its pickers, router and subtitle are built from here. */
export const zerocapTable = defineOperationTable({
	default: 'order',
	resources: {
		order: {
			name: 'Order',
			default: 'create',
			operations: {
				create: {
					name: 'Create',
					action: 'Create an order',
					description: 'Place a market or limit order; a retry cannot place it twice',
					module: orderCreate,
					write: true,
				},
				get: {
					name: 'Get',
					action: 'Get an order',
					description: 'Get an order by its ID',
					module: orderGet,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many orders',
					description: 'List orders, filtered by symbol, time, status, side, type or IDs',
					module: orderGetAll,
				},
			},
		},
	},
});

import { defineOperationTable } from '../../shared/operationTable';
import * as assetGet from './asset/get.operation';
import * as assetGetAll from './asset/getAll.operation';
import * as paymentVerify from './payment/verify.operation';
import * as transactionGetAll from './transaction/getAll.operation';
import * as transferCreate from './transfer/create.operation';
import * as transferGetByTraceId from './transfer/getByTraceId.operation';
import * as userGet from './user/get.operation';

/** Every resource and operation of the node: its pickers, router and subtitle are built from here. */
export const coinViewTable = defineOperationTable({
	default: 'asset',
	resources: {
		asset: {
			name: 'Asset',
			default: 'getAll',
			operations: {
				get: {
					name: 'Get',
					action: 'Get an asset',
					description: 'Get one asset of the wallet with its balance',
					module: assetGet,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many assets',
					description: 'List the assets of the wallet that have a balance',
					module: assetGetAll,
				},
			},
		},
		payment: {
			name: 'Payment',
			default: 'verify',
			operations: {
				verify: {
					name: 'Verify',
					action: 'Verify a payment',
					description: 'Check whether a payment (recipient, asset, amount, trace ID) is pending or paid',
					module: paymentVerify,
				},
			},
		},
		transaction: {
			name: 'Transaction',
			default: 'getAll',
			operations: {
				getAll: {
					name: 'Get Many',
					action: 'Get many transactions',
					description: 'List the wallet\'s snapshots (transfers in and out, deposits), filtered by time, asset or opponent',
					module: transactionGetAll,
				},
			},
		},
		transfer: {
			name: 'Transfer',
			default: 'create',
			operations: {
				create: {
					name: 'Create',
					action: 'Create a transfer',
					description: 'Send an asset to a Mixin user; a retry cannot pay twice',
					module: transferCreate,
					write: true,
				},
				getByTraceId: {
					name: 'Get by Trace ID',
					action: 'Get a transfer by trace ID',
					description: 'Look up a transfer by the trace ID it was made with',
					module: transferGetByTraceId,
				},
			},
		},
		user: {
			name: 'User',
			default: 'get',
			operations: {
				get: {
					name: 'Get',
					action: 'Get a user',
					description: 'Get the public profile of a Mixin user by ID',
					module: userGet,
				},
			},
		},
	},
});

import { defineOperationTable } from '../../shared/operationTable';
import * as createEntry from './entry/create.operation';
import * as getAllInventory from './inventory/getAll.operation';
import * as useItem from './inventory/useItem.operation';
import * as checkHealth from './service/checkHealth.operation';
import * as getAllWallets from './wallet/getAll.operation';

/** Every resource and operation of the Wallet Service node: pickers, router and subtitle come from here. */
export const walletServiceTable = defineOperationTable({
	default: 'entry',
	resources: {
		entry: {
			name: 'Entry',
			default: 'create',
			operations: {
				create: {
					name: 'Create',
					action: 'Create an entry',
					description: "Add value to or remove value from a user's wallet, optionally giving an item",
					module: createEntry,
					write: true,
				},
			},
		},
		inventory: {
			name: 'Inventory',
			default: 'getAll',
			operations: {
				getAll: {
					name: 'Get Many',
					action: 'Get many inventory items',
					description: 'Get the items users own, filtered by entry, user, authority and used status',
					module: getAllInventory,
				},
				useItem: {
					name: 'Use Item',
					action: 'Mark an item as used',
					description: 'Mark the item of an entry as used up',
					module: useItem,
					write: true,
				},
			},
		},
		service: {
			name: 'Service',
			default: 'checkHealth',
			operations: {
				checkHealth: {
					name: 'Check Health',
					action: 'Check service health',
					description: 'Check that the wallet service is running and speaks a compatible API version',
					module: checkHealth,
				},
			},
		},
		wallet: {
			name: 'Wallet',
			default: 'getAll',
			operations: {
				getAll: {
					name: 'Get Many',
					action: 'Get many wallets',
					description: 'Get wallet totals, optionally for some users or authorities only',
					module: getAllWallets,
				},
			},
		},
	},
});

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as entry from './actions/entry/Entry.resource';
import * as inventory from './actions/inventory/Inventory.resource';
import { DEFAULT_CONCURRENCY, router, WRITE_OPERATIONS } from './actions/router';
import { concurrencyProperty } from '../shared/descriptions';
import * as service from './actions/service/Service.resource';
import * as wallet from './actions/wallet/Wallet.resource';

export class WalletService implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wallet Service',
		name: 'walletService',
		icon: { light: 'file:walletService.svg', dark: 'file:walletService.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"entry:create":"Create Entry","inventory:getAll":"Get Many Inventory Items","inventory:useItem":"Mark Item as Used","service:checkHealth":"Check Service Health","wallet:getAll":"Get Many Wallets"}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		description:
			'Credit and debit user wallets and manage their items on a self-hosted wallet service',
		defaults: { name: 'Wallet Service' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'walletServiceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Entry', value: 'entry' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Service', value: 'service' },
					{ name: 'Wallet', value: 'wallet' },
				],
				default: 'entry',
			},
			...entry.description,
			...inventory.description,
			...service.description,
			...wallet.description,			concurrencyProperty(DEFAULT_CONCURRENCY, '', { hide: { operation: WRITE_OPERATIONS } }),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

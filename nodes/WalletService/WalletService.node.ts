import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { walletServiceTable } from './actions/node.table';
import { DEFAULT_CONCURRENCY, router, WRITE_OPERATIONS } from './actions/router';
import { concurrencyProperty } from '../shared/descriptions';
import { nodeProperties, operationSubtitle } from '../shared/operationTable';

export class WalletService implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wallet Service',
		name: 'walletService',
		icon: { light: 'file:walletService.svg', dark: 'file:walletService.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(walletServiceTable),
		description:
			'Credit and debit user wallets and manage their items on a self-hosted wallet service',
		defaults: { name: 'Wallet Service' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'walletServiceApi', required: true }],
		properties: [
			...nodeProperties(walletServiceTable),
			concurrencyProperty(DEFAULT_CONCURRENCY, '', { hide: { operation: WRITE_OPERATIONS } }),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

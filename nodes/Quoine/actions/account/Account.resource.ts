import type { INodeProperties } from 'n8n-workflow';

import * as createFiatAccount from './createFiatAccount.operation';
import * as getBalances from './getBalances.operation';
import * as getCryptoAccounts from './getCryptoAccounts.operation';
import * as getFiatAccounts from './getFiatAccounts.operation';
import * as getMainAsset from './getMainAsset.operation';

export { createFiatAccount, getBalances, getCryptoAccounts, getFiatAccounts, getMainAsset };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Create Fiat Account', value: 'createFiatAccount', action: 'Create a fiat account', description: 'Open an account in a fiat currency' },
			{ name: 'Get Balances', value: 'getBalances', action: 'Get account balances', description: 'Get the balance of every currency' },
			{ name: 'Get Crypto Accounts', value: 'getCryptoAccounts', action: 'Get crypto accounts', description: 'Get the crypto currency accounts with their deposit addresses' },
			{ name: 'Get Fiat Accounts', value: 'getFiatAccounts', action: 'Get fiat accounts', description: 'Get the fiat currency accounts' },
			{ name: 'Get Main Asset', value: 'getMainAsset', action: 'Get the main asset', description: 'Get the total value of the account in its main currency' },
		],
		default: 'getBalances',
	},
	...createFiatAccount.description,
];

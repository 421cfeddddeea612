import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as asset from './actions/asset/Asset.resource';
import * as payment from './actions/payment/Payment.resource';
import { router } from './actions/router';
import * as transaction from './actions/transaction/Transaction.resource';
import * as transfer from './actions/transfer/Transfer.resource';
import * as user from './actions/user/User.resource';
import { searchAssets } from './methods/listSearch';

export class CoinView implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CoinView',
		name: 'coinView',
		icon: { light: 'file:coinView.svg', dark: 'file:coinView.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"asset:get": "Get Asset", "asset:getAll": "Get Many Assets", "transaction:getAll": "Get Many Transactions", "transfer:create": "Create Transfer", "transfer:getByTraceId": "Get Transfer by Trace ID", "user:get": "Get User", "payment:verify": "Verify Payment"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Read assets and transactions, send transfers that pay once and verify payments of a CoinView (Mixin Network) wallet',
		defaults: { name: 'CoinView' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coinViewApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Asset', value: 'asset' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Transaction', value: 'transaction' },
					{ name: 'Transfer', value: 'transfer' },
					{ name: 'User', value: 'user' },
				],
				default: 'asset',
			},
			...asset.description,
			...payment.description,
			...transaction.description,
			...transfer.description,
			...user.description,
		],
	};

	methods = { listSearch: { searchAssets } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

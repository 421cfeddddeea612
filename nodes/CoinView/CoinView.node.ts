import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { coinViewTable } from './actions/node.table';
import { nodeProperties, operationSubtitle } from '../shared/operationTable';
import { DEFAULT_CONCURRENCY, router, WRITE_OPERATIONS } from './actions/router';
import { concurrencyProperty } from '../shared/descriptions';
import { searchAssets } from './methods/listSearch';

export class CoinView implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CoinView',
		name: 'coinView',
		icon: { light: 'file:coinView.svg', dark: 'file:coinView.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(coinViewTable),
		description: 'Read assets and transactions, send transfers that pay once and verify payments of a CoinView (Mixin Network) wallet',
		defaults: { name: 'CoinView' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coinViewApi', required: true }],
		properties: [
			...nodeProperties(coinViewTable),
			concurrencyProperty(DEFAULT_CONCURRENCY, '', { hide: { operation: WRITE_OPERATIONS } }),
		],
	};

	methods = { listSearch: { searchAssets } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

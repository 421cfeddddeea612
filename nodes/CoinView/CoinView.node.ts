import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { coinViewTable } from './actions/node.table';
import { nodeProperties, operationSubtitle } from '../shared/operationTable';
import { router } from './actions/router';
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
		],
	};

	methods = { listSearch: { searchAssets } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { zerocapTable } from './actions/node.table';
import { nodeProperties, operationSubtitle } from '../shared/operationTable';
import { DEFAULT_CONCURRENCY, router, WRITE_OPERATIONS } from './actions/router';
import { concurrencyProperty } from '../shared/descriptions';

export class Zerocap implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zerocap',
		name: 'zerocap',
		icon: { light: 'file:zerocap.svg', dark: 'file:zerocap.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(zerocapTable),
		description: 'Place and look up orders on the Zerocap DMA API',
		defaults: { name: 'Zerocap' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zerocapApi', required: true }],
		properties: [
			...nodeProperties(zerocapTable),
			concurrencyProperty(DEFAULT_CONCURRENCY, '', { hide: { operation: WRITE_OPERATIONS } }),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { cryptoCoinTable } from './actions/node.table';
import { nodeProperties, operationSubtitle } from '../shared/operationTable';
import { concurrencyProperty } from '../shared/descriptions';
import { DEFAULT_CONCURRENCY, router } from './actions/router';

export class CryptoCoin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CryptoCoin',
		name: 'cryptoCoin',
		icon: { light: 'file:cryptoCoin.svg', dark: 'file:cryptoCoin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(cryptoCoinTable),
		description:
			'Onboard users, verify them, add payment methods, quote, confirm and pay orders, and submit KYC on CryptoCoin.pro',
		defaults: { name: 'CryptoCoin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cryptoCoinApi', required: true }],
		properties: [
			...nodeProperties(cryptoCoinTable),
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [concurrencyProperty(DEFAULT_CONCURRENCY, 'Applies to reads (Get, Get Many, Get Profile, Get Status)')],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

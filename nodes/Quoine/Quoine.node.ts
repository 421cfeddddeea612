import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { quoineTable } from './actions/node.table';
import { nodeProperties, operationSubtitle } from '../shared/operationTable';
import { DEFAULT_CONCURRENCY, router } from './actions/router';
import { concurrencyProperty } from '../shared/descriptions';
import { searchProducts } from './methods/listSearch';

export class Quoine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Quoine',
		name: 'quoine',
		icon: { light: 'file:quoine.svg', dark: 'file:quoine.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(quoineTable),
		description:
			'Trade spot and margin, lend and read market data on Quoinex, Qryptos and Liquid (Quoine API v2)',
		defaults: { name: 'Quoine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'quoineApi', required: true }],
		properties: [
			...nodeProperties(quoineTable),
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						...concurrencyProperty(
							DEFAULT_CONCURRENCY,
							'Applies to public reads (products, order books, public executions, interest rates); signed calls carry increasing nonces and run one at a time.',
						),
					},
					{
						displayName: 'Max Rate-Limit Wait (Seconds)',
						name: 'maxRateLimitWait',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Longest total time to wait for the request budget or after an HTTP 429 (too many requests) answer before failing',
					},
					{
						displayName: 'Requests per 5 Minutes',
						name: 'requestsPerWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Request budget of the API token; requests are paced to stay within it. Quoine allows 300, Liquid 600. 0 turns pacing off.',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchProducts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollOutput } from '../shared/polling';
import { productLocator, searchProducts } from './methods/listSearch';
import { runPoll } from './trigger/poll';

export class QuoineTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Quoine Trigger',
		name: 'quoineTrigger',
		icon: { light: 'file:quoine.svg', dark: 'file:quoine.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"newOwnExecution": "New Own Execution", "newPublicExecution": "New Public Execution", "orderStatusChanged": "Order Status Changed"}[$parameter["event"]] }}',
		description:
			'Starts the workflow on new public or own executions and on order status changes on Quoinex, Qryptos and Liquid (polling)',
		defaults: { name: 'Quoine Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'quoineApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'New Own Execution',
						value: 'newOwnExecution',
						description: 'One of my orders traded on the product (GET /executions/me)',
					},
					{
						name: 'New Public Execution',
						value: 'newPublicExecution',
						description: 'A trade happened on the product (GET /executions, oldest first)',
					},
					{
						name: 'Order Status Changed',
						value: 'orderStatusChanged',
						description: 'One of my orders became filled, partially filled or cancelled (GET /orders)',
					},
				],
				default: 'newPublicExecution',
			},
			{
				...productLocator('The product (currency pair) to watch'),
				displayOptions: { show: { event: ['newOwnExecution', 'newPublicExecution'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['orderStatusChanged'] } },
				options: [
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'string',
						default: '',
						placeholder: '5',
						description: 'Only orders of this product (its numeric ID). Empty watches every product.',
					},
					{
						displayName: 'Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: [
							{ name: 'Cancelled', value: 'cancelled' },
							{ name: 'Filled', value: 'filled' },
							{ name: 'Partially Filled', value: 'partially_filled' },
						],
						default: [],
						description: 'Only changes to these statuses. None chosen means all three.',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Last N Items',
						name: 'includeLast',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 1000 },
						default: 0,
						description:
							'On the first poll after activation, also output this many of the most recent items. With 0 the trigger starts from now and outputs only what happens after activation.',
					},
					{
						displayName: 'Page Size',
						name: 'pageSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1000 },
						default: 1000,
						description:
							'Items asked for per request (the exchange serves at most 1000). Larger pages mean fewer requests against the limit of 300 per 5 minutes.',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchProducts } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOutput.call(this, await runPoll.call(this));
	}
}

import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { startTrigger } from './trigger/run';

export class ZerocapTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zerocap Trigger',
		name: 'zerocapTrigger',
		icon: { light: 'file:zerocap.svg', dark: 'file:zerocap.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"orderUpdated": "Order Updated", "priceLadder": "Price Ladder", "tradeExecuted": "Trade Executed"}[$parameter["event"]] }}',
		description: 'Starts a workflow on Zerocap order updates, trades or price ladders, streamed over WebSocket',
		defaults: { name: 'Zerocap Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zerocapApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'orderUpdated',
				options: [
					{
						name: 'Order Updated',
						value: 'orderUpdated',
						description: 'An order of the account was created or changed (channel dma_order_info)',
					},
					{
						name: 'Price Ladder',
						value: 'priceLadder',
						description: 'New bids and asks for a symbol (channel dma_ladder_price_&lt;symbol&gt;)',
					},
					{
						name: 'Trade Executed',
						value: 'tradeExecuted',
						description: 'An order of the account traded (channel dma_trade_info)',
					},
				],
			},
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				required: true,
				default: 'USDT/AUD',
				placeholder: 'e.g. USDT/AUD',
				description: 'The trading pair whose price ladder to follow',
				displayOptions: { show: { event: ['priceLadder'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['orderUpdated', 'tradeExecuted'] } },
				options: [
					{
						displayName: 'Side',
						name: 'side',
						type: 'options',
						default: '',
						options: [
							{ name: 'Any', value: '' },
							{ name: 'Buy', value: 'buy' },
							{ name: 'Sell', value: 'sell' },
						],
					},
					{
						displayName: 'Status',
						name: 'statuses',
						type: 'multiOptions',
						default: [],
						description: 'Only updates that leave the order in one of these states (none selected = all)',
						displayOptions: { show: { '/event': ['orderUpdated'] } },
						options: [
							{ name: 'Canceled', value: 'canceled' },
							{ name: 'Closed', value: 'closed' },
							{ name: 'Open', value: 'open' },
							{ name: 'Rejected', value: 'rejected' },
						],
					},
					{
						displayName: 'Symbol',
						name: 'symbol',
						type: 'string',
						default: '',
						placeholder: 'e.g. USDT/AUD',
						description: 'Only events of this trading pair',
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
						displayName: 'Back-Fill Look-Back (Ms)',
						name: 'backfillLookback',
						type: 'number',
						default: 5000,
						typeOptions: { minValue: 0 },
						description:
							'After a reconnect, missed updates are listed from this long before the last update seen, to allow for clock differences',
						displayOptions: { show: { '/event': ['orderUpdated'] } },
					},
					{
						displayName: 'Back-Fill Missed Updates',
						name: 'backfill',
						type: 'boolean',
						default: true,
						description:
							'Whether to list the orders updated while the connection was down (over REST) after each reconnect, so no update is lost',
						displayOptions: { show: { '/event': ['orderUpdated'] } },
					},
					{
						displayName: 'Max Failed Attempts',
						name: 'maxFailedAttempts',
						type: 'number',
						default: 10,
						typeOptions: { minValue: 1 },
						description:
							'Connection attempts in a row that may fail before the trigger reports an error (and n8n runs the error workflow)',
					},
					{
						displayName: 'Max Reconnect Delay (Ms)',
						name: 'maxReconnectDelay',
						type: 'number',
						default: 30000,
						typeOptions: { minValue: 1 },
						description: 'The longest wait between reconnection attempts',
					},
					{
						displayName: 'Minimum Interval (Ms)',
						name: 'minInterval',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0 },
						description:
							'At most one price ladder per this many milliseconds; a newer ladder replaces one that is waiting. 0 emits every ladder.',
						displayOptions: { show: { '/event': ['priceLadder'] } },
					},
					{
						displayName: 'Ping Interval (Ms)',
						name: 'pingInterval',
						type: 'number',
						default: 5000,
						typeOptions: { minValue: 0 },
						description: 'How often to send the keep-alive ping (0 = never)',
					},
					{
						displayName: 'Reconnect Delay (Ms)',
						name: 'reconnectDelay',
						type: 'number',
						default: 1000,
						typeOptions: { minValue: 1 },
						description:
							'The first wait before reconnecting; it doubles with every attempt (with random jitter) up to the maximum',
					},
				],
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startTrigger.call(this);
	}
}

import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollOutput } from '../shared/polling';
import { pollSnapshots } from './trigger/poll';

export class CoinViewTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CoinView Trigger',
		name: 'coinViewTrigger',
		icon: { light: 'file:coinView.svg', dark: 'file:coinView.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ {"incoming": "New Incoming Transfer", "outgoing": "New Outgoing Transfer", "all": "New Transfer"}[$parameter["direction"]] }}',
		description: 'Starts the workflow when a CoinView (Mixin Network) wallet receives or sends a transfer (polling)',
		defaults: { name: 'CoinView Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'coinViewApi', required: true }],
		properties: [
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				default: 'incoming',
				options: [
					{ name: 'Incoming', value: 'incoming', description: 'Snapshots with a positive amount (money received)' },
					{ name: 'Incoming and Outgoing', value: 'all', description: 'Every snapshot with an amount' },
					{ name: 'Outgoing', value: 'outgoing', description: 'Snapshots with a negative amount (money sent)' },
				],
			},
			{
				displayName: 'Asset ID',
				name: 'assetId',
				type: 'string',
				default: '',
				placeholder: '43d61dcd-e413-450d-80b8-101d5e903357',
				description: 'Only snapshots of this asset (UUID). Empty watches every asset.',
			},
			{
				displayName: 'Include Last N',
				name: 'includeLast',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 500 },
				default: 0,
				description:
					'On first activation the trigger starts from now. Set this to also emit the newest N matching snapshots once.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollOutput.call(this, await pollSnapshots.call(this));
	}
}

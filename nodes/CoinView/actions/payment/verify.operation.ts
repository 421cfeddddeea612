import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { verifyPayment } from '../../transport';
import { amount, assetLocator, locatorValue, uuid } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient ID',
		name: 'recipientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'a465ffdb-4441-4cb9-8b45-00cf79dfbc46',
		description: 'The Mixin user ID (UUID) the payment goes to',
	},
	assetLocator('The asset of the payment'),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.01',
		description: 'The amount of the payment in whole units of the asset, as decimal text: greater than 0, at most 8 decimals (e.g. 0.01)',
	},
	{
		displayName: 'Trace ID',
		name: 'traceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '7c67e8e8-b142-488b-80a3-61d4d29c90bf',
		description: 'The trace ID (UUID) that identifies the payment',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['verify'] } }, properties);

const schema = z.object({ recipientId: uuid(), asset: uuid(), amount: amount(), traceId: uuid() });

/** POST /payments: "pending" until a transfer with these fields and trace ID is made, then "paid". */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			recipientId: this.getNodeParameter('recipientId', itemIndex),
			asset: locatorValue(this.getNodeParameter('asset', itemIndex)),
			amount: this.getNodeParameter('amount', itemIndex),
			traceId: this.getNodeParameter('traceId', itemIndex),
		},
		itemIndex,
		{ recipientId: 'Recipient ID', asset: 'Asset', amount: 'Amount', traceId: 'Trace ID' },
	);
	return await verifyPayment.call(
		this,
		{ asset_id: input.asset, opponent_id: input.recipientId, amount: input.amount, trace_id: input.traceId },
		itemIndex,
	);
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { sendUnkeyedWrite, unkeyedWriteNotice } from '../../../shared/idempotency';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { idField, optionalDecimal, positiveId } from '../common';

const properties: INodeProperties[] = [
	idField('Trade ID', 'tradeId', '57896', 'ID of the margin trade'),
	{
		displayName: 'Closed Quantity',
		name: 'closedQuantity',
		type: 'string',
		default: '',
		placeholder: '0.01',
		description: 'Quantity to close, as a decimal number. Leave empty to close the whole trade.',
	},
	unkeyedWriteNotice('trade close', 'the trade and its closed quantity'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trade'], operation: ['close'] } },
	properties,
);

const schema = z.object({ tradeId: positiveId('a trade ID'), closedQuantity: optionalDecimal() });

/** close_trade: flat {"closed_quantity": …} or {} (spec §11.8). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			tradeId: this.getNodeParameter('tradeId', itemIndex),
			closedQuantity: this.getNodeParameter('closedQuantity', itemIndex, ''),
		},
		itemIndex,
		{ tradeId: 'Trade ID', closedQuantity: 'Closed Quantity' },
	);
	const body: IDataObject = input.closedQuantity === undefined ? {} : { closed_quantity: input.closedQuantity };
	// Closing part of a trade twice closes twice as much: a lost answer is never resent.
	return await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'trade close',
		check: `trade ${input.tradeId} (Trade → Get Many)`,
		send: async () =>
			(await quoineRequest.call(
				this,
				endpointRequest('trade.close', { id: input.tradeId }, body),
				itemIndex,
			)) as IDataObject,
	});
}

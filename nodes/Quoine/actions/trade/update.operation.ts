import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { idField, positiveId } from '../common';

const properties: INodeProperties[] = [
	idField('Trade ID', 'tradeId', '57896', 'ID of the margin trade'),
	{
		displayName: 'Stop Loss',
		name: 'stopLoss',
		type: 'string',
		required: true,
		default: '',
		placeholder: '9000',
		description: 'Stop-loss price, as a decimal number (0 for none)',
	},
	{
		displayName: 'Take Profit',
		name: 'takeProfit',
		type: 'string',
		required: true,
		default: '',
		placeholder: '11000',
		description: 'Take-profit price, as a decimal number (0 for none)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trade'], operation: ['update'] } },
	properties,
);

const schema = z.object({
	tradeId: positiveId('a trade ID'),
	stopLoss: fields.decimalString({ positive: true, allowZero: true }),
	takeProfit: fields.decimalString({ positive: true, allowZero: true }),
});

/** update_trade: {"trade": {stop_loss, take_profit}} (spec §11.8). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			tradeId: this.getNodeParameter('tradeId', itemIndex),
			stopLoss: this.getNodeParameter('stopLoss', itemIndex),
			takeProfit: this.getNodeParameter('takeProfit', itemIndex),
		},
		itemIndex,
		{ tradeId: 'Trade ID', stopLoss: 'Stop Loss', takeProfit: 'Take Profit' },
	);
	return (await quoineRequest.call(
		this,
		endpointRequest('trade.update', { id: input.tradeId }, { stop_loss: input.stopLoss, take_profit: input.takeProfit }),
		itemIndex,
	)) as IDataObject;
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { sendUnkeyedWrite, unkeyedWriteNotice } from '../../../shared/idempotency';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { idField, leverageLevel, positiveId } from '../common';

const properties: INodeProperties[] = [
	idField('Trading Account ID', 'tradingAccountId', '1759', 'ID of the trading account'),
	{
		displayName: 'Leverage Level',
		name: 'leverageLevel',
		type: 'options',
		options: [
			{ name: '10x', value: 10 },
			{ name: '25x', value: 25 },
			{ name: '2x', value: 2 },
			{ name: '4x', value: 4 },
			{ name: '5x', value: 5 },
		],
		default: 2,
		description: 'Leverage level to allow on this trading account',
	},
	unkeyedWriteNotice('leverage update', 'the leverage level of the trading account'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tradingAccount'], operation: ['updateLeverage'] } },
	properties,
);

const schema = z.object({ tradingAccountId: positiveId('a trading account ID'), leverageLevel });

/** update_leverage_level: {"trading_account": {"leverage_level": n}} (spec §11.7, Quoinex only). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			tradingAccountId: this.getNodeParameter('tradingAccountId', itemIndex),
			leverageLevel: this.getNodeParameter('leverageLevel', itemIndex),
		},
		itemIndex,
		{ tradingAccountId: 'Trading Account ID', leverageLevel: 'Leverage Level' },
	);
	return await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'leverage update',
		check: `the leverage level of trading account ${input.tradingAccountId} (Trading Account → Get)`,
		send: async () =>
			(await quoineRequest.call(
				this,
				endpointRequest('tradingAccount.updateLeverage', { id: input.tradingAccountId }, {
					leverage_level: input.leverageLevel,
				}),
				itemIndex,
			)) as IDataObject,
	});
}

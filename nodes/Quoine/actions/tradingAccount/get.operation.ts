import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { idField, positiveId } from '../common';

const properties: INodeProperties[] = [
	idField('Trading Account ID', 'tradingAccountId', '1759', 'ID of the trading account'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tradingAccount'], operation: ['get'] } },
	properties,
);

const schema = z.object({ tradingAccountId: positiveId('a trading account ID') });

/** get_trading_account (spec §11.7). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ tradingAccountId: this.getNodeParameter('tradingAccountId', itemIndex) },
		itemIndex,
		{ tradingAccountId: 'Trading Account ID' },
	);
	return (await quoineRequest.call(
		this,
		endpointRequest('tradingAccount.get', { id: input.tradingAccountId }),
		itemIndex,
	)) as IDataObject;
}

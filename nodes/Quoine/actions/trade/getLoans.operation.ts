import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { expectList } from '../../../shared/errors';
import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { idField, positiveId } from '../common';

const properties: INodeProperties[] = [idField('Trade ID', 'tradeId', '57896', 'ID of the margin trade')];

export const description = updateDisplayOptions(
	{ show: { resource: ['trade'], operation: ['getLoans'] } },
	properties,
);

const schema = z.object({ tradeId: positiveId('a trade ID') });

/** get_trade_loans: the loans that fund a margin trade (spec §11.8). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ tradeId: this.getNodeParameter('tradeId', itemIndex) },
		itemIndex,
		{ tradeId: 'Trade ID' },
	);
	const loans = await quoineRequest.call(this, endpointRequest('trade.getLoans', { id: input.tradeId }), itemIndex);
	// The spec answers an array; anything else is an error, never "no loans".
	return expectList(this.getNode(), loans, { service: 'Quoine', what: 'the loans are not a list', itemIndex });
}

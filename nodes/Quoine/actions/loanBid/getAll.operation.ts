import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { validateInput } from '../../../shared/validation';
import { quoineGetPages } from '../../transport';
import { pagedRequest } from '../../transport/endpoints';
import { currency, currencyField } from '../common';

const properties: INodeProperties[] = [currencyField('Currency of the loan bids, e.g. USD'), ...returnAllOrLimit({})];

export const description = updateDisplayOptions(
	{ show: { resource: ['loanBid'], operation: ['getAll'] } },
	properties,
);

const schema = z.object({ currency });

/**
 * get_loan_bid (spec §11.6). Whether the answer is paginated is not documented (INFERRED): a
 * `{models, …}` page is followed, a bare list or a single object is output as it is.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ currency: this.getNodeParameter('currency', itemIndex) },
		itemIndex,
		{ currency: 'Currency' },
	);
	return await quoineGetPages.call(this, { ...pagedRequest('loanBid.getAll'), query: { currency: input.currency } }, itemIndex);
}

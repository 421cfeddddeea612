import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { validateInput } from '../../../shared/validation';
import { quoineGetPages } from '../../transport';
import { pagedRequest } from '../../transport/endpoints';
import { currency, currencyField } from '../common';

const properties: INodeProperties[] = [currencyField('Currency of the loans, e.g. USD'), ...returnAllOrLimit({})];

export const description = updateDisplayOptions(
	{ show: { resource: ['loan'], operation: ['getAll'] } },
	properties,
);

const schema = z.object({ currency });

/** get_loans: paginated (spec §11.6). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ currency: this.getNodeParameter('currency', itemIndex) },
		itemIndex,
		{ currency: 'Currency' },
	);
	return await quoineGetPages.call(this, { ...pagedRequest('loan.getAll'), query: { currency: input.currency } }, itemIndex);
}

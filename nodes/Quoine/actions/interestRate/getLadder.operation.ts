import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { currency, currencyField } from '../common';

const properties: INodeProperties[] = [currencyField('Currency of the ladder, e.g. USD')];

export const description = updateDisplayOptions(
	{ show: { resource: ['interestRate'], operation: ['getLadder'] } },
	properties,
);

const schema = z.object({ currency });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ currency: this.getNodeParameter('currency', itemIndex) },
		itemIndex,
		{ currency: 'Currency' },
	);
	return (await quoineRequest.call(
		this,
		endpointRequest('interestRate.getLadder', { currency: input.currency }),
		itemIndex,
	)) as IDataObject;
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { positiveId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Loan Bid ID',
		name: 'loanBidId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3580',
		description: 'ID of the loan bid to close',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['loanBid'], operation: ['close'] } },
	properties,
);

const schema = z.object({ loanBidId: positiveId('a loan bid ID') });

/** close_loan_bid: PUT without a body (spec §11.6). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ loanBidId: this.getNodeParameter('loanBidId', itemIndex) },
		itemIndex,
		{ loanBidId: 'Loan Bid ID' },
	);
	return (await quoineRequest.call(
		this,
		endpointRequest('loanBid.close', { id: input.loanBidId }),
		itemIndex,
	)) as IDataObject;
}

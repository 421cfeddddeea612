import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { decimalAtMost, fields, validateInput } from '../../../shared/validation';
import { sendUnkeyedWrite, unkeyedWriteNotice } from '../../../shared/idempotency';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { currency, currencyField, quantity, quantityField } from '../common';

const properties: INodeProperties[] = [
	currencyField('Currency to lend, e.g. USD (JPY cannot be lent)'),
	quantityField('Amount to lend, as a decimal number'),
	{
		displayName: 'Rate',
		name: 'rate',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.0002',
		description: 'Daily interest rate as a fraction, at most 0.0007 (0.07% a day)',
	},
	unkeyedWriteNotice('loan bid', 'the live loan bids of the currency'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['loanBid'], operation: ['create'] } },
	properties,
);

const CHECK = 'the live loan bids of the currency (Loan Bid → Get Many)';

/** The SDK documents a maximum daily rate of 0.07% (spec §11.6); compared as decimal text, never as a float. */
const MAX_DAILY_RATE = '0.0007';

const schema = z.object({
	rate: fields.decimal().refine((value) => decimalAtMost(value, MAX_DAILY_RATE), 'must be at most 0.0007 (0.07% a day)'),
	quantity,
	currency: currency.refine((value) => value !== 'JPY', 'JPY cannot be lent'),
});

/** create_loan_bid: {"loan_bid": {rate, quantity, currency}} (spec §11.6). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			rate: this.getNodeParameter('rate', itemIndex),
			quantity: this.getNodeParameter('quantity', itemIndex),
			currency: this.getNodeParameter('currency', itemIndex),
		},
		itemIndex,
		{ rate: 'Rate', quantity: 'Quantity', currency: 'Currency' },
	);
	// The API has no idempotency key for loan bids: a lost answer is never resent (see shared).
	return await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'loan bid',
		check: CHECK,
		send: async () =>
			(await quoineRequest.call(
				this,
				endpointRequest('loanBid.create', {}, { rate: input.rate, quantity: input.quantity, currency: input.currency }),
				itemIndex,
			)) as IDataObject,
	});
}

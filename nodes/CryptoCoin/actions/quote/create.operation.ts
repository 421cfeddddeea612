import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, validateInput } from '../../../shared/validation';
import { cryptoCoinRequest, expectAnswerFor, recordOf } from '../../transport';
import { actingProperties, additionalFieldsProperty, readActing, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Quote Operation',
		name: 'quoteOperation',
		type: 'options',
		default: 'buy_with_fiat',
		options: [
			{ name: 'Buy', value: 'buy', description: 'Buy crypto' },
			{ name: 'Buy With Fiat', value: 'buy_with_fiat', description: 'Buy crypto and pay with fiat by card or bank transfer' },
			{ name: 'Sell', value: 'sell', description: 'Sell crypto' },
		],
		description: 'Sent as operation',
	},
	{
		displayName: 'Symbol',
		name: 'symbol',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'ETH',
		description: 'The crypto currency, e.g. ETH or BTC (sent in capitals)',
	},
	{
		displayName: 'Second Symbol',
		name: 'secondSymbol',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'EUR',
		description: 'The fiat currency, e.g. EUR (sent in capitals)',
	},
	{
		displayName: 'Amount In',
		name: 'amountSide',
		type: 'options',
		default: 'amount',
		options: [
			{ name: 'Crypto (Amount)', value: 'amount', description: 'Amount of the crypto currency, sent as amount' },
			{ name: 'Fiat (Second Amount)', value: 'secondAmount', description: 'Amount of the fiat currency, sent as secondAmount' },
		],
		description: 'Whether Amount counts the crypto or the fiat currency',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.5',
		description:
			'A plain decimal number such as 0.5 or 100, in the crypto currency (Symbol) or the fiat currency (Second Symbol) as Amount In says; sent as text exactly as typed',
	},
	{
		displayName: 'Payment Method',
		name: 'method',
		type: 'options',
		default: 'card',
		displayOptions: { show: { quoteOperation: ['buy_with_fiat'] } },
		options: [
			{ name: 'Bank Transfer', value: 'bank' },
			{ name: 'Card', value: 'card' },
			{ name: 'Not Sent', value: 'none' },
		],
		description:
			'How the Buy With Fiat order is paid, sent as method. Not Sent: give method or orderPaymentType in Additional Fields (JSON) instead.',
	},
	{
		// The 2020 checkout integration sends a method with a plain Buy as well (spec §12, S7), so
		// Buy may send one; it is not sent unless chosen. Sell pays out and sends none.
		displayName: 'Payment Method',
		name: 'method',
		type: 'options',
		default: 'none',
		displayOptions: { show: { quoteOperation: ['buy'] } },
		options: [
			{ name: 'Bank Transfer', value: 'bank' },
			{ name: 'Card', value: 'card' },
			{ name: 'Not Sent', value: 'none' },
		],
		description: 'How the Buy order is paid, sent as method when chosen (not sent by default)',
	},
	additionalFieldsProperty,
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['quote'], operation: ['create'] } }, properties);

const currency = (example: string) =>
	fields.symbol({ pattern: /^[A-Za-z0-9]{2,12}$/, example, upperCase: true, max: 12, message: `must be a currency code such as ${example}` });

const schema = z.object({
	quoteOperation: z.enum(['buy', 'sell', 'buy_with_fiat'], { errorMap: () => ({ message: 'must be buy, sell or buy_with_fiat' }) }),
	symbol: currency('ETH'),
	secondSymbol: currency('EUR'),
	amountSide: z.enum(['amount', 'secondAmount'], { errorMap: () => ({ message: 'must be amount or secondAmount' }) }),
	amount: fields.decimal({ maxDecimals: 18, maxDigits: 30, example: '0.5' }),
	method: z.enum(['none', 'card', 'bank'], { errorMap: () => ({ message: 'must be card, bank or none' }) }),
});

/**
 * POST /user/{user}/quote (spec §10.9). The body vocabulary is INFERRED from the checkout payload:
 * `operation`, `symbol`, `secondSymbol`, `amount` or `secondAmount`, `method`. A quote is only
 * an offer (it expires unless confirmed), so a retry that makes a second quote moves no money.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			quoteOperation: this.getNodeParameter('quoteOperation', itemIndex),
			symbol: this.getNodeParameter('symbol', itemIndex),
			secondSymbol: this.getNodeParameter('secondSymbol', itemIndex),
			amountSide: this.getNodeParameter('amountSide', itemIndex),
			amount: this.getNodeParameter('amount', itemIndex),
			// Shown for Buy With Fiat (default card) and Buy (default not sent); Sell reads it as not sent.
			method: this.getNodeParameter('method', itemIndex, 'none'),
		},
		itemIndex,
		{
			quoteOperation: 'Quote Operation',
			symbol: 'Symbol',
			secondSymbol: 'Second Symbol',
			amountSide: 'Amount In',
			amount: 'Amount',
			method: 'Payment Method',
		},
	);
	const additional = readAdditional(this, itemIndex, {
		operation: 'Quote Operation',
		symbol: 'Symbol',
		secondSymbol: 'Second Symbol',
		amount: 'Amount',
		secondAmount: 'Amount',
		...(input.method !== 'none' ? { method: 'Payment Method' } : {}),
	});
	// A fiat purchase is paid by card or bank transfer (spec §10.9, §10.11–10.12): without a
	// method the quote cannot become a payable order, so it is refused before sending.
	if (input.quoteOperation === 'buy_with_fiat' && input.method === 'none' && additional.method === undefined && additional.orderPaymentType === undefined) {
		throw new NodeOperationError(this.getNode(), 'Payment Method: choose Card or Bank Transfer for Buy With Fiat', {
			itemIndex,
			description: 'A Buy With Fiat quote needs the payment method (or method / orderPaymentType in Additional Fields (JSON)). Nothing was sent.',
		});
	}
	if (input.method !== 'none' && additional.orderPaymentType !== undefined) {
		throw new NodeOperationError(this.getNode(), 'Additional Fields (JSON): "orderPaymentType" repeats the Payment Method field; set Payment Method to Not Sent or remove it', {
			itemIndex,
			description: 'Nothing was sent.',
		});
	}
	const body: IDataObject = {
		...additional,
		operation: input.quoteOperation,
		symbol: input.symbol,
		secondSymbol: input.secondSymbol,
		[input.amountSide]: input.amount,
		...(input.method !== 'none' ? { method: input.method } : {}),
	};
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(this, { method: 'POST', path: '/user/{user}/quote', body, write: true }, acting, itemIndex);
	// A quote for another operation or currency than asked is not this quote.
	return expectAnswerFor(
		this,
		recordOf(this, answer, 'creating a quote', itemIndex),
		[
			{ name: 'operation', keys: ['operation'], expected: input.quoteOperation, ignoreCase: true },
			{ name: 'symbol', keys: ['symbol'], expected: input.symbol, ignoreCase: true },
			{ name: 'second symbol', keys: ['secondSymbol', 'second_symbol'], expected: input.secondSymbol, ignoreCase: true },
		],
		'creating a quote',
		itemIndex,
	);
}

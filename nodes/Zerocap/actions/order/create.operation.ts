import {
	NodeApiError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { fields, optional, validateInput } from '../../../shared/validation';
import { errorKind } from '../../../shared/errors';
import { placeOnce, stableRequestId, type ExpectedFields } from '../../../shared/idempotency';
import { CLIENT_ORDER_ID_NAMESPACE } from '../../helpers/clientOrderId';
import {
	clientOrderIdOf,
	findOrderByClientOrderId,
	isDuplicateClientOrderIdText,
	zerocapRequest,
} from '../../transport';
import * as common from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Symbol',
		name: 'symbol',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'USDT/AUD',
		description: 'Instrument to trade, as BASE/QUOTE',
	},
	{
		displayName: 'Side',
		name: 'side',
		type: 'options',
		default: 'buy',
		options: [
			{ name: 'Buy', value: 'buy' },
			{ name: 'Sell', value: 'sell' },
		],
	},
	{
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		default: 'limit',
		options: [
			{ name: 'Limit', value: 'limit', description: 'Trade at the given price or better' },
			{ name: 'Market', value: 'market', description: 'Trade at once at the current price' },
		],
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '100',
		description:
			'Quantity of the base asset, as a decimal number such as 100 or 0.25. Sent as text, exactly as entered.',
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1.52',
		description:
			'Limit price in the quote asset, as a decimal number. Sent as text, exactly as entered.',
		displayOptions: { show: { orderType: ['limit'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Client Order ID',
				name: 'clientOrderId',
				type: 'string',
				default: '',
				placeholder: 'my-order-0001',
				description:
					'Your own ID for the order (letters, digits and - _ . :, at most 64). Leave empty to use an ID derived from the execution and item, so Retry On Fail cannot place the order twice.',
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				placeholder: 'ZCStreamingLiquidity1',
				description: 'The customer the order is placed for, if your account trades for customers',
			},
			{
				displayName: 'Customer ID Field',
				name: 'customerIdField',
				type: 'options',
				default: 'customer_id',
				options: [
					{
						name: 'Coinroutes_customer_id (Whole Number)',
						value: 'coinroutes_customer_id',
						description:
							'Body field coinroutes_customer_id as a number, as newer API versions expect',
					},
					{
						name: 'Customer_id (Text)',
						value: 'customer_id',
						description:
							'Body field customer_id and the matching customer header, as in the published SDK',
					},
				],
				description: 'How the customer ID is sent; API versions differ',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

const labels = {
	symbol: 'Symbol',
	side: 'Side',
	orderType: 'Order Type',
	amount: 'Amount',
	price: 'Price',
	clientOrderId: 'Client Order ID',
	customerId: 'Customer ID',
	customerIdField: 'Customer ID Field',
};

/**
 * A positive decimal as text, in the plain form the API documents ("100", "1.52"), by the shared
 * rule: ".5" and "5." are refused rather than rewritten, so what is sent is always what was entered.
 */
function plainDecimal() {
	return fields.decimal();
}

function schemaFor(orderType: unknown) {
	return z
		.object({
			symbol: common.symbol,
			side: common.side,
			orderType: common.orderType,
			amount: plainDecimal(),
			// Market orders carry no price: the node sends "0", the SDK default (spec §6.1).
			price:
				common.lowerCased(orderType) === 'limit' ? plainDecimal() : z.any().transform(() => '0'),
			clientOrderId: common.clientOrderId,
			// Sent in a header with customer_id: printable ASCII only. INFERRED: the API states no
			// format; its example is "ZCStreamingLiquidity1".
			customerId: optional(
				fields.text({
					max: 64,
					pattern: /^[A-Za-z0-9._:@-]+$/,
					patternMessage: 'may contain only letters, digits and . _ : @ - (at most 64)',
				}),
			).transform((value) => value ?? ''),
			customerIdField: z.enum(['customer_id', 'coinroutes_customer_id'], {
				errorMap: () => ({ message: 'must be customer_id or coinroutes_customer_id' }),
			}),
		})
		.superRefine((input, ctx) => {
			if (
				input.customerIdField === 'coinroutes_customer_id' &&
				input.customerId !== '' &&
				!/^\d{1,15}$/.test(input.customerId)
			) {
				ctx.addIssue({
					code: 'custom',
					path: ['customerId'],
					message: 'must be a whole number when sent as coinroutes_customer_id',
				});
			}
		});
}

export type CreateOrderInput = z.infer<ReturnType<typeof schemaFor>>;

/** The create_order body, in the SDK's key order; amounts and prices stay text. */
export function createOrderBody(input: CreateOrderInput, clientOrderId: string): IDataObject {
	const body: IDataObject = {
		symbol: input.symbol,
		side: input.side,
		type: input.orderType,
		amount: input.amount,
		price: input.price,
		client_order_id: clientOrderId,
	};
	if (input.customerId !== '') {
		if (input.customerIdField === 'coinroutes_customer_id') {
			body.coinroutes_customer_id = Number(input.customerId);
		} else {
			body.customer_id = input.customerId;
		}
	}
	return body;
}

/** A rejection that says the client order ID is taken: its kind, or (for errors built without one) its text. */
export function isDuplicateClientOrderIdError(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (errorKind(error) === 'duplicate') return true;
	return isDuplicateClientOrderIdText(`${error.message} ${error.description ?? ''}`);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const orderType = this.getNodeParameter('orderType', itemIndex);
	const input = validateInput(
		this.getNode(),
		schemaFor(orderType),
		{
			symbol: this.getNodeParameter('symbol', itemIndex),
			side: this.getNodeParameter('side', itemIndex),
			orderType,
			amount: this.getNodeParameter('amount', itemIndex),
			price:
				common.lowerCased(orderType) === 'limit'
					? this.getNodeParameter('price', itemIndex, '')
					: undefined,
			clientOrderId: additional.clientOrderId ?? '',
			customerId: additional.customerId ?? '',
			customerIdField: additional.customerIdField ?? 'customer_id',
		},
		itemIndex,
		labels,
	);

	const clientOrderId = input.clientOrderId || derivedClientOrderId.call(this, input, itemIndex);
	const body = createOrderBody(input, clientOrderId);
	const headers: Record<string, string> = {};
	if (input.customerId !== '' && input.customerIdField === 'customer_id') {
		headers['customer-id'] = input.customerId;
	}
	const { record, alreadyExisted } = await placeOnce<IDataObject>({
		ctx: this,
		itemIndex,
		key: clientOrderId,
		keyLabel: 'Client order ID',
		what: 'order',
		send: async () =>
			await zerocapRequest.call(
				this,
				'POST',
				'/orders/create_order',
				{ body, headers },
				itemIndex,
			),
		lookUp: async () =>
			await findOrderByClientOrderId.call(
				this,
				clientOrderId,
				{ symbol: input.symbol, side: input.side },
				itemIndex,
			),
		expected: expectedFields(input),
		describe: (order) => `${String(order.side)} ${String(order.amount)} ${String(order.symbol)}`,
		isDuplicate: isDuplicateClientOrderIdError,
	});
	return {
		...record,
		clientOrderId: (!alreadyExisted && clientOrderIdOf(record)) || clientOrderId,
		alreadyExisted,
	};
}

/**
 * Every field of the order as an order found under its client order ID must show it. A market
 * order's price is not compared: the node sends the placeholder "0", and the API may show the fill
 * price. The customer ID is compared where the order list carries it.
 */
function expectedFields(input: CreateOrderInput): ExpectedFields {
	const expected: ExpectedFields = {
		symbol: { value: input.symbol, rule: 'caseless', label: labels.symbol },
		side: { value: input.side, rule: 'caseless', label: labels.side },
		type: { value: input.orderType, rule: 'caseless', label: labels.orderType },
		amount: { value: input.amount, rule: 'decimal', label: labels.amount },
	};
	if (input.orderType === 'limit') {
		expected.price = { value: input.price, rule: 'decimal', label: labels.price };
	}
	if (input.customerId !== '') {
		expected[input.customerIdField] = {
			value: input.customerId,
			label: labels.customerId,
			optional: true,
		};
	}
	return expected;
}

/** The client order ID for an empty Client Order ID field: stable across retries of this placement. */
function derivedClientOrderId(
	this: IExecuteFunctions,
	input: CreateOrderInput,
	itemIndex: number,
): string {
	return stableRequestId(this, itemIndex, CLIENT_ORDER_ID_NAMESPACE, {
		toolFields: [
			input.symbol,
			input.side,
			input.orderType,
			input.amount,
			input.price,
			input.customerId,
			input.customerIdField,
		],
	});
}

import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { toNodeError } from '../../../shared/errors';
import { fields, validateInput } from '../../../shared/validation';
import {
	deriveClientOrderId,
	deriveToolClientOrderId,
	isToolNodeType,
	rememberAttempt,
	sameDecimal,
	wasAttempted,
} from '../../helpers/clientOrderId';
import { clientOrderIdOf, findOrderByClientOrderId, zerocapRequest } from '../../transport';
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
 * A positive decimal as text, in the plain form the API documents ("100", "1.52"): ".5" and "5."
 * are refused rather than rewritten, so what is sent is always what was entered.
 */
function plainDecimal() {
	return fields
		.decimalString({ positive: true })
		.refine(
			(value) => !/^-?(?:\.\d*|\d+\.)$/.test(value),
			'must have digits on both sides of the dot, such as 0.5',
		);
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
			customerId: z.union([z.string(), z.number()]).transform((value) => String(value).trim()),
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

/** A rejection that says the client order ID is taken (wording INFERRED; no source documents it). */
export function isDuplicateClientOrderIdError(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const text = `${error.message} ${error.description ?? ''}`;
	return (
		/duplicate|already (?:exists?|used|in use|taken)|not unique|unique constraint/i.test(text) &&
		/client[ _-]?order[ _-]?id|clientorderid/i.test(text)
	);
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

	// A second attempt in this process: the first one may have placed the order.
	if (wasAttempted(clientOrderId)) {
		const existing = await findOrderByClientOrderId.call(
			this,
			clientOrderId,
			{ symbol: input.symbol, side: input.side },
			itemIndex,
		);
		if (existing) return alreadyPlaced.call(this, existing, input, clientOrderId, itemIndex);
	}

	const body = createOrderBody(input, clientOrderId);
	const headers: Record<string, string> = {};
	if (input.customerId !== '' && input.customerIdField === 'customer_id') {
		headers['customer-id'] = input.customerId;
	}
	rememberAttempt(clientOrderId);
	let order: IDataObject;
	try {
		order = await zerocapRequest.call(
			this,
			'POST',
			'/orders/create_order',
			{ body, headers },
			itemIndex,
		);
	} catch (error) {
		if (!isDuplicateClientOrderIdError(error)) throw toNodeError(this.getNode(), error, itemIndex);
		const existing = await findOrderByClientOrderId.call(
			this,
			clientOrderId,
			{ symbol: input.symbol, side: input.side },
			itemIndex,
		);
		if (!existing) {
			throw new NodeOperationError(
				this.getNode(),
				`Zerocap reports that client order ID ${clientOrderId} is already used, but no ${input.symbol} ${input.side} order with it was found`,
				{
					itemIndex,
					description:
						'The order was not placed again. Look the order up in Zerocap, or give a new Client Order ID.',
				},
			);
		}
		return alreadyPlaced.call(this, existing, input, clientOrderId, itemIndex);
	}
	return {
		...order,
		clientOrderId: clientOrderIdOf(order) ?? clientOrderId,
		alreadyExisted: false,
	};
}

/** The client order ID for an empty Client Order ID field: stable across retries of this placement. */
function derivedClientOrderId(
	this: IExecuteFunctions,
	input: CreateOrderInput,
	itemIndex: number,
): string {
	const node = this.getNode();
	const workflowId = String(this.getWorkflow().id ?? '');
	const executionId = this.getExecutionId();
	if (isToolNodeType(node.type)) {
		return deriveToolClientOrderId({
			workflowId,
			nodeId: node.id,
			executionId,
			orderFields: [
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
	return deriveClientOrderId({
		workflowId,
		nodeId: node.id,
		executionId,
		runIndex: Number(this.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
		itemIndex,
	});
}

/** An order placed earlier with this client order ID: returned if it is the same order. */
function alreadyPlaced(
	this: IExecuteFunctions,
	existing: IDataObject,
	input: CreateOrderInput,
	clientOrderId: string,
	itemIndex: number,
): IDataObject {
	const same =
		String(existing.symbol ?? '').toUpperCase() === input.symbol &&
		String(existing.side ?? '').toLowerCase() === input.side &&
		sameDecimal(existing.amount, input.amount);
	if (!same) {
		throw new NodeOperationError(
			this.getNode(),
			`Client order ID ${clientOrderId} is already used by a different order (${String(existing.side)} ${String(existing.amount)} ${String(existing.symbol)})`,
			{
				itemIndex,
				description:
					'No new order was placed. Give a new Client Order ID, or leave it empty to have one derived.',
			},
		);
	}
	return { ...existing, clientOrderId, alreadyExisted: true };
}

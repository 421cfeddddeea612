import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	placeOnce,
	sendUnkeyedWrite,
	stableRequestId,
	type ExpectedFields,
} from '../../shared/idempotency';
import { readNumberedPages } from '../../shared/pagination';
import { numberedPageOf, quoineRequest } from '../transport';
import { endpointRequest } from '../transport/endpoints';

/** Namespace of the name-based (version 5) UUIDs this node derives client order IDs from. */
export const QUOINE_CLIENT_ORDER_ID_NAMESPACE = '6c1f0e52-9b0f-4c8e-a3e4-2f7d5b9c1a60';

/** Liquid: unique, at most 36 bytes, letters, digits and '-' (spec §12). A UUID is 36. */
const CLIENT_ORDER_ID = /^[A-Za-z0-9-]{1,36}$/;

/** Pages of the newest orders of the product read when looking an order up by its client ID. */
const LOOKUP_PAGE_SIZE = 100;
const LOOKUP_MAX_PAGES = 5;

export type ClientOrderIdMode = 'auto' | 'derived' | 'custom' | 'none';

/** Editor fields of every order create: how the client order ID is chosen. */
export const clientOrderIdFields: INodeProperties[] = [
	{
		displayName: 'Client Order ID',
		name: 'clientOrderIdMode',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Automatic (Liquid Only)',
				value: 'auto',
				description:
					'On the Liquid exchange, send an ID derived from the n8n instance, execution and item; elsewhere send none',
			},
			{
				name: 'Custom',
				value: 'custom',
				description: 'Send the ID given in Custom Client Order ID',
			},
			{
				name: 'Derived',
				value: 'derived',
				description:
					'Send an ID derived from the n8n instance, execution and item, on any exchange that accepts client_order_id',
			},
			{
				name: 'None',
				value: 'none',
				description: 'Send no client order ID',
			},
		],
		description:
			'With a client order ID, Retry On Fail cannot place the order twice: after a lost answer the node looks the order up by it instead of sending it again',
	},
	{
		displayName: 'Custom Client Order ID',
		name: 'clientOrderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'my-order-0001',
		description: 'Your own unique ID for the order: letters, digits and -, at most 36',
		displayOptions: { show: { clientOrderIdMode: ['custom'] } },
	},
	{
		displayName:
			'Without a client order ID (None, or Automatic on an exchange other than Liquid) an order whose answer is lost may still have been placed: check the open orders of the product before running again. With Retry On Fail on, such an order is not sent again.',
		name: 'noClientOrderIdNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { clientOrderIdMode: ['auto', 'none'] } },
	},
];

const exchanges = new WeakMap<object, string>();

/** The credential's exchange, read once per node run. */
async function exchangeOf(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const cached = exchanges.get(ctx);
	if (cached !== undefined) return cached;
	const credentials = (await ctx.getCredentials('quoineApi', itemIndex)) as ICredentialDataDecryptedObject;
	const exchange = String(credentials.exchange ?? '');
	exchanges.set(ctx, exchange);
	return exchange;
}

/** The client order ID to send with this item's order, or undefined for none. */
export async function clientOrderIdFor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	order: Record<string, unknown>,
): Promise<string | undefined> {
	const mode = ctx.getNodeParameter('clientOrderIdMode', itemIndex, 'auto') as ClientOrderIdMode;
	if (mode === 'none') return undefined;
	if (mode === 'custom') {
		const raw = ctx.getNodeParameter('clientOrderId', itemIndex, '') as unknown;
		const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
		if (!CLIENT_ORDER_ID.test(value)) {
			throw new NodeOperationError(
				ctx.getNode(),
				'Custom Client Order ID: must be 1 to 36 letters, digits or -',
				{ itemIndex, description: 'Nothing was sent.' },
			);
		}
		return value;
	}
	if (mode === 'auto' && (await exchangeOf(ctx, itemIndex)) !== 'liquid') return undefined;
	if (mode !== 'auto' && mode !== 'derived') {
		throw new NodeOperationError(ctx.getNode(), 'Client Order ID: must be Automatic, Derived, Custom or None', {
			itemIndex,
			description: 'Nothing was sent.',
		});
	}
	return stableRequestId(ctx, itemIndex, QUOINE_CLIENT_ORDER_ID_NAMESPACE, {
		toolFields: Object.entries(order).map(([key, value]) => `${key}=${String(value)}`),
	});
}

/**
 * How an order found under its client order ID must show each field sent: decimals as text,
 * words without case, IDs and levels as their text. Every field sent is compared.
 */
export function expectedOrderFields(order: Record<string, unknown>): ExpectedFields {
	const decimals = new Set(['quantity', 'price', 'price_range']);
	const words = new Set(['order_type', 'side', 'funding_currency', 'order_direction']);
	const expected: ExpectedFields = {};
	// Not every server echoes these two (the SDK's order examples do not show them).
	const optional = new Set(['price_range', 'order_direction']);
	for (const [field, value] of Object.entries(order)) {
		if (value === undefined || value === null || value === '') continue;
		expected[field] = {
			value: value as string | number | boolean,
			rule: decimals.has(field) ? 'decimal' : words.has(field) ? 'caseless' : 'text',
			optional: optional.has(field),
		};
	}
	return expected;
}

/** The order with this client order ID among the newest orders of the product, if any. */
export async function findOrderByClientOrderId(
	this: IExecuteFunctions,
	clientOrderId: string,
	productId: unknown,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const matches = (order: IDataObject) => Boolean(order) && order.client_order_id === clientOrderId;
	const { items } = await readNumberedPages(
		async (page) =>
			numberedPageOf(
				await quoineRequest.call(
					this,
					{
						...endpointRequest('order.getAll'),
						query: { product_id: String(productId), limit: LOOKUP_PAGE_SIZE, page },
					},
					itemIndex,
				),
				page,
			),
		{ maxPages: LOOKUP_MAX_PAGES, whenMore: 'stop', stopAfter: (orders) => orders.some(matches) },
	);
	return items.find(matches);
}

/**
 * POST /orders, safe under Retry On Fail and lost answers. With a client order ID (Liquid, or
 * when asked for) the order is placed at most once: before a resend it is looked up by that ID
 * among the product's newest orders (INFERRED: the spec documents no look-up by client order ID,
 * but the order list carries `client_order_id`, §12), and an order found must match every field
 * sent. Without one, a lost answer is an error that says the order may have been placed, and a
 * retry of that item is refused.
 */
export async function placeOrder(
	this: IExecuteFunctions,
	order: Record<string, unknown>,
	itemIndex: number,
): Promise<IDataObject> {
	// Wrapped as {"order": {…}}, as the SDK sends it (spec §10). Every Create … Order row of the
	// endpoint table is this same request; the table's test checks that they agree.
	const clientOrderId = await clientOrderIdFor(this, itemIndex, order);
	if (clientOrderId === undefined) {
		return await sendUnkeyedWrite({
			ctx: this,
			itemIndex,
			what: 'order',
			check: `the open orders of product ${String(order.product_id)} (Order → Get Many)`,
			send: async () =>
				(await quoineRequest.call(
					this,
					endpointRequest('order.createLimit', {}, order as IDataObject),
					itemIndex,
				)) as IDataObject,
		});
	}
	const sent = { ...order, client_order_id: clientOrderId };
	const { record, alreadyExisted } = await placeOnce<IDataObject>({
		ctx: this,
		itemIndex,
		key: clientOrderId,
		keyLabel: 'Client order ID',
		what: 'order',
		send: async () =>
			(await quoineRequest.call(
				this,
				endpointRequest('order.createLimit', {}, sent),
				itemIndex,
			)) as IDataObject,
		lookUp: async () =>
			await findOrderByClientOrderId.call(this, clientOrderId, order.product_id, itemIndex),
		expected: expectedOrderFields(order),
	});
	return { ...record, client_order_id: record.client_order_id ?? clientOrderId, alreadyExisted };
}

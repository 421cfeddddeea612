import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { clientOrderIdFields, placeOrder } from '../../helpers/orderPlacement';
import {
	leverageLevel,
	locatorValue,
	optionalCurrency,
	optionalDecimal,
	orderLabels,
	productId,
	productLocator,
	quantity,
	quantityField,
	side,
	sideField,
} from '../common';

const properties: INodeProperties[] = [
	productLocator('The product to trade'),
	{
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		options: [
			{ name: 'Limit', value: 'limit', description: 'At the given price or better' },
			{ name: 'Market', value: 'market', description: 'At the best price available now' },
			{ name: 'Market With Range', value: 'market_with_range', description: 'At the market price, within a slippage range' },
		],
		default: 'limit',
	},
	sideField,
	quantityField(),
	{
		displayName: 'Price',
		name: 'price',
		type: 'string',
		default: '',
		placeholder: '9500.5',
		description: 'Limit price in the quoted currency. Required for limit orders; leave empty for market orders.',
	},
	{
		displayName: 'Price Range',
		name: 'priceRange',
		type: 'string',
		default: '',
		placeholder: '0.001',
		description: 'Slippage allowed from the market price, in the quoted currency',
		displayOptions: { show: { orderType: ['market_with_range'] } },
	},
	{
		displayName: 'Leverage Level',
		name: 'leverageLevel',
		type: 'options',
		options: [
			{ name: '10x', value: 10 },
			{ name: '25x', value: 25 },
			{ name: '2x', value: 2 },
			{ name: '4x', value: 4 },
			{ name: '5x', value: 5 },
		],
		default: 2,
		description: 'Leverage of the position. The level must first be enabled for the trading account (Trading Account → Update Leverage).',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Funding Currency',
				name: 'fundingCurrency',
				type: 'string',
				default: '',
				placeholder: 'USD',
				description: 'Currency that funds the margin; the exchange uses the quoted currency when empty',
			},
			{
				displayName: 'Order Direction',
				name: 'orderDirection',
				type: 'options',
				options: [
					{ name: 'Net Out', value: 'netout', description: 'Orders net out against open positions' },
					{ name: 'One Direction', value: 'one_direction', description: 'Only one side can be open at a time' },
					{ name: 'Two Direction', value: 'two_direction', description: 'Long and short positions can be open together' },
				],
				default: 'one_direction',
			},
		],
	},
	...clientOrderIdFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createMargin'] } },
	properties,
);

const schema = z
	.object({
		orderType: z.enum(['limit', 'market', 'market_with_range'], {
			errorMap: () => ({ message: 'must be limit, market or market_with_range' }),
		}),
		productId,
		side,
		quantity,
		price: optionalDecimal(),
		priceRange: optionalDecimal(),
		leverageLevel,
		fundingCurrency: optionalCurrency,
		orderDirection: z
			.enum(['one_direction', 'two_direction', 'netout'], {
				errorMap: () => ({ message: 'must be one_direction, two_direction or netout' }),
			})
			.optional(),
	})
	.superRefine((input, context) => {
		if (input.orderType === 'limit' && input.price === undefined) {
			context.addIssue({ code: 'custom', path: ['price'], message: 'is required for a limit order' });
		}
		if (input.orderType !== 'limit' && input.price !== undefined) {
			context.addIssue({
				code: 'custom',
				path: ['price'],
				message: 'must be empty for a market order (it fills at the market price); use Order Type "Limit" to set a price',
			});
		}
		if (input.orderType === 'market_with_range' && input.priceRange === undefined) {
			context.addIssue({ code: 'custom', path: ['priceRange'], message: 'is required for a market with range order' });
		}
	});

/**
 * create_margin_order (spec §11.4): `price` only for limit orders, `price_range` only for
 * market_with_range, then the optional funding currency and order direction.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderType = this.getNodeParameter('orderType', itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		schema,
		{
			orderType,
			productId: locatorValue(this, 'productId', itemIndex),
			side: this.getNodeParameter('side', itemIndex),
			quantity: this.getNodeParameter('quantity', itemIndex),
			price: this.getNodeParameter('price', itemIndex, ''),
			priceRange: orderType === 'market_with_range' ? this.getNodeParameter('priceRange', itemIndex, '') : undefined,
			leverageLevel: this.getNodeParameter('leverageLevel', itemIndex),
			fundingCurrency: additional.fundingCurrency,
			orderDirection: additional.orderDirection,
		},
		itemIndex,
		orderLabels,
	);
	const order: Record<string, unknown> = {
		order_type: input.orderType,
		product_id: input.productId,
		side: input.side,
		quantity: input.quantity,
		leverage_level: input.leverageLevel,
	};
	if (input.orderType === 'limit') order.price = input.price;
	if (input.orderType === 'market_with_range') order.price_range = input.priceRange;
	if (input.fundingCurrency) order.funding_currency = input.fundingCurrency;
	if (input.orderDirection) order.order_direction = input.orderDirection;
	return await placeOrder.call(this, order, itemIndex);
}

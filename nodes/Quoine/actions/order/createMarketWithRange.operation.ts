import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { clientOrderIdFields, placeOrder } from '../../helpers/orderPlacement';
import {
	locatorValue,
	orderLabels,
	price,
	productId,
	productLocator,
	quantity,
	quantityField,
	side,
	sideField,
} from '../common';

const properties: INodeProperties[] = [
	productLocator('The product to trade'),
	sideField,
	quantityField(),
	{
		displayName: 'Price Range',
		name: 'priceRange',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.001',
		description: 'Slippage allowed from the market price, as a decimal number in the quoted currency',
	},
	...clientOrderIdFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createMarketWithRange'] } },
	properties,
);

const schema = z.object({ productId, side, quantity, priceRange: price });

/**
 * create_market_buy / create_market_sell with a price range: order_type market_with_range and
 * `price_range`, no `price`, as the python-quoine SDK sends it (spec §10 notes that the later
 * Liquid documentation also asks for `price`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			productId: locatorValue(this, 'productId', itemIndex),
			side: this.getNodeParameter('side', itemIndex),
			quantity: this.getNodeParameter('quantity', itemIndex),
			priceRange: this.getNodeParameter('priceRange', itemIndex),
		},
		itemIndex,
		orderLabels,
	);
	return await placeOrder.call(
		this,
		{
			order_type: 'market_with_range',
			product_id: input.productId,
			side: input.side,
			quantity: input.quantity,
			price_range: input.priceRange,
		},
		itemIndex,
	);
}

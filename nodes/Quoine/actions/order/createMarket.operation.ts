import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { clientOrderIdFields, placeOrder } from '../../helpers/orderPlacement';
import {
	locatorValue,
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
	sideField,
	quantityField(),
	...clientOrderIdFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createMarket'] } },
	properties,
);

const schema = z.object({ productId, side, quantity });

/** create_market_buy / create_market_sell without a price range: no price is sent (spec §11.4). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			productId: locatorValue(this, 'productId', itemIndex),
			side: this.getNodeParameter('side', itemIndex),
			quantity: this.getNodeParameter('quantity', itemIndex),
		},
		itemIndex,
		orderLabels,
	);
	return await placeOrder.call(
		this,
		{
			order_type: 'market',
			product_id: input.productId,
			side: input.side,
			quantity: input.quantity,
		},
		itemIndex,
	);
}

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
		displayName: 'Price',
		name: 'price',
		type: 'string',
		required: true,
		default: '',
		placeholder: '9500.5',
		description: 'Limit price in the quoted currency, as a decimal number',
	},
	...clientOrderIdFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createLimit'] } },
	properties,
);

const schema = z.object({ productId, side, quantity, price });

/** create_order('limit', …), create_limit_buy and create_limit_sell (spec §11.4). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			productId: locatorValue(this, 'productId', itemIndex),
			side: this.getNodeParameter('side', itemIndex),
			quantity: this.getNodeParameter('quantity', itemIndex),
			price: this.getNodeParameter('price', itemIndex),
		},
		itemIndex,
		orderLabels,
	);
	return await placeOrder.call(
		this,
		{
			order_type: 'limit',
			product_id: input.productId,
			side: input.side,
			quantity: input.quantity,
			price: input.price,
		},
		itemIndex,
	);
}

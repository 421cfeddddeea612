import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { optionalDecimal, orderId, orderIdField } from '../common';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Price',
				name: 'price',
				type: 'string',
				default: '',
				placeholder: '9500.5',
				description: 'New limit price, as a decimal number',
			},
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'string',
				default: '',
				placeholder: '0.01',
				description: 'New quantity, as a decimal number',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	properties,
);

const schema = z
	.object({ orderId, quantity: optionalDecimal(), price: optionalDecimal() })
	.refine((input) => input.quantity !== undefined || input.price !== undefined, {
		path: ['updateFields'],
		message: 'set Quantity, Price or both',
	});

/** update_live_order (spec §11.4): only live, unfilled orders can be edited. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		schema,
		{ orderId: this.getNodeParameter('orderId', itemIndex), quantity: fields.quantity, price: fields.price },
		itemIndex,
		{ orderId: 'Order ID', quantity: 'Quantity', price: 'Price', updateFields: 'Update Fields' },
	);
	const order: Record<string, unknown> = {};
	if (input.quantity !== undefined) order.quantity = input.quantity;
	if (input.price !== undefined) order.price = input.price;
	return (await quoineRequest.call(
		this,
		endpointRequest('order.update', { id: input.orderId }, order as IDataObject),
		itemIndex,
	)) as IDataObject;
}

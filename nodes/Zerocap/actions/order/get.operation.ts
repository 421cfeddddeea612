import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { fetchOrder } from '../../transport';
import { orderId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '16ef58d1-677e-489c-8fe0-5acc4a680b6e',
		description:
			'The ID Zerocap gave the order, as Create and Get Many return it; not the client order ID',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

const schema = z.object({ orderId });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ orderId: this.getNodeParameter('orderId', itemIndex) },
		itemIndex,
		{ orderId: 'Order ID' },
	);
	const order = await fetchOrder.call(this, input.orderId, itemIndex);
	if (!order) {
		throw new NodeOperationError(this.getNode(), `Zerocap has no order with ID ${input.orderId}`, {
			itemIndex,
			description: 'Use the order ID as Create or Get Many returned it.',
		});
	}
	return order;
}

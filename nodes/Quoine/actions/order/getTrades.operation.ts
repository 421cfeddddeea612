import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { orderId, orderIdField } from '../common';

const properties: INodeProperties[] = [orderIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getTrades'] } },
	properties,
);

const schema = z.object({ orderId });

/** The margin trades the order opened or closed (spec §11.4). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ orderId: this.getNodeParameter('orderId', itemIndex) },
		itemIndex,
		{ orderId: 'Order ID' },
	);
	return (await quoineRequest.call(this, endpointRequest('order.getTrades', { id: input.orderId }), itemIndex)) as IDataObject[];
}

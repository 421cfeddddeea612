import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { answerLostBefore } from '../../../shared/idempotency';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { orderId, orderIdField } from '../common';

const properties: INodeProperties[] = [orderIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	properties,
);

const schema = z.object({ orderId });

/** PUT without a body; answers the order with status "cancelled" (spec §11.4). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ orderId: this.getNodeParameter('orderId', itemIndex) },
		itemIndex,
		{ orderId: 'Order ID' },
	);
	// Cancelling is idempotent, but a second cancel of a cancelled order is refused ("Can not
	// cancel non-live order"). After a lost answer the order is read first: already cancelled
	// means the first try did it.
	if (answerLostBefore(this, itemIndex)) {
		const order = (await quoineRequest.call(
			this,
			endpointRequest('order.get', { id: input.orderId }),
			itemIndex,
		)) as IDataObject;
		if (order?.status === 'cancelled') return order;
	}
	return (await quoineRequest.call(this, endpointRequest('order.cancel', { id: input.orderId }), itemIndex)) as IDataObject;
}

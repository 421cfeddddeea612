import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { orderOutput } from '../../helpers/records';
import { cryptoCoinRequest, expectAnswerFor, recordOf } from '../../transport';
import { actingProperties, readActing, recordId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the order, as Quote → Confirm returned it',
	},
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, properties);

const schema = z.object({ orderId: recordId });

/**
 * GET /user/{user}/order/{order} (spec §10.14, INFERRED path). Status: PAYMENT_WAITING,
 * PROCESSING_PAYMENT, APPROVED or REJECTED; `paymentUrl` is the card payment page when there is one.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { orderId } = validateInput(this.getNode(), schema, { orderId: this.getNodeParameter('orderId', itemIndex) }, itemIndex, {
		orderId: 'Order ID',
	});
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'GET', path: `/user/{user}/order/${encodeURIComponent(orderId)}` },
		acting,
		itemIndex,
	);
	const order = recordOf(this, answer, 'getting an order', itemIndex);
	return orderOutput(expectAnswerFor(this, order, [{ name: 'order', keys: ['id'], expected: orderId }], `getting order ${orderId}`, itemIndex));
}

import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { earlierAttempt } from '../../../shared/runMemory';
import { binaryPart } from '../../helpers/binary';
import { formFields, multipartBody } from '../../helpers/multipart';
import { orderOutput, statusOf } from '../../helpers/records';
import { cryptoCoinRequest, expectAnswerFor, recordOf, type CryptoCoinCall } from '../../transport';
import { actingProperties, additionalFieldsProperty, readActing, readAdditional, recordId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		description: 'The order paid by bank transfer (Buy With Fiat), as Quote → Confirm returned it',
	},
	{
		displayName: 'Proof Of Payment',
		name: 'proofType',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'Upload a file of the input item (multipart/form-data, field proof)' },
			{ name: 'JSON', value: 'json', description: 'Send Additional Fields (JSON) as the JSON body, e.g. a transfer reference' },
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary property of the input item that holds the proof, e.g. a PDF bank statement',
		displayOptions: { show: { proofType: ['binary'] } },
	},
	{ ...additionalFieldsProperty, description: 'Fields sent with the proof: the JSON body, or form fields next to the file' },
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['confirmPayment'] } }, properties);

const schema = z.object({
	orderId: recordId,
	proofType: z.enum(['binary', 'json'], { errorMap: () => ({ message: 'must be binary or json' }) }),
});

/**
 * POST /user/{user}/order/{order}/payment-confirmation (spec §10.11): the user's proof of a bank
 * payment, as a file (multipart, INFERRED field name `proof`) or as JSON. After a try whose
 * answer was lost, the order is looked up first: once it is no longer PAYMENT_WAITING the proof
 * has arrived, and the order is returned instead of sending it again.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { orderId, proofType } = validateInput(
		this.getNode(),
		schema,
		{ orderId: this.getNodeParameter('orderId', itemIndex), proofType: this.getNodeParameter('proofType', itemIndex) },
		itemIndex,
		{ orderId: 'Order ID', proofType: 'Proof Of Payment' },
	);
	const additional = readAdditional(this, itemIndex, proofType === 'binary' ? { proof: 'Input Binary Field' } : {});
	const acting = await readActing(this, itemIndex);
	const orderPath = `/user/{user}/order/${encodeURIComponent(orderId)}`;

	let call: CryptoCoinCall;
	if (proofType === 'binary') {
		const name = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		const file = await binaryPart(this, itemIndex, name, 'proof', 'Input Binary Field');
		const { body, contentType } = multipartBody([...formFields(additional), file]);
		call = { method: 'POST', path: `${orderPath}/payment-confirmation`, body, headers: { 'Content-Type': contentType }, write: true, expect: 'jsonOrEmpty' };
	} else {
		if (Object.keys(additional).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Additional Fields (JSON): give the proof of payment as a JSON object', {
				itemIndex,
				description: 'With Proof Of Payment set to JSON, the JSON is the proof. Nothing was sent.',
			});
		}
		call = { method: 'POST', path: `${orderPath}/payment-confirmation`, body: additional, write: true, expect: 'jsonOrEmpty' };
	}

	if (earlierAttempt(this, itemIndex)?.outcome === 'unknown') {
		const order = expectAnswerFor(
			this,
			recordOf(this, await cryptoCoinRequest.call(this, { method: 'GET', path: orderPath }, acting, itemIndex), 'getting the order', itemIndex),
			[{ name: 'order', keys: ['id'], expected: orderId }],
			`getting order ${orderId}`,
			itemIndex,
		);
		const status = statusOf(order);
		if (status && status.toUpperCase() !== 'PAYMENT_WAITING') return { ...orderOutput(order), alreadyConfirmed: true };
	}

	const answer = await cryptoCoinRequest.call(this, call, acting, itemIndex);
	const data = (answer as { data?: unknown } | undefined)?.data;
	if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
		// The answer is the order or a confirmation record (UNDOCUMENTED); either way it must be
		// about this order when it names one.
		expectAnswerFor(
			this,
			data as IDataObject,
			[{ name: 'order', keys: ['orderId', 'order_id', 'order.id'], expected: orderId }],
			`confirming the payment of order ${orderId}`,
			itemIndex,
			'The proof may have been received. Check Order → Get before sending it again.',
		);
		return orderOutput(data as IDataObject);
	}
	return { id: orderId, paymentConfirmationSent: true };
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { sendUnkeyedWrite } from '../../../shared/idempotency';
import { fields, validateInput } from '../../../shared/validation';
import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, readActing, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '40730000000',
		description: 'Digits with the country code and no + or spaces, e.g. 40730000000; an SMS code is sent to it',
	},
	additionalFieldsProperty,
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['add'] } }, properties);

const schema = z.object({
	phone: fields.text({ max: 15, pattern: /^[1-9][0-9]{6,14}$/, patternMessage: 'must be 7 to 15 digits with the country code, no + or spaces, e.g. 40730000000' }),
});

/** POST /user/{user}/phone (spec §10.4): INFERRED body `phone`, digits as in the checkout example. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { phone } = validateInput(this.getNode(), schema, { phone: this.getNodeParameter('phone', itemIndex) }, itemIndex, {
		phone: 'Phone Number',
	});
	const additional = readAdditional(this, itemIndex, { phone: 'Phone Number' });
	const acting = await readActing(this, itemIndex);
	const answer = await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'phone number',
		check: 'whether the SMS code arrived',
		send: async () =>
			await cryptoCoinRequest.call(
				this,
				{ method: 'POST', path: '/user/{user}/phone', body: { ...additional, phone }, write: true, expect: 'jsonOrEmpty' },
				acting,
				itemIndex,
			),
	});
	const data = (answer as { data?: unknown } | undefined)?.data;
	const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	return { phone, codeSent: true, ...record };
}

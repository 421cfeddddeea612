import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, optional, validateInput } from '../../../shared/validation';
import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, compact, kycAnswer, readActing, readAdditional, requireBody } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'RO',
		description: 'Two-letter ISO 3166 country code, e.g. RO (sent in capitals as country)',
	},
	{ displayName: 'City', name: 'city', type: 'string', default: '', description: 'Sent as city' },
	{ displayName: 'Street', name: 'street', type: 'string', default: '', description: 'Street and number, sent as street' },
	{ displayName: 'ZIP Code', name: 'zip', type: 'string', default: '', description: 'Postal code, sent as zip' },
	additionalFieldsProperty,
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['kyc'], operation: ['address'] } }, properties);

const schema = z.object({
	country: optional(fields.symbol({ pattern: /^[A-Za-z]{2}$/, example: 'RO', upperCase: true, max: 2, message: 'must be a two-letter country code such as RO' })),
	city: optional(fields.text({ max: 100 })),
	street: optional(fields.text({ max: 200 })),
	zip: optional(fields.text({ max: 16, pattern: /^[A-Za-z0-9 -]+$/, patternMessage: 'must be a postal code (letters, digits, spaces and -)' })),
});

/**
 * POST /user/{user}/kyc/address (spec §10.13: the path is UNDOCUMENTED, INFERRED from
 * personal-data; field names from the checkout `user` object). A retry may resend the same address.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			country: this.getNodeParameter('country', itemIndex, ''),
			city: this.getNodeParameter('city', itemIndex, ''),
			street: this.getNodeParameter('street', itemIndex, ''),
			zip: this.getNodeParameter('zip', itemIndex, ''),
		},
		itemIndex,
		{ country: 'Country', city: 'City', street: 'Street', zip: 'ZIP Code' },
	);
	const additional = readAdditional(this, itemIndex, { country: 'Country', city: 'City', street: 'Street', zip: 'ZIP Code' });
	const body = { ...additional, ...compact(input) };
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/{user}/kyc/address', body: requireBody(this, itemIndex, body), write: true, expect: 'jsonOrEmpty' },
		acting,
		itemIndex,
	);
	return kycAnswer(answer, 'address');
}

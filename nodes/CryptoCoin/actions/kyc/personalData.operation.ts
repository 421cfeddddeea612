import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, optional, validateInput } from '../../../shared/validation';
import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, compact, kycAnswer, readActing, readAdditional, requireBody } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'Sent as first_name' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'Sent as last_name' },
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'string',
		default: '',
		placeholder: '2000-01-31',
		description: 'YYYY-MM-DD, sent as dob',
	},
	additionalFieldsProperty,
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['kyc'], operation: ['personalData'] } }, properties);

const name = optional(fields.text({ max: 100 }));

/** YYYY-MM-DD of a real calendar day. */
const dateOfBirth = fields.text({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: 'must be a date such as 2000-01-31 (YYYY-MM-DD)' }).refine((value) => {
	if (typeof value !== 'string') return true;
	const [year, month, day] = value.split('-').map((part) => parseInt(part, 10));
	const date = new Date(Date.UTC(year, month - 1, day));
	return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getTime() <= Date.now();
}, 'must be a past calendar date such as 2000-01-31');

const schema = z.object({ firstName: name, lastName: name, dateOfBirth: optional(dateOfBirth) });

/**
 * POST /user/{user}/kyc/personal-data (spec §10.13, DOC path). The body is UNDOCUMENTED; the
 * field names first_name, last_name and dob are INFERRED from the checkout `user` object.
 * Submitting the same data again replaces it with itself, so a retry may resend it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			firstName: this.getNodeParameter('firstName', itemIndex, ''),
			lastName: this.getNodeParameter('lastName', itemIndex, ''),
			dateOfBirth: this.getNodeParameter('dateOfBirth', itemIndex, ''),
		},
		itemIndex,
		{ firstName: 'First Name', lastName: 'Last Name', dateOfBirth: 'Date of Birth' },
	);
	const additional = readAdditional(this, itemIndex, { first_name: 'First Name', last_name: 'Last Name', dob: 'Date of Birth' });
	const body = { ...additional, ...compact({ first_name: input.firstName, last_name: input.lastName, dob: input.dateOfBirth }) };
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/{user}/kyc/personal-data', body: requireBody(this, itemIndex, body), write: true, expect: 'jsonOrEmpty' },
		acting,
		itemIndex,
	);
	return kycAnswer(answer, 'personalData');
}

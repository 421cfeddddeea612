import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { cryptoCoinRequest, expectAnswerFor } from '../../transport';
import { additionalFieldsProperty, codeField, emailField, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'E-mail address the code was sent to',
	},
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		description: 'The confirmation code from the e-mail',
	},
	additionalFieldsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['verifyEmail'] } }, properties);

const schema = z.object({ email: emailField, code: codeField });

/** POST /user/verify, public (spec §10.2): INFERRED body `email` + `code`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ email: this.getNodeParameter('email', itemIndex), code: this.getNodeParameter('code', itemIndex) },
		itemIndex,
		{ email: 'Email', code: 'Code' },
	);
	const additional = readAdditional(this, itemIndex, { email: 'Email', code: 'Code' });
	// Verifying twice with the same code changes nothing more, so a retry may resend it.
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/verify', body: { ...additional, email: input.email, code: input.code }, public: true, write: true, expect: 'jsonOrEmpty' },
		{},
		itemIndex,
	);
	const data = (answer as { data?: unknown } | undefined)?.data;
	const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	expectAnswerFor(this, record, [{ name: 'user', keys: ['email'], expected: input.email, ignoreCase: true }], 'verifying the e-mail', itemIndex);
	return { email: input.email, verified: true, ...record };
}

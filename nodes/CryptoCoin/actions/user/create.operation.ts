import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { sendUnkeyedWrite } from '../../../shared/idempotency';
import { fields, validateInput } from '../../../shared/validation';
import { cryptoCoinRequest, expectAnswerFor, recordOf } from '../../transport';
import { additionalFieldsProperty, emailField, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'E-mail address of the new user; a code to verify it is sent there',
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'Password of the new user (INFERRED field; never shown in the output)',
	},
	{
		displayName: 'Platform ID',
		name: 'platformId',
		type: 'string',
		required: true,
		default: '',
		description: 'The platform ID CryptoCoin.pro gave the partner at onboarding (sent nested as platform → ID)',
	},
	additionalFieldsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

const schema = z.object({
	email: emailField,
	password: fields.text({ max: 200 }),
	platformId: fields.text({ max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternMessage: 'must be the platform ID from onboarding (letters, digits, - and _)' }),
});

/** POST /user, public (spec §10.1): body `email`, `password` (INFERRED) and `platform.id` (DOC). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{
			email: this.getNodeParameter('email', itemIndex),
			password: this.getNodeParameter('password', itemIndex),
			platformId: this.getNodeParameter('platformId', itemIndex),
		},
		itemIndex,
		{ email: 'Email', password: 'Password', platformId: 'Platform ID' },
	);
	const additional = readAdditional(this, itemIndex, { email: 'Email', password: 'Password', platform: 'Platform ID' });
	const body: IDataObject = { ...additional, email: input.email, password: input.password, platform: { id: input.platformId } };
	const answer = await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'user registration',
		check: 'whether a user with this e-mail now exists (log in as them, or verify the e-mail)',
		send: async () => await cryptoCoinRequest.call(this, { method: 'POST', path: '/user', body, public: true, write: true }, {}, itemIndex),
	});
	const user = expectAnswerFor(
		this,
		recordOf(this, answer, 'creating a user', itemIndex),
		[{ name: 'user', keys: ['email'], expected: input.email, ignoreCase: true }],
		'creating a user',
		itemIndex,
		'The user may have been created. Check whether a user with this e-mail exists before trying again.',
	);
	// The password is never echoed into the workflow data, even if the service returns it.
	const output: IDataObject = { ...user };
	delete output.password;
	delete output.password_confirmation;
	return output;
}

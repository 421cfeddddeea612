import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { fields, optional, validateInput } from '../../shared/validation';
import { authTypeOf, type Acting } from '../transport';
import { isEmail, parseUserIdentity } from '../transport/auth';

/** "User ID" and "Act for User": whom an authenticated operation acts for. */
export const actingProperties: INodeProperties[] = [
	{
		displayName: 'Act for User',
		name: 'actForUser',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		description:
			'Platform credentials only: the e-mail or user ID of the user to act for on this item. Leave empty for the user named in the credential. Each user gets their own login token.',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 9b7d4c1e-…',
		description:
			'The {user} path segment. Leave empty for the logged-in user (the ID CryptoCoin.pro returned at login).',
	},
];

/** The Additional Fields (JSON) parameter: body fields the API may need that the node does not know. */
export const additionalFieldsProperty: INodeProperties = {
	displayName: 'Additional Fields (JSON)',
	name: 'additionalFields',
	type: 'json',
	default: '{}',
	description:
		'More body fields as a JSON object, for fields the public CryptoCoin.pro documentation does not list. They are sent as given.',
};

/**
 * A record ID in a path: 1–100 ASCII letters, digits, - and _, starting with a letter or digit
 * (no slash, no space). IDs are UUIDs or numbers in every example; other IDs are taken as opaque
 * text (INFERRED) and sent URL-encoded as typed.
 */
export const recordId = fields.text({
	max: 100,
	pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
	patternMessage: 'must be an ID of letters, digits, - and _ only, such as 9b7d4c1e-1111-4222-8333-444455556666 or 42',
});

export const emailField = fields
	.text({ max: 254 })
	// The text rule reports its own problem first; the refinement only looks at text that passed it.
	.refine((value) => typeof value !== 'string' || isEmail(value), 'must be an e-mail address such as name@email.com');

/** An SMS or e-mail code: 1–32 ASCII letters or digits. */
export const codeField = fields.text({
	max: 32,
	pattern: /^[A-Za-z0-9-]+$/,
	patternMessage: 'must be the code from the message (letters and digits)',
});

const actingSchema = z.object({
	userId: optional(recordId),
	actForUser: optional(
		fields.text({ max: 254 }).refine(
			(value) => typeof value !== 'string' || parseUserIdentity(value) !== undefined,
			'must be an e-mail address or a user ID (letters, digits, - and _)',
		),
	),
});

/** Reads User ID and Act for User, refusing Act for User with a User credential before sending. */
export async function readActing(ctx: IExecuteFunctions, itemIndex: number): Promise<Acting> {
	const input = validateInput(
		ctx.getNode(),
		actingSchema,
		{
			userId: ctx.getNodeParameter('userId', itemIndex, ''),
			actForUser: ctx.getNodeParameter('actForUser', itemIndex, ''),
		},
		itemIndex,
		{ userId: 'User ID', actForUser: 'Act for User' },
	);
	const acting: Acting = {};
	if (input.userId) acting.userId = input.userId;
	if (input.actForUser) {
		if ((await authTypeOf(ctx)) === 'user') {
			throw new NodeOperationError(ctx.getNode(), 'Act for User: needs a CryptoCoin credential with Platform authentication', {
				itemIndex,
				description: 'A User credential (e-mail and password) can only act for its own user. Nothing was sent.',
			});
		}
		acting.actFor = parseUserIdentity(input.actForUser);
	}
	return acting;
}

const additionalSchema = z.object({ additionalFields: optional(fields.jsonObject()) });

/**
 * Reads Additional Fields (JSON) as an object and merges it under the documented fields. A key
 * that a documented field of the operation also sets is refused, so nothing is silently replaced.
 */
export function readAdditional(
	ctx: IExecuteFunctions,
	itemIndex: number,
	reserved: Record<string, string> = {},
	label = 'Additional Fields (JSON)',
): IDataObject {
	const { additionalFields } = validateInput(
		ctx.getNode(),
		additionalSchema,
		{ additionalFields: ctx.getNodeParameter('additionalFields', itemIndex, '{}') },
		itemIndex,
		{ additionalFields: label },
	);
	const extra = (additionalFields ?? {}) as IDataObject;
	for (const key of Object.keys(extra)) {
		if (reserved[key]) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${label}: "${key.slice(0, 60)}" is set by the ${reserved[key]} field; remove it from the JSON`,
				{ itemIndex, description: 'Nothing was sent.' },
			);
		}
	}
	return extra;
}

/** Drops undefined values, so optional fields left empty are not sent. */
export function compact(object: Record<string, unknown>): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) if (value !== undefined) result[key] = value as IDataObject[string];
	return result;
}

/** The output of a KYC submission: the record the service answered, or what was submitted. */
export function kycAnswer(answer: unknown, part: string): IDataObject {
	const data = (answer as { data?: unknown } | undefined)?.data;
	const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {};
	return { kycPart: part, submitted: true, ...record };
}

/** A KYC submission with no field at all is refused before sending. */
export function requireBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	label = 'Additional Fields (JSON)',
): IDataObject {
	if (Object.keys(body).length > 0) return body;
	throw new NodeOperationError(ctx.getNode(), `${label}: give at least one field to submit`, {
		itemIndex,
		description: 'Every field of this KYC part is empty. Nothing was sent.',
	});
}

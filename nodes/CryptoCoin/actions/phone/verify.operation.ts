import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, codeField, readActing, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		description: 'The code from the SMS',
	},
	additionalFieldsProperty,
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['verify'] } }, properties);

const schema = z.object({ code: codeField });

/** POST /user/{user}/phone/verify (spec §10.5): INFERRED body `code`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { code } = validateInput(this.getNode(), schema, { code: this.getNodeParameter('code', itemIndex) }, itemIndex, {
		code: 'Code',
	});
	const additional = readAdditional(this, itemIndex, { code: 'Code' });
	const acting = await readActing(this, itemIndex);
	// Verifying with the same code twice changes nothing more, so a retry may resend it.
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/{user}/phone/verify', body: { ...additional, code }, write: true, expect: 'jsonOrEmpty' },
		acting,
		itemIndex,
	);
	const data = (answer as { data?: unknown } | undefined)?.data;
	return { verified: true, ...(typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : {}) };
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, validateInput } from '../../../shared/validation';
import { binaryPart } from '../../helpers/binary';
import { formFields, multipartBody, type FormPart } from '../../helpers/multipart';
import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, kycAnswer, readActing, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		default: 'id_card',
		options: [
			{ name: 'Driving Licence', value: 'driving_license' },
			{ name: 'ID Card', value: 'id_card' },
			{ name: 'Passport', value: 'passport' },
			{ name: 'Proof of Address', value: 'proof_of_address' },
		],
		description: 'Sent as type (INFERRED values)',
	},
	{
		displayName: 'Front Side Binary Field',
		name: 'frontBinaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary property of the input item with the front side (or the only page), sent as file field front',
	},
	{
		displayName: 'Back Side Binary Field',
		name: 'backBinaryPropertyName',
		type: 'string',
		default: '',
		description: 'Optional: the binary property with the back side, sent as file field back',
	},
	{ ...additionalFieldsProperty, description: 'More form fields sent next to the files, as a JSON object' },
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['kyc'], operation: ['documents'] } }, properties);

const schema = z.object({
	documentType: fields.text({ max: 40, pattern: /^[a-z_]+$/, patternMessage: 'must be a document type such as passport' }),
});

/**
 * POST /user/{user}/kyc/documents as multipart/form-data (spec §10.13: path, field names and
 * values UNDOCUMENTED, INFERRED: `type`, files `front` and `back`). A retry may upload the same files again.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { documentType } = validateInput(this.getNode(), schema, { documentType: this.getNodeParameter('documentType', itemIndex) }, itemIndex, {
		documentType: 'Document Type',
	});
	const additional = readAdditional(this, itemIndex, { type: 'Document Type', front: 'Front Side Binary Field', back: 'Back Side Binary Field' });
	const parts: FormPart[] = [...formFields({ type: documentType }), ...formFields(additional)];
	parts.push(await binaryPart(this, itemIndex, String(this.getNodeParameter('frontBinaryPropertyName', itemIndex)), 'front', 'Front Side Binary Field'));
	const back = String(this.getNodeParameter('backBinaryPropertyName', itemIndex, '')).trim();
	if (back) parts.push(await binaryPart(this, itemIndex, back, 'back', 'Back Side Binary Field'));
	const { body, contentType } = multipartBody(parts);
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/{user}/kyc/documents', body, headers: { 'Content-Type': contentType }, write: true, expect: 'jsonOrEmpty' },
		acting,
		itemIndex,
	);
	return { ...kycAnswer(answer, 'documents'), documentType, files: parts.filter((part) => 'file' in part).map((part) => part.name) };
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { binaryPart } from '../../helpers/binary';
import { formFields, multipartBody } from '../../helpers/multipart';
import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, kycAnswer, readActing, readAdditional } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary property of the input item with the video, sent as file field video',
	},
	{ ...additionalFieldsProperty, description: 'More form fields sent next to the video, as a JSON object' },
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['kyc'], operation: ['video'] } }, properties);

/** POST /user/{user}/kyc/video as multipart/form-data (spec §10.13: path and field UNDOCUMENTED, INFERRED). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = readAdditional(this, itemIndex, { video: 'Input Binary Field' });
	const file = await binaryPart(this, itemIndex, String(this.getNodeParameter('binaryPropertyName', itemIndex)), 'video', 'Input Binary Field');
	const { body, contentType } = multipartBody([...formFields(additional), file]);
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/{user}/kyc/video', body, headers: { 'Content-Type': contentType }, write: true, expect: 'jsonOrEmpty' },
		acting,
		itemIndex,
	);
	return kycAnswer(answer, 'video');
}

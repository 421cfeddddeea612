import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { cryptoCoinRequest } from '../../transport';
import { actingProperties, additionalFieldsProperty, kycAnswer, readActing, readAdditional, requireBody } from '../common';

const properties: INodeProperties[] = [
	{
		...additionalFieldsProperty,
		displayName: 'EDD Fields (JSON)',
		description:
			'The enhanced due diligence answers as a JSON object, e.g. {"source_of_funds": "salary"}. The fields are UNDOCUMENTED publicly.',
	},
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['kyc'], operation: ['edd'] } }, properties);

/** POST /user/{user}/kyc/edd (spec §10.13: path and body UNDOCUMENTED, INFERRED). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = requireBody(this, itemIndex, readAdditional(this, itemIndex, {}, 'EDD Fields (JSON)'), 'EDD Fields (JSON)');
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'POST', path: '/user/{user}/kyc/edd', body, write: true, expect: 'jsonOrEmpty' },
		acting,
		itemIndex,
	);
	return kycAnswer(answer, 'edd');
}

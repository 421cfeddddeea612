import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { cryptoCoinRequest, expectAnswerFor, recordOf } from '../../transport';
import { actingProperties, readActing, recordId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Quote ID',
		name: 'quoteId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the quote, as Quote → Create returned it',
	},
	...actingProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['quote'], operation: ['get'] } }, properties);

const schema = z.object({ quoteId: recordId });

/** GET /user/{user}/quote/{quote} (spec §10.14, INFERRED path). Status: available, completed or expired. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { quoteId } = validateInput(this.getNode(), schema, { quoteId: this.getNodeParameter('quoteId', itemIndex) }, itemIndex, {
		quoteId: 'Quote ID',
	});
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(
		this,
		{ method: 'GET', path: `/user/{user}/quote/${encodeURIComponent(quoteId)}` },
		acting,
		itemIndex,
	);
	const quote = recordOf(this, answer, 'getting a quote', itemIndex);
	return expectAnswerFor(this, quote, [{ name: 'quote', keys: ['id'], expected: quoteId }], `getting quote ${quoteId}`, itemIndex);
}

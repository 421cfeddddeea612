import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { unexpectedAnswer } from '../../../shared/errors';
import { validateInput } from '../../../shared/validation';
import { walletRequest } from '../../transport';
import { entryId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Entry ID',
		name: 'entryId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5f3c9a1b2c4d5e6f7a8b9c0d',
		description: 'ID of the entry that gave the item (the entry ID is the item ID)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['useItem'] } },
	properties,
);

const schema = z.object({ entryId });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ entryId: this.getNodeParameter('entryId', itemIndex) },
		itemIndex,
		{ entryId: 'Entry ID' },
	);
	const response = await walletRequest.call(
		this,
		'POST',
		`/entry/${encodeURIComponent(input.entryId)}/inventory/use`,
		{},
		itemIndex,
	);
	const entry = response.entry as unknown;
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
		throw unexpectedAnswer(this.getNode(), {
			service: 'Wallet Service',
			what: 'no entry in the answer',
			itemIndex,
			write: true,
			check: `whether the item of entry ${input.entryId} is marked used (Inventory → Get Many)`,
		});
	}
	return entry as IDataObject;
}

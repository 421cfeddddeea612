import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { applyLimit } from '../../../shared/pagination';
import { readReturnAllAndLimit, validateInput } from '../../../shared/validation';
import { listIn, walletRequest } from '../../transport';
import { entryIdList, idList, idListField } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Used',
		name: 'used',
		type: 'options',
		default: 'unused',
		options: [
			{ name: 'All Items', value: 'all', description: 'Do not filter by used status' },
			{ name: 'Unused Only', value: 'unused', description: 'Items not yet marked as used' },
			{ name: 'Used Only', value: 'used', description: 'Items already marked as used' },
		],
		description: 'Which items to return by their used status',
	},
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			idListField('Authority IDs', 'authorityIds', 'Only items these authorities gave.'),
			idListField('Entry IDs', 'entryIds', 'Only the items of these entries.'),
			idListField('User IDs', 'userIds', 'Only these users\' items.'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['getAll'] } },
	properties,
);

const schema = z.object({
	entryIds: entryIdList,
	userIds: idList,
	authorityIds: idList,
	used: z.enum(['all', 'unused', 'used'], {
		errorMap: () => ({ message: 'must be one of: all, unused, used' }),
	}),
});

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllAndLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		schema,
		{ ...filters, used: this.getNodeParameter('used', itemIndex) },
		itemIndex,
		{ entryIds: 'Entry IDs', userIds: 'User IDs', authorityIds: 'Authority IDs', used: 'Used' },
	);
	const qs: IDataObject = {
		entry_ids: input.entryIds.join(','),
		user_ids: input.userIds.join(','),
		authority_ids: input.authorityIds.join(','),
	};
	// Tri-state as in the SDK: used=false, used=true, or no parameter for "all" (spec §12.4).
	if (input.used !== 'all') qs.used = input.used === 'used' ? 'true' : 'false';

	const response = await walletRequest.call(this, 'GET', '/entry/inventory', { qs }, itemIndex);
	return applyLimit(listIn(this, response, 'inventory', itemIndex), returnAll, limit);
}

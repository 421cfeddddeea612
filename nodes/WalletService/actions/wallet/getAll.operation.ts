import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { applyLimit } from '../../../shared/pagination';
import { readReturnAllAndLimit, validateInput } from '../../../shared/validation';
import { listIn, walletRequest } from '../../transport';
import { idList, idListField } from '../common';

const show = { resource: ['wallet'], operation: ['getAll'] };

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			idListField(
				'Authority IDs',
				'authorityIds',
				'Only count entries these authorities created.',
			),
			idListField('User IDs', 'userIds', 'Only these users\' wallets.'),
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

const schema = z.object({ userIds: idList, authorityIds: idList });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllAndLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const input = validateInput(this.getNode(), schema, filters, itemIndex, {
		userIds: 'User IDs',
		authorityIds: 'Authority IDs',
	});
	// The service has no paging: it answers with every wallet at once (spec §8). The SDK always
	// sends both filters, empty meaning "no filter".
	const response = await walletRequest.call(
		this,
		'GET',
		'/wallet',
		{ qs: { user_ids: input.userIds.join(','), authority_ids: input.authorityIds.join(',') } },
		itemIndex,
	);
	return applyLimit(listIn(this, response, 'wallets', itemIndex), returnAll, limit);
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { getUser } from '../../transport';
import { uuid } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '729c1eec-f03f-3a52-b391-6092cfaba3fb',
		description: 'The Mixin user ID (a UUID), e.g. the opponent_id of a snapshot',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

const schema = z.object({ userId: uuid() });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ userId: this.getNodeParameter('userId', itemIndex) },
		itemIndex,
		{ userId: 'User ID' },
	);
	return await getUser.call(this, input.userId, itemIndex);
}

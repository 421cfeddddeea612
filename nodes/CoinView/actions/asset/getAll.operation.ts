import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { applyLimit } from '../../../shared/pagination';
import { fields, validateInput } from '../../../shared/validation';
import { listAssets } from '../../transport';

const show = { resource: ['asset'], operation: ['getAll'] };

const properties: INodeProperties[] = [...returnAllOrLimit(show, { maxLimit: 1000 })];

export const description = updateDisplayOptions({ show }, properties);

const schema = z.object({
	returnAll: z.boolean(),
	limit: fields.wholeNumber({ min: 1, max: 1000 }),
});

/** GET /assets returns the whole list (Mixin lists only assets with a balance); Limit is applied here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const input = validateInput(
		this.getNode(),
		schema,
		{ returnAll, limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50) },
		itemIndex,
		{ limit: 'Limit', returnAll: 'Return All' },
	);
	const assets = await listAssets.call(this, itemIndex);
	return applyLimit(assets, input.returnAll, input.limit);
}

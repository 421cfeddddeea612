import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { getAsset } from '../../transport';
import { assetLocator, locatorValue, uuid } from '../common';

const properties: INodeProperties[] = [assetLocator('The asset to read: balance, prices, deposit entries')];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['get'] } }, properties);

const schema = z.object({ asset: uuid() });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ asset: locatorValue(this.getNodeParameter('asset', itemIndex)) },
		itemIndex,
		{ asset: 'Asset' },
	);
	return await getAsset.call(this, input.asset, itemIndex);
}

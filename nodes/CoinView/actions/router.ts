import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { coinViewTable } from './node.table';

export const resources: ResourceMap = resourceMap(coinViewTable);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: 1 });
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { cryptoCoinTable } from './node.table';

/** Reads run one item at a time unless the node's Concurrency option says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

export const resources: ResourceMap = resourceMap(cryptoCoinTable);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, {
		defaultConcurrency: DEFAULT_CONCURRENCY,
		parameter: 'requestOptions.concurrency',
	});
}

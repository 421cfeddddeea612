import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { cryptoCoinTable } from './node.table';

/**
 * Reads of up to eight items run at once (Request Options → Concurrency); items that start together
 * share one login per user. Writes run one at a time.
 */
export const DEFAULT_CONCURRENCY = 8;

export const resources: ResourceMap = resourceMap(cryptoCoinTable);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, {
		defaultConcurrency: DEFAULT_CONCURRENCY,
		parameter: 'requestOptions.concurrency',
	});
}

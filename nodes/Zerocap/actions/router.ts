import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap, writeOperations } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { zerocapTable } from './node.table';

export const resources: ResourceMap = resourceMap(zerocapTable);

/** Order look-ups are independent; eight at once hides network latency. */
export const DEFAULT_CONCURRENCY = 8;
/** Operations the Concurrency option does not apply to (they write). */
export const WRITE_OPERATIONS = writeOperations(zerocapTable);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: DEFAULT_CONCURRENCY });
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap, writeOperations } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { coinViewTable } from './node.table';

export const resources: ResourceMap = resourceMap(coinViewTable);

/** Reads at once; Mixin's 429s are waited out with backoff, so eight stays within its limits. */
export const DEFAULT_CONCURRENCY = 8;
/** Operations the Concurrency option does not apply to (they write). */
export const WRITE_OPERATIONS = writeOperations(coinViewTable);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: DEFAULT_CONCURRENCY });
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap, writeOperations } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { walletServiceTable } from './node.table';

export const resources: ResourceMap = resourceMap(walletServiceTable);

/**
 * Reads of a self-hosted service with no published rate limit: 32 at once keeps up with the HTTP
 * Request node (which sends every item at once) on a loopback or LAN link.
 */
export const DEFAULT_CONCURRENCY = 32;
/** Operations the Concurrency option does not apply to (they write). */
export const WRITE_OPERATIONS = writeOperations(walletServiceTable);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: DEFAULT_CONCURRENCY });
}

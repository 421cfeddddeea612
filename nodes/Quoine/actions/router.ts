import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { resourceMap } from '../../shared/operationTable';
import { runOperation, type ResourceMap } from '../../shared/router';
import { quoineTable } from './node.table';

/**
 * Every node operation (see node.table.ts); together they cover the 36 python-quoine methods (see the README).
 * Public reads run in parallel up to the node's Concurrency; signed calls carry nonces that must
 * reach the exchange in increasing order, so they run one at a time (sequential in the
 * table); writes too (write).
 */
export const resources: ResourceMap = resourceMap(quoineTable);

/** Public reads are paced like every request; eight at once keeps loopback and WAN latency hidden. */
export const DEFAULT_CONCURRENCY = 8;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, {
		defaultConcurrency: DEFAULT_CONCURRENCY,
		parameter: 'requestOptions.concurrency',
	});
}

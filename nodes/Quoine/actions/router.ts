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

/**
 * Public reads are paced like every request (300 per 5 minutes by default), so the pacing, not
 * this number, decides what the exchange sees: the first 300 requests of a run go out within
 * about a second at 8 or at 32 alike. 32 keeps up with the HTTP Request node on loopback
 * (docs/benchmarks.md).
 */
export const DEFAULT_CONCURRENCY = 32;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, {
		defaultConcurrency: DEFAULT_CONCURRENCY,
		parameter: 'requestOptions.concurrency',
	});
}

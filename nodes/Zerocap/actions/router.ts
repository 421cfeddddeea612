import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asWrite, runOperation, type ResourceMap } from '../../shared/router';
import * as order from './order/Order.resource';

export const resources: ResourceMap = {
	order: { create: asWrite(order.create), get: order.get, getAll: order.getAll },
};

/** Order look-ups are independent; eight at once hides network latency. */
export const DEFAULT_CONCURRENCY = 8;
/** Operations the Concurrency option does not apply to (they write). */
export const WRITE_OPERATIONS = ['create'];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: DEFAULT_CONCURRENCY });
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type ResourceMap } from '../../shared/router';
import * as order from './order/Order.resource';

const resources: ResourceMap = {
	order: { create: order.create, get: order.get, getAll: order.getAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asWrite, runOperation, type ResourceMap } from '../../shared/router';
import * as entry from './entry/Entry.resource';
import * as inventory from './inventory/Inventory.resource';
import * as service from './service/Service.resource';
import * as wallet from './wallet/Wallet.resource';

export const resources: ResourceMap = {
	entry: { create: asWrite(entry.create) },
	wallet: { getAll: wallet.getAll },
	inventory: { getAll: inventory.getAll, useItem: asWrite(inventory.useItem) },
	service: { checkHealth: service.checkHealth },
};

/** Reads of a self-hosted service; eight at once hides network latency without crowding it. */
export const DEFAULT_CONCURRENCY = 8;
/** Operations the Concurrency option does not apply to (they write). */
export const WRITE_OPERATIONS = ['create', 'useItem'];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: DEFAULT_CONCURRENCY });
}

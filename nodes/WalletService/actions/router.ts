import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type ResourceMap } from '../../shared/router';
import * as entry from './entry/Entry.resource';
import * as inventory from './inventory/Inventory.resource';
import * as service from './service/Service.resource';
import * as wallet from './wallet/Wallet.resource';

const resources: ResourceMap = {
	entry: { create: entry.create },
	wallet: { getAll: wallet.getAll },
	inventory: { getAll: inventory.getAll, useItem: inventory.useItem },
	service: { checkHealth: service.checkHealth },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asWrite, runOperation, type ResourceMap } from '../../shared/router';
import * as asset from './asset/Asset.resource';
import * as payment from './payment/Payment.resource';
import * as transaction from './transaction/Transaction.resource';
import * as transfer from './transfer/Transfer.resource';
import * as user from './user/User.resource';

export const resources: ResourceMap = {
	asset: { get: asset.get, getAll: asset.getAll },
	transaction: { getAll: transaction.getAll },
	transfer: { create: asWrite(transfer.create), getByTraceId: transfer.getByTraceId },
	user: { get: user.get },
	payment: { verify: payment.verify },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, { defaultConcurrency: 1 });
}

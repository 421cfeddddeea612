import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asWrite, runOperation, type ResourceMap } from '../../shared/router';
import * as bank from './bank/Bank.resource';
import * as card from './card/Card.resource';
import * as kyc from './kyc/Kyc.resource';
import * as order from './order/Order.resource';
import * as phone from './phone/Phone.resource';
import * as quote from './quote/Quote.resource';
import * as user from './user/User.resource';
import * as wallet from './wallet/Wallet.resource';

/** Reads run one item at a time unless the node's Concurrency option says otherwise. */
export const DEFAULT_CONCURRENCY = 1;

export const resources: ResourceMap = {
	user: { create: asWrite(user.create), verifyEmail: asWrite(user.verifyEmail), getProfile: user.getProfile },
	phone: { add: asWrite(phone.add), verify: asWrite(phone.verify) },
	bank: { add: asWrite(bank.add), getAll: bank.getAll, delete: asWrite(bank.deleteOperation) },
	card: { add: asWrite(card.add), getAll: card.getAll, delete: asWrite(card.deleteOperation) },
	wallet: { add: asWrite(wallet.add), getAll: wallet.getAll, delete: asWrite(wallet.deleteOperation) },
	quote: { create: asWrite(quote.create), get: quote.get, confirm: asWrite(quote.confirm) },
	order: { get: order.get, getAll: order.getAll, confirmPayment: asWrite(order.confirmPayment) },
	kyc: {
		personalData: asWrite(kyc.personalData),
		address: asWrite(kyc.address),
		documents: asWrite(kyc.documents),
		video: asWrite(kyc.video),
		edd: asWrite(kyc.edd),
		getStatus: kyc.getStatus,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, {
		defaultConcurrency: DEFAULT_CONCURRENCY,
		parameter: 'requestOptions.concurrency',
	});
}

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { concurrencyProperty } from '../shared/descriptions';
import * as bank from './actions/bank/Bank.resource';
import * as card from './actions/card/Card.resource';
import * as kyc from './actions/kyc/Kyc.resource';
import * as order from './actions/order/Order.resource';
import * as phone from './actions/phone/Phone.resource';
import * as quote from './actions/quote/Quote.resource';
import { DEFAULT_CONCURRENCY, router } from './actions/router';
import * as user from './actions/user/User.resource';
import * as wallet from './actions/wallet/Wallet.resource';

export class CryptoCoin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CryptoCoin',
		name: 'cryptoCoin',
		icon: { light: 'file:cryptoCoin.svg', dark: 'file:cryptoCoin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"bank:add":"Add Bank Account","bank:delete":"Delete Bank Account","bank:getAll":"Get Many Bank Accounts","card:add":"Add Card","card:delete":"Delete Card","card:getAll":"Get Many Cards","kyc:getStatus":"Get KYC Status","kyc:address":"Submit KYC Address","kyc:documents":"Submit KYC Documents","kyc:edd":"Submit KYC EDD Answers","kyc:personalData":"Submit KYC Personal Data","kyc:video":"Submit KYC Video","order:confirmPayment":"Confirm Payment of Order","order:get":"Get Order","order:getAll":"Get Many Orders","phone:add":"Add Phone Number","phone:verify":"Verify Phone Number","quote:confirm":"Confirm Quote","quote:create":"Create Quote","quote:get":"Get Quote","user:create":"Create User","user:getProfile":"Get User Profile","user:verifyEmail":"Verify User Email","wallet:add":"Add Wallet","wallet:delete":"Delete Wallet","wallet:getAll":"Get Many Wallets"}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		description:
			'Onboard users, verify them, add payment methods, quote, confirm and pay orders, and submit KYC on CryptoCoin.pro',
		defaults: { name: 'CryptoCoin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cryptoCoinApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bank', value: 'bank' },
					{ name: 'Card', value: 'card' },
					{ name: 'KYC', value: 'kyc' },
					{ name: 'Order', value: 'order' },
					{ name: 'Phone', value: 'phone' },
					{ name: 'Quote', value: 'quote' },
					{ name: 'User', value: 'user' },
					{ name: 'Wallet', value: 'wallet' },
				],
				default: 'user',
			},
			...bank.description,
			...card.description,
			...kyc.description,
			...order.description,
			...phone.description,
			...quote.description,
			...user.description,
			...wallet.description,
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [concurrencyProperty(DEFAULT_CONCURRENCY, 'Applies to reads (Get, Get Many, Get Profile, Get Status)')],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as execution from './actions/execution/Execution.resource';
import * as interestRate from './actions/interestRate/InterestRate.resource';
import * as loan from './actions/loan/Loan.resource';
import * as loanBid from './actions/loanBid/LoanBid.resource';
import * as order from './actions/order/Order.resource';
import * as product from './actions/product/Product.resource';
import { DEFAULT_CONCURRENCY, router } from './actions/router';
import { concurrencyProperty } from '../shared/descriptions';
import { operationSubtitle } from '../shared/subtitle';
import * as trade from './actions/trade/Trade.resource';
import * as tradingAccount from './actions/tradingAccount/TradingAccount.resource';
import { searchProducts } from './methods/listSearch';

export class Quoine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Quoine',
		name: 'quoine',
		icon: { light: 'file:quoine.svg', dark: 'file:quoine.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle([
			...account.description,
			...execution.description,
			...interestRate.description,
			...loan.description,
			...loanBid.description,
			...order.description,
			...product.description,
			...trade.description,
			...tradingAccount.description,
		]),
		description:
			'Trade spot and margin, lend and read market data on Quoinex, Qryptos and Liquid (Quoine API v2)',
		defaults: { name: 'Quoine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'quoineApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Execution', value: 'execution' },
					{ name: 'Interest Rate', value: 'interestRate' },
					{ name: 'Loan', value: 'loan' },
					{ name: 'Loan Bid', value: 'loanBid' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Trade', value: 'trade' },
					{ name: 'Trading Account', value: 'tradingAccount' },
				],
				default: 'order',
			},
			...account.description,
			...execution.description,
			...interestRate.description,
			...loan.description,
			...loanBid.description,
			...order.description,
			...product.description,
			...trade.description,
			...tradingAccount.description,
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						...concurrencyProperty(
							DEFAULT_CONCURRENCY,
							'Applies to public reads (products, order books, public executions, interest rates); signed calls carry increasing nonces and run one at a time.',
						),
					},
					{
						displayName: 'Max Rate-Limit Wait (Seconds)',
						name: 'maxRateLimitWait',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Longest total time to wait for the request budget or after an HTTP 429 (too many requests) answer before failing',
					},
					{
						displayName: 'Requests per 5 Minutes',
						name: 'requestsPerWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Request budget of the API token; requests are paced to stay within it. Quoine allows 300, Liquid 600. 0 turns pacing off.',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchProducts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

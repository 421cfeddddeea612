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
		subtitle:
			'={{ {"account:createFiatAccount":"Create Fiat Account","account:getBalances":"Get Account Balances","account:getCryptoAccounts":"Get Crypto Accounts","account:getFiatAccounts":"Get Fiat Accounts","account:getMainAsset":"Get Main Asset","execution:getAll":"Get Many Executions of Product","execution:getMine":"Get My Executions of Product","execution:getSinceTime":"Get Executions Since Time","interestRate:getLadder":"Get Interest Rate Ladder","loan:getAll":"Get Many Loans","loan:update":"Update Loan","loanBid:close":"Close Loan Bid","loanBid:create":"Create Loan Bid","loanBid:getAll":"Get Many Loan Bids","order:cancel":"Cancel Order","order:createLimit":"Create Limit Order","order:createMargin":"Create Margin Order","order:createMarket":"Create Market Order","order:createMarketWithRange":"Create Market Order with Price Range","order:get":"Get Order","order:getAll":"Get Many Orders","order:getTrades":"Get Trades of Order","order:update":"Update Order","product:get":"Get Product","product:getAll":"Get Many Products","product:getOrderBook":"Get Order Book of Product","trade:close":"Close Trade","trade:closeAll":"Close All Trades","trade:getLoans":"Get Loans of Trade","trade:getAll":"Get Many Trades","trade:update":"Update Trade","tradingAccount:get":"Get Trading Account","tradingAccount:getAll":"Get Many Trading Accounts","tradingAccount:updateLeverage":"Update Leverage Level of Trading Account"}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
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

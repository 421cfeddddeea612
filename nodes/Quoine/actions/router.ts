import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation, type ResourceMap } from '../../shared/router';
import * as account from './account/Account.resource';
import * as execution from './execution/Execution.resource';
import * as interestRate from './interestRate/InterestRate.resource';
import * as loan from './loan/Loan.resource';
import * as loanBid from './loanBid/LoanBid.resource';
import * as order from './order/Order.resource';
import * as product from './product/Product.resource';
import * as trade from './trade/Trade.resource';
import * as tradingAccount from './tradingAccount/TradingAccount.resource';

/** Every node operation; together they cover the 36 python-quoine methods (see the README). */
export const resources: ResourceMap = {
	product: { get: product.get, getAll: product.getAll, getOrderBook: product.getOrderBook },
	execution: { getAll: execution.getAll, getSinceTime: execution.getSinceTime, getMine: execution.getMine },
	interestRate: { getLadder: interestRate.getLadder },
	order: {
		createLimit: order.createLimit,
		createMarket: order.createMarket,
		createMarketWithRange: order.createMarketWithRange,
		createMargin: order.createMargin,
		get: order.get,
		getAll: order.getAll,
		cancel: order.cancel,
		update: order.update,
		getTrades: order.getTrades,
	},
	account: {
		getFiatAccounts: account.getFiatAccounts,
		createFiatAccount: account.createFiatAccount,
		getCryptoAccounts: account.getCryptoAccounts,
		getBalances: account.getBalances,
		getMainAsset: account.getMainAsset,
	},
	loanBid: { create: loanBid.create, getAll: loanBid.getAll, close: loanBid.close },
	loan: { getAll: loan.getAll, update: loan.update },
	tradingAccount: { get: tradingAccount.get, getAll: tradingAccount.getAll, updateLeverage: tradingAccount.updateLeverage },
	trade: {
		getAll: trade.getAll,
		close: trade.close,
		closeAll: trade.closeAll,
		update: trade.update,
		getLoans: trade.getLoans,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources);
}

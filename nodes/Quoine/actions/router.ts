import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asSequential, asWrite, runOperation, type ResourceMap } from '../../shared/router';
import * as account from './account/Account.resource';
import * as execution from './execution/Execution.resource';
import * as interestRate from './interestRate/InterestRate.resource';
import * as loan from './loan/Loan.resource';
import * as loanBid from './loanBid/LoanBid.resource';
import * as order from './order/Order.resource';
import * as product from './product/Product.resource';
import * as trade from './trade/Trade.resource';
import * as tradingAccount from './tradingAccount/TradingAccount.resource';

/**
 * Every node operation; together they cover the 36 python-quoine methods (see the README).
 * Public reads run in parallel up to the node's Concurrency; signed calls carry nonces that must
 * reach the exchange in increasing order, so they run one at a time; writes too (asWrite).
 */
export const resources: ResourceMap = {
	product: { get: product.get, getAll: product.getAll, getOrderBook: product.getOrderBook },
	execution: {
		getAll: execution.getAll,
		getSinceTime: execution.getSinceTime,
		getMine: asSequential(execution.getMine),
	},
	interestRate: { getLadder: interestRate.getLadder },
	order: {
		createLimit: asWrite(order.createLimit),
		createMarket: asWrite(order.createMarket),
		createMarketWithRange: asWrite(order.createMarketWithRange),
		createMargin: asWrite(order.createMargin),
		get: asSequential(order.get),
		getAll: asSequential(order.getAll),
		cancel: asWrite(order.cancel),
		update: asWrite(order.update),
		getTrades: asSequential(order.getTrades),
	},
	account: {
		getFiatAccounts: asSequential(account.getFiatAccounts),
		createFiatAccount: asWrite(account.createFiatAccount),
		getCryptoAccounts: asSequential(account.getCryptoAccounts),
		getBalances: asSequential(account.getBalances),
		getMainAsset: asSequential(account.getMainAsset),
	},
	loanBid: {
		create: asWrite(loanBid.create),
		getAll: asSequential(loanBid.getAll),
		close: asWrite(loanBid.close),
	},
	loan: { getAll: asSequential(loan.getAll), update: asWrite(loan.update) },
	tradingAccount: {
		get: asSequential(tradingAccount.get),
		getAll: asSequential(tradingAccount.getAll),
		updateLeverage: asWrite(tradingAccount.updateLeverage),
	},
	trade: {
		getAll: asSequential(trade.getAll),
		close: asWrite(trade.close),
		closeAll: asWrite(trade.closeAll),
		update: asWrite(trade.update),
		getLoans: asSequential(trade.getLoans),
	},
};

/** Public reads are paced like every request; eight at once keeps loopback and WAN latency hidden. */
export const DEFAULT_CONCURRENCY = 8;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation.call(this, resources, {
		defaultConcurrency: DEFAULT_CONCURRENCY,
		parameter: 'requestOptions.concurrency',
	});
}

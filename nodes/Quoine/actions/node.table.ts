import { defineOperationTable } from '../../shared/operationTable';
import * as accountCreateFiatAccount from './account/createFiatAccount.operation';
import * as accountGetBalances from './account/getBalances.operation';
import * as accountGetCryptoAccounts from './account/getCryptoAccounts.operation';
import * as accountGetFiatAccounts from './account/getFiatAccounts.operation';
import * as accountGetMainAsset from './account/getMainAsset.operation';
import * as executionGetAll from './execution/getAll.operation';
import * as executionGetMine from './execution/getMine.operation';
import * as executionGetSinceTime from './execution/getSinceTime.operation';
import * as interestRateGetLadder from './interestRate/getLadder.operation';
import * as loanGetAll from './loan/getAll.operation';
import * as loanUpdate from './loan/update.operation';
import * as loanBidClose from './loanBid/close.operation';
import * as loanBidCreate from './loanBid/create.operation';
import * as loanBidGetAll from './loanBid/getAll.operation';
import * as orderCancel from './order/cancel.operation';
import * as orderCreateLimit from './order/createLimit.operation';
import * as orderCreateMargin from './order/createMargin.operation';
import * as orderCreateMarket from './order/createMarket.operation';
import * as orderCreateMarketWithRange from './order/createMarketWithRange.operation';
import * as orderGet from './order/get.operation';
import * as orderGetAll from './order/getAll.operation';
import * as orderGetTrades from './order/getTrades.operation';
import * as orderUpdate from './order/update.operation';
import * as productGet from './product/get.operation';
import * as productGetAll from './product/getAll.operation';
import * as productGetOrderBook from './product/getOrderBook.operation';
import * as tradeClose from './trade/close.operation';
import * as tradeCloseAll from './trade/closeAll.operation';
import * as tradeGetAll from './trade/getAll.operation';
import * as tradeGetLoans from './trade/getLoans.operation';
import * as tradeUpdate from './trade/update.operation';
import * as tradingAccountGet from './tradingAccount/get.operation';
import * as tradingAccountGetAll from './tradingAccount/getAll.operation';
import * as tradingAccountUpdateLeverage from './tradingAccount/updateLeverage.operation';

/** Every resource and operation of the node: its pickers, router and subtitle are built from here. */
export const quoineTable = defineOperationTable({
	default: 'order',
	resources: {
		account: {
			name: 'Account',
			default: 'getBalances',
			operations: {
				createFiatAccount: {
					name: 'Create Fiat Account',
					action: 'Create a fiat account',
					description: 'Open an account in a fiat currency',
					module: accountCreateFiatAccount,
					write: true,
				},
				getBalances: {
					name: 'Get Balances',
					action: 'Get account balances',
					description: 'Get the balance of every currency',
					module: accountGetBalances,
					sequential: true,
				},
				getCryptoAccounts: {
					name: 'Get Crypto Accounts',
					action: 'Get crypto accounts',
					description: 'Get the crypto currency accounts with their deposit addresses',
					module: accountGetCryptoAccounts,
					sequential: true,
				},
				getFiatAccounts: {
					name: 'Get Fiat Accounts',
					action: 'Get fiat accounts',
					description: 'Get the fiat currency accounts',
					module: accountGetFiatAccounts,
					sequential: true,
				},
				getMainAsset: {
					name: 'Get Main Asset',
					action: 'Get the main asset',
					description: 'Get the total value of the account in its main currency',
					module: accountGetMainAsset,
					sequential: true,
				},
			},
		},
		execution: {
			name: 'Execution',
			default: 'getAll',
			operations: {
				getAll: {
					name: 'Get Many',
					action: 'Get many executions of a product',
					description: 'Get the latest trades of a product, newest first',
					module: executionGetAll,
				},
				getMine: {
					name: 'Get Mine',
					action: 'Get my executions of a product',
					description: 'Get your own trades of a product, with your side',
					module: executionGetMine,
					sequential: true,
				},
				getSinceTime: {
					name: 'Get Since Time',
					action: 'Get executions since a time',
					description: 'Get the trades of a product at or after a time, oldest first',
					module: executionGetSinceTime,
				},
			},
		},
		interestRate: {
			name: 'Interest Rate',
			default: 'getLadder',
			operations: {
				getLadder: {
					name: 'Get Ladder',
					action: 'Get the interest rate ladder',
					description: 'Get the lending bids and asks (rate and amount) of a currency',
					module: interestRateGetLadder,
				},
			},
		},
		loan: {
			name: 'Loan',
			default: 'getAll',
			operations: {
				getAll: {
					name: 'Get Many',
					action: 'Get many loans',
					description: 'Get your loans in a currency',
					module: loanGetAll,
					sequential: true,
				},
				update: {
					name: 'Update',
					action: 'Update a loan',
					description: 'Turn re-loaning of a loan on or off',
					module: loanUpdate,
					write: true,
				},
			},
		},
		loanBid: {
			name: 'Loan Bid',
			default: 'create',
			operations: {
				close: {
					name: 'Close',
					action: 'Close a loan bid',
					description: 'Withdraw a live loan bid',
					module: loanBidClose,
					write: true,
				},
				create: {
					name: 'Create',
					action: 'Create a loan bid',
					description: 'Offer funds for margin lending at a daily rate',
					module: loanBidCreate,
					write: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many loan bids',
					description: 'Get your loan bids in a currency',
					module: loanBidGetAll,
					sequential: true,
				},
			},
		},
		order: {
			name: 'Order',
			default: 'createLimit',
			operations: {
				cancel: {
					name: 'Cancel',
					action: 'Cancel an order',
					description: 'Cancel a live order',
					module: orderCancel,
					write: true,
				},
				createLimit: {
					name: 'Create Limit Order',
					action: 'Create a limit order',
					description: 'Buy or sell at a given price or better',
					module: orderCreateLimit,
					write: true,
				},
				createMargin: {
					name: 'Create Margin Order',
					action: 'Create a margin order',
					description: 'Open a leveraged position (Quoinex only)',
					module: orderCreateMargin,
					write: true,
				},
				createMarket: {
					name: 'Create Market Order',
					action: 'Create a market order',
					description: 'Buy or sell at the best price available now',
					module: orderCreateMarket,
					write: true,
				},
				createMarketWithRange: {
					name: 'Create Market Order With Range',
					action: 'Create a market order with a price range',
					description: 'Buy or sell at the market price within a slippage range',
					module: orderCreateMarketWithRange,
					write: true,
				},
				get: {
					name: 'Get',
					action: 'Get an order',
					description: 'Get an order with its executions',
					module: orderGet,
					sequential: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many orders',
					description: 'Get orders, filtered by product, funding currency and status',
					module: orderGetAll,
					sequential: true,
				},
				getTrades: {
					name: 'Get Trades',
					action: 'Get the trades of an order',
					description: 'Get the margin trades of an order',
					module: orderGetTrades,
					sequential: true,
				},
				update: {
					name: 'Update',
					action: 'Update an order',
					description: 'Change the quantity or price of a live order',
					module: orderUpdate,
					write: true,
				},
			},
		},
		product: {
			name: 'Product',
			default: 'get',
			operations: {
				get: {
					name: 'Get',
					action: 'Get a product',
					description: 'Get one product (currency pair) with its prices and fees',
					module: productGet,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many products',
					description: 'Get the products the exchange lists',
					module: productGetAll,
				},
				getOrderBook: {
					name: 'Get Order Book',
					action: 'Get the order book of a product',
					description: 'Get the buy and sell price levels of a product',
					module: productGetOrderBook,
				},
			},
		},
		trade: {
			name: 'Trade',
			default: 'getAll',
			operations: {
				close: {
					name: 'Close',
					action: 'Close a trade',
					description: 'Close a margin trade, wholly or in part',
					module: tradeClose,
					write: true,
				},
				closeAll: {
					name: 'Close All',
					action: 'Close all trades',
					description: 'Close every open margin trade, or those of one side',
					module: tradeCloseAll,
					write: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many trades',
					description: 'Get margin trades, filtered by funding currency and status',
					module: tradeGetAll,
					sequential: true,
				},
				getLoans: {
					name: 'Get Loans',
					action: 'Get the loans of a trade',
					description: 'Get the loans that fund a margin trade',
					module: tradeGetLoans,
					sequential: true,
				},
				update: {
					name: 'Update',
					action: 'Update a trade',
					description: 'Set the stop-loss and take-profit prices of a trade',
					module: tradeUpdate,
					write: true,
				},
			},
		},
		tradingAccount: {
			name: 'Trading Account',
			default: 'getAll',
			operations: {
				get: {
					name: 'Get',
					action: 'Get a trading account',
					description: 'Get one margin trading account',
					module: tradingAccountGet,
					sequential: true,
				},
				getAll: {
					name: 'Get Many',
					action: 'Get many trading accounts',
					description: 'Get every margin trading account',
					module: tradingAccountGetAll,
					sequential: true,
				},
				updateLeverage: {
					name: 'Update Leverage',
					action: 'Update the leverage level of a trading account',
					description: 'Change the leverage level allowed on a trading account (Quoinex only)',
					module: tradingAccountUpdateLeverage,
					write: true,
				},
			},
		},
	},
});

'use strict';
/** Shapes of the simulator's state, for JSDoc. */

/**
 * @typedef {import('../common/server').SimRequest} SimRequest
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {{ id: number, tokenSecret?: string, balances: Map<string, bigint>, fiat: Map<string, number>, crypto: Map<string, number>, unlimited: boolean }} User
 * @typedef {{ id: number, base: string, quoted: string, last: bigint, lastQuantity: bigint, volume: bigint, minQuantity: bigint, low: bigint, high: bigint, last24h: bigint }} Product
 * @typedef {{ id: number, userId: number, productId: number, orderType: string, side: 'buy' | 'sell', quantity: bigint, filled: bigint, price: bigint | undefined, priceRange: bigint | undefined, status: string, leverage: number, fundingCurrency: string, orderDirection?: string, clientOrderId?: string, createdAt: number, updatedAt: number, executionIds: number[], tradeId?: number, spent: bigint }} Order
 * @typedef {{ id: number, productId: number, quantity: bigint, price: bigint, takerSide: 'buy' | 'sell', createdAt: number, buyOrderId?: number, sellOrderId?: number, buyUserId: number, sellUserId: number, takerOrderId?: number }} Execution
 */

module.exports = {};

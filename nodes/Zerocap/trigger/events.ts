import type { IDataObject } from 'n8n-workflow';

/**
 * Turns stream payloads (PascalCase order updates, camelCase trades, price ladders) and REST orders
 * (snake_case, used to back-fill) into one item shape per event. Amounts and prices stay strings.
 */

export type TriggerEvent = 'orderUpdated' | 'tradeExecuted' | 'priceLadder';

export interface EventFilters {
	symbol?: string;
	side?: string;
	statuses?: string[];
}

export interface OrderUpdate {
	orderId: string;
	/** Epoch milliseconds of this state of the order. */
	updatedAtMs: number;
	item: IDataObject;
}

/** An order update from dma_order_info (spec §7.2). Undefined when it has no order ID. */
export function orderFromStream(data: IDataObject): OrderUpdate | undefined {
	const orderId = text(data.OrderId);
	if (orderId === '') return undefined;
	const updatedAtMs = toMs(data.UpdatedAt) ?? toMs(data.CreatedAt) ?? 0;
	return {
		orderId,
		updatedAtMs,
		item: {
			event: 'orderUpdated',
			source: 'stream',
			orderId,
			clientOrderId: text(data.ClientOrderId),
			symbol: text(data.Symbol),
			side: lower(data.Side),
			type: lower(data.Type),
			status: lower(data.Status),
			price: text(data.Price),
			amount: text(data.Amount),
			filled: text(data.Filled),
			remaining: text(data.Remaining),
			average: text(data.Average) || text(data.AveragePrice),
			cost: text(data.Cost),
			execPrice: text(data.ExecPrice),
			createdAt: iso(toMs(data.CreatedAt)),
			updatedAt: iso(updatedAtMs),
			updatedAtMs,
			raw: data,
		},
	};
}

/**
 * An order as fetch_orders returns it (spec §6.3), as the same item. Its update time is
 * `last_trade_timestamp` (the last change the API reports for an order), else `timestamp`.
 */
export function orderFromRest(order: IDataObject): OrderUpdate | undefined {
	const orderId = text(order.id);
	if (orderId === '') return undefined;
	const createdMs = toMs(order.timestamp);
	const updatedAtMs = toMs(order.updated_at) ?? toMs(order.last_trade_timestamp) ?? createdMs ?? 0;
	return {
		orderId,
		updatedAtMs,
		item: {
			event: 'orderUpdated',
			source: 'backfill',
			orderId,
			clientOrderId: text(order.client_order_id ?? order.clientOrderId),
			symbol: text(order.symbol),
			side: lower(order.side),
			type: lower(order.type),
			status: lower(order.status),
			price: text(order.price),
			amount: text(order.amount),
			filled: text(order.filled),
			remaining: text(order.remaining),
			average: text(order.average),
			cost: text(order.cost),
			execPrice: '',
			createdAt: iso(createdMs),
			updatedAt: iso(updatedAtMs),
			updatedAtMs,
			raw: order,
		},
	};
}

/** A trade from dma_trade_info (spec §7.2). */
export function tradeFromStream(data: IDataObject): IDataObject | undefined {
	const tradeId = text(data.id);
	if (tradeId === '') return undefined;
	const timestampMs = toMs(data.timestamp);
	return {
		event: 'tradeExecuted',
		tradeId,
		orderId: text(data.order),
		symbol: text(data.symbol),
		side: lower(data.side),
		type: lower(data.type),
		takerOrMaker: text(data.takerOrMaker ?? data.taker_or_maker),
		price: text(data.price),
		amount: text(data.amount),
		cost: text(data.cost),
		timestamp: iso(timestampMs),
		timestampMs: timestampMs ?? 0,
		raw: data,
	};
}

/**
 * A price ladder (spec §7.2): bids/asks at `data.data` or at `data`, as [price, quantity] pairs.
 * Prices and quantities become strings.
 */
export function ladderFromStream(data: IDataObject, channelSymbol: string): IDataObject {
	const book = (typeof data.data === 'object' && data.data !== null ? data.data : data) as IDataObject;
	const bids = levels(book.bids);
	const asks = levels(book.asks);
	const seconds = Number(data.timestamp);
	const timestampMs = Number.isFinite(seconds) && data.timestamp !== '' ? Math.round(seconds * 1000) : undefined;
	return {
		event: 'priceLadder',
		symbol: text(data.symbol) || channelSymbol,
		exchange: text(data.exchange),
		bestBid: bids[0]?.[0] ?? '',
		bestAsk: asks[0]?.[0] ?? '',
		bids,
		asks,
		timestamp: iso(timestampMs) || text(data.datetime),
		raw: data,
	};
}

export function matchesFilters(item: IDataObject, filters: EventFilters): boolean {
	if (filters.symbol && String(item.symbol).toUpperCase() !== filters.symbol.toUpperCase()) return false;
	if (filters.side && item.side !== filters.side) return false;
	if (filters.statuses && filters.statuses.length > 0 && !filters.statuses.includes(String(item.status))) {
		return false;
	}
	return true;
}

function levels(value: unknown): string[][] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((level): level is unknown[] => Array.isArray(level) && level.length >= 2)
		.map((level) => [text(level[0]), text(level[1])]);
}

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : String(value);
}

function lower(value: unknown): string {
	return text(value).toLowerCase();
}

/** Epoch milliseconds from a number or numeric string in ms (or seconds, when small). */
export function toMs(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0) return undefined;
	return number < 1e11 ? Math.round(number * 1000) : Math.round(number);
}

function iso(ms: number | undefined): string {
	return ms === undefined || ms <= 0 ? '' : new Date(ms).toISOString();
}

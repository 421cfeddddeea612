import type { IDataObject } from 'n8n-workflow';

import { pause } from '../transport/stream';
import {
	ladderFromStream,
	matchesFilters,
	tradeFromStream,
	type EventFilters,
	type OrderUpdate,
	type TriggerEvent,
} from './events';
import { OrderTracker } from './orderTracker';

/**
 * What the trigger does with the events of a live subscription: order updates (each emitted once,
 * newest wins), trades (each trade ID once) and price ladders (throttled per symbol, latest wins).
 * The state lives here, so it survives reconnects.
 */

export interface HandlerOptions {
	event: TriggerEvent;
	/** The symbol of the price ladder (Price Ladder event). */
	symbol: string;
	filters: EventFilters;
	/** Price Ladder: at most one event per this many ms per symbol, the latest wins (0 = all). */
	throttleMs: number;
}

export interface HandlerContext {
	emit: (item: IDataObject) => void;
	/** Aborted when the subscription closes: ends a throttled ladder's wait. */
	signal: AbortSignal;
	/** Counts order updates dropped as already seen. */
	stats: { duplicates: number };
	/** Reports an error that is not part of the protocol (ends the subscription). */
	unexpected: (error: unknown) => void;
}

const MAX_REMEMBERED_TRADES = 10_000;

export class EventHandlers {
	private readonly tracker = new OrderTracker();

	private readonly recentTrades = new Set<string>();

	private readonly ladderState = new Map<
		string,
		{ lastEmitAt: number; pending: IDataObject | undefined; flushing: boolean }
	>();

	constructor(
		private readonly options: HandlerOptions,
		private readonly context: HandlerContext,
	) {}

	/** The newest update time of any order seen (where a back-fill starts). */
	get lastSeenMs(): number | undefined {
		return this.tracker.lastSeenMs;
	}

	/** Emits an order update when it is newer than what was emitted for that order. */
	order(update: OrderUpdate): boolean {
		if (this.context.signal.aborted) return false;
		if (!this.tracker.accept(update.orderId, update.updatedAtMs)) {
			this.context.stats.duplicates += 1;
			return false;
		}
		if (matchesFilters(update.item, this.options.filters)) this.context.emit(update.item);
		return true;
	}

	/** Emits a trade frame's trade once per trade ID. */
	trade(data: IDataObject): void {
		const item = tradeFromStream(data);
		if (!item) return;
		const tradeId = String(item.tradeId);
		if (this.recentTrades.has(tradeId)) return;
		this.recentTrades.add(tradeId);
		if (this.recentTrades.size > MAX_REMEMBERED_TRADES) {
			this.recentTrades.delete(this.recentTrades.values().next().value as string);
		}
		if (matchesFilters(item, this.options.filters)) this.context.emit(item);
	}

	/** Emits a ladder frame of the subscribed symbol. */
	ladder(data: IDataObject, channelSymbol: string): void {
		const item = ladderFromStream(data, channelSymbol);
		if (String(item.symbol).toUpperCase() !== this.options.symbol.toUpperCase()) return;
		this.emitLadder(item);
	}

	/** At most one ladder per `throttleMs` per symbol; a ladder that arrives meanwhile replaces the waiting one. */
	private emitLadder(item: IDataObject): void {
		const throttleMs = this.options.throttleMs;
		if (throttleMs <= 0) {
			this.context.emit(item);
			return;
		}
		const symbol = String(item.symbol);
		let state = this.ladderState.get(symbol);
		if (!state) {
			state = { lastEmitAt: 0, pending: undefined, flushing: false };
			this.ladderState.set(symbol, state);
		}
		const now = Date.now();
		if (!state.flushing && now - state.lastEmitAt >= throttleMs) {
			state.lastEmitAt = now;
			this.context.emit(item);
			return;
		}
		state.pending = item;
		if (state.flushing) return;
		state.flushing = true;
		const current = state;
		void (async () => {
			const done = await pause(current.lastEmitAt + throttleMs - now, this.context.signal);
			current.flushing = false;
			if (!done || !current.pending) return;
			const pending = current.pending;
			current.pending = undefined;
			current.lastEmitAt = Date.now();
			this.context.emit(pending);
		})().catch((error) => this.context.unexpected(error));
	}
}

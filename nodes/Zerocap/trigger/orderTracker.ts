/**
 * Remembers, per order ID, the update time of the last state that was emitted, so every order
 * update is emitted once and the states of one order go out in time order, whether they come from
 * the stream or from a REST back-fill. Memory is bounded: past `maxOrders` orders, the least
 * recently updated are forgotten first (keep it above the number of orders that change within the
 * back-fill look-back window).
 */
export class OrderTracker {
	private readonly lastEmitted = new Map<string, number>();

	/** The newest update time seen on any order (epoch ms), the start of the next back-fill. */
	lastSeenMs: number | undefined;

	constructor(private readonly maxOrders = 20_000) {}

	/** True when this state is newer than what was emitted for the order; records it. */
	accept(orderId: string, updatedAtMs: number): boolean {
		const previous = this.lastEmitted.get(orderId);
		if (previous !== undefined && updatedAtMs <= previous) return false;
		// Re-insert so the map's order is "least recently updated first".
		this.lastEmitted.delete(orderId);
		this.lastEmitted.set(orderId, updatedAtMs);
		if (this.lastSeenMs === undefined || updatedAtMs > this.lastSeenMs) this.lastSeenMs = updatedAtMs;
		if (this.lastEmitted.size > this.maxOrders) this.evict();
		return true;
	}

	/** Would `accept` take this state? (no change) */
	isNew(orderId: string, updatedAtMs: number): boolean {
		const previous = this.lastEmitted.get(orderId);
		return previous === undefined || updatedAtMs > previous;
	}

	get size(): number {
		return this.lastEmitted.size;
	}

	private evict(): void {
		const target = Math.floor(this.maxOrders * 0.9);
		for (const orderId of this.lastEmitted.keys()) {
			if (this.lastEmitted.size <= target) break;
			this.lastEmitted.delete(orderId);
		}
	}
}

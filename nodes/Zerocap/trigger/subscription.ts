import type { IDataObject } from 'n8n-workflow';

import {
	pause,
	StreamConnection,
	within,
	type StreamClose,
	type WebSocketFactory,
} from '../transport/stream';
import { orderFromRest, orderFromStream, type EventFilters, type OrderUpdate, type TriggerEvent } from './events';
import { parseFrame, type Frame } from './frames';
import { EventHandlers } from './handlers';
import {
	closeReason,
	errorFrame,
	GREETING_TIMEOUT_MS,
	PING_MESSAGE,
	StreamError,
	subscriptionError,
	subscriptionMessages,
	type SubscriptionForm,
} from './protocol';

export { StreamError, type StreamErrorKind } from './protocol';

/**
 * One Zerocap stream subscription that survives disconnects: connect with fresh auth headers,
 * subscribe, keep alive with pings, and after a drop reconnect with exponential backoff and jitter,
 * subscribe again and back-fill the order updates missed meanwhile over REST. Every wait goes
 * through the shared `abortableSleep` (n8n-workflow's abortable sleep, whichever name the installed
 * version exports); close() ends everything at once. An unexpected error anywhere in the loop ends
 * the subscription and is reported through `fail`, so a trigger never looks active while doing nothing.
 *
 * This file is the connection loop; the Zerocap protocol (subscription messages, error frames) is in
 * protocol.ts and what happens to order, trade and ladder events in handlers.ts.
 */

export interface StreamOptions {
	event: TriggerEvent;
	/** The symbol of the price ladder (Price Ladder event). */
	symbol: string;
	filters: EventFilters;
	/** Price Ladder: at most one event per this many ms per symbol, the latest wins (0 = all). */
	throttleMs: number;
	initialDelayMs: number;
	maxDelayMs: number;
	/** Consecutive connection attempts that may fail before the trigger reports an error. */
	maxFailures: number;
	/** Interval of the client heartbeat `{"type":"message","message":"ping"}` (spec §7.1: 5 s). */
	keepAliveMs: number;
	/** Order Updated: list orders updated while disconnected over REST after a reconnect. */
	backfill: boolean;
	/** The back-fill starts this long before the last update seen, against clock differences. */
	lookbackMs: number;
	/** How long to wait for the socket to open, the greeting and the subscription answer. */
	connectTimeoutMs: number;
	/** A connection that lived this long resets the backoff. */
	stableMs: number;
}

export const DEFAULT_STREAM_OPTIONS: Omit<StreamOptions, 'event' | 'symbol' | 'filters'> = {
	throttleMs: 0,
	initialDelayMs: 1000,
	maxDelayMs: 30_000,
	maxFailures: 10,
	keepAliveMs: 5000,
	backfill: true,
	lookbackMs: 5000,
	connectTimeoutMs: 15_000,
	stableMs: 60_000,
};

export interface StreamDeps {
	factory: WebSocketFactory;
	url: string;
	/** Auth headers for a new connection (signed afresh each time). */
	headers: () => Record<string, string>;
	/** Every order updated at or after `sinceMs`, in any order (REST back-fill). */
	listOrdersSince: (sinceMs: number) => Promise<IDataObject[]>;
	/** Classifies a back-fill failure: 'auth' ends the stream, anything else is retried. */
	isAuthFailure: (error: unknown) => boolean;
	emit: (item: IDataObject) => void;
	fail: (error: StreamError) => void;
	random?: () => number;
}

type Control = Frame | { kind: 'closed'; close: StreamClose };

interface Attempt {
	subscribed: boolean;
	livedMs: number;
	reason: string;
	fatal?: StreamError;
}

export class StreamSubscription {
	private readonly controller = new AbortController();

	private readonly handlers: EventHandlers;

	private connection: StreamConnection | undefined;

	private controlQueue: Control[] = [];

	private controlWaiter: ((control: Control) => void) | undefined;

	/** Order frames held while a back-fill runs. */
	private buffer: OrderUpdate[] | undefined;

	private fatal: StreamError | undefined;

	/** Set when a live connection must be given up and counted as a failed attempt. */
	private dropReason: string | undefined;

	/** True once the subscription is acknowledged on the current connection. */
	private live = false;

	private readonly aborted: Promise<undefined>;

	/** The subscription form that worked: the seed's `{"type":"orders"}` or `order` / `trade`. */
	private form: SubscriptionForm = 'seed';

	private firstSubscribedAt: number | undefined;

	/** Statistics, for tests and the benchmark. */
	readonly stats = { connections: 0, failures: 0, backfills: 0, backfilled: 0, duplicates: 0 };

	constructor(
		private readonly options: StreamOptions,
		private readonly deps: StreamDeps,
	) {
		this.aborted = new Promise((resolve) =>
			this.controller.signal.addEventListener('abort', () => resolve(undefined), { once: true }),
		);
		this.handlers = new EventHandlers(options, {
			emit: (item) => this.deps.emit(item),
			signal: this.controller.signal,
			stats: this.stats,
			unexpected: (error) => this.unexpected(error),
		});
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get closed(): boolean {
		return this.controller.signal.aborted;
	}

	/** Ends the subscription: closes the socket and aborts every wait. */
	close(): void {
		if (this.closed) return;
		this.controller.abort();
		this.connection?.close('trigger closed');
	}

	/** Runs until close() or a failure it cannot recover from (reported through `fail`). */
	async run(): Promise<void> {
		try {
			await this.loop();
		} catch (error) {
			this.unexpected(error);
		}
	}

	/**
	 * Ends the subscription after an error that is not part of the protocol (a bug, or an n8n
	 * runtime that lacks something): reported once through `fail`, unless close() came first.
	 */
	private unexpected(error: unknown): void {
		if (this.closed) return;
		this.close();
		const message = error instanceof Error ? error.message : String(error);
		this.deps.fail(
			new StreamError(
				'internal',
				`Zerocap Trigger stopped after an unexpected error: ${message}`,
				'The stream was closed. Deactivate and activate the workflow again; if this repeats, report it with the n8n version.',
				error,
			),
		);
	}

	private async loop(): Promise<void> {
		let failures = 0;
		let exponent = 0;
		let lastReason = '';
		while (!this.closed) {
			// connectOnce reports every protocol or network failure in its answer; what it throws is unexpected.
			const attempt = await this.connectOnce();
			if (this.closed) return;
			if (attempt.fatal) {
				this.close();
				this.deps.fail(attempt.fatal);
				return;
			}
			if (attempt.subscribed) {
				failures = 0;
				if (attempt.livedMs >= this.options.stableMs) exponent = 0;
			} else {
				failures += 1;
				this.stats.failures += 1;
				lastReason = attempt.reason;
				if (failures >= this.options.maxFailures) {
					this.close();
					this.deps.fail(
						new StreamError(
							'unreachable',
							`Zerocap stream: ${failures} connection attempts in a row failed (${lastReason})`,
							`Check the WebSocket URL (${this.deps.url}) and the network. n8n will try to activate the trigger again.`,
						),
					);
					return;
				}
			}
			const delay = this.backoff(exponent);
			exponent += 1;
			if (!(await pause(delay, this.signal))) return;
		}
	}

	/** Exponential backoff with jitter: between half and all of min(max, initial × 2^n). */
	backoff(exponent: number): number {
		const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** Math.min(exponent, 30));
		const random = (this.deps.random ?? Math.random)();
		return Math.round(ceiling / 2 + (ceiling / 2) * random);
	}

	private async connectOnce(): Promise<Attempt> {
		this.controlQueue = [];
		this.controlWaiter = undefined;
		this.fatal = undefined;
		this.dropReason = undefined;
		this.live = false;
		const reconnect = this.firstSubscribedAt !== undefined;
		this.buffer = this.options.event === 'orderUpdated' && reconnect && this.options.backfill ? [] : undefined;

		let connection: StreamConnection;
		try {
			connection = new StreamConnection(this.deps.factory, this.deps.url, this.deps.headers(), (text) =>
				this.onFrame(text),
			);
		} catch (error) {
			// The URL or the signed headers cannot make a connection: retrying would not help.
			const message = error instanceof Error ? error.message : String(error);
			return {
				subscribed: false,
				livedMs: 0,
				reason: message,
				fatal: new StreamError(
					'unreachable',
					`Cannot open the Zerocap stream: ${message}`,
					`Check the WebSocket URL (${this.deps.url}) and the API key and secret in the credential.`,
					error,
				),
			};
		}
		this.connection = connection;
		this.stats.connections += 1;
		void connection.ended.then((close) => {
			if (this.connection === connection) this.pushControl({ kind: 'closed', close });
		});
		const fail = (reason: string, fatal?: StreamError): Attempt => {
			connection.close();
			return { subscribed: false, livedMs: 0, reason, fatal: fatal ?? this.fatal };
		};

		const opened = await within(connection.opened, this.options.connectTimeoutMs, this.signal);
		if (this.closed) return fail('closed');
		if (!opened?.value) return fail(opened ? 'the connection was refused or closed' : 'no answer to the connection request');

		// The server greets first, or sends the 401 frame (spec §7.2).
		const greeting = await this.nextControl(GREETING_TIMEOUT_MS);
		if (greeting?.kind === 'error') return fail(greeting.message, errorFrame(greeting));
		if (greeting?.kind === 'closed') return fail(closeReason(greeting.close));

		const subscribed = await this.subscribe(connection);
		if (subscribed !== true) return fail(subscribed.reason, subscribed.fatal);
		this.live = true;
		for (const control of this.controlQueue.splice(0)) this.onLiveControl(control);
		const subscribedAt = Date.now();
		this.firstSubscribedAt ??= subscribedAt;
		const keepAlive = new AbortController();
		void this.keepAlive(connection, keepAlive.signal).catch((error) => this.unexpected(error));

		try {
			if (this.buffer) {
				const since = this.handlers.lastSeenMs ?? (this.firstSubscribedAt as number);
				try {
					await this.backfillSince(since - this.options.lookbackMs);
				} catch (error) {
					if (this.deps.isAuthFailure(error)) {
						return fail(
							'back-fill rejected',
							new StreamError(
								'auth',
								'Zerocap rejected the credentials while listing missed order updates',
								'Check the API key, the API secret and the signature scheme in the credential.',
								error,
							),
						);
					}
					return fail(`back-fill failed: ${(error as Error).message}`);
				}
				const buffered = this.buffer;
				this.buffer = undefined;
				for (const update of buffered) this.handlers.order(update);
			}

			const end = await Promise.race([connection.ended, this.aborted]);
			// Set by frame handlers while this method awaited.
			const fatal = this.fatal as StreamError | undefined;
			const dropReason = this.dropReason as string | undefined;
			if (fatal) return fail(fatal.message, fatal);
			if (dropReason) return fail(dropReason);
			return {
				subscribed: true,
				livedMs: Date.now() - subscribedAt,
				reason: end ? closeReason(end) : 'closed',
			};
		} finally {
			keepAlive.abort();
			this.buffer = undefined;
		}
	}

	/** Sends the subscription and waits for its acknowledgement (spec §7.2). */
	private async subscribe(connection: StreamConnection): Promise<true | { reason: string; fatal?: StreamError }> {
		for (let round = 0; round < 2; round++) {
			for (const message of subscriptionMessages(this.options.event, this.options.symbol, this.form)) connection.send(message);
			let answer = await this.nextControl(this.options.connectTimeoutMs);
			// A greeting that came after its wait is not the answer to the subscription.
			while (answer?.kind === 'greeting') answer = await this.nextControl(this.options.connectTimeoutMs);
			if (answer === undefined) return this.closed ? { reason: 'closed' } : true; // no acknowledgement: assume subscribed
			if (answer.kind === 'closed') return { reason: closeReason(answer.close) };
			if (answer.kind === 'ack') return true;
			if (answer.kind === 'unavailable') {
				return { reason: `no live prices for ${this.options.symbol} right now (${answer.message})` };
			}
			if (answer.kind === 'error') {
				if (answer.code === '400' && this.options.event !== 'priceLadder' && this.form === 'seed') {
					this.form = 'split';
					continue;
				}
				return { reason: answer.message, fatal: errorFrame(answer) };
			}
		}
		return { reason: 'subscription not understood', fatal: subscriptionError() };
	}

	private async keepAlive(connection: StreamConnection, signal: AbortSignal): Promise<void> {
		if (this.options.keepAliveMs <= 0) return;
		while (await pause(this.options.keepAliveMs, signal)) {
			if (!connection.send(PING_MESSAGE)) return;
		}
	}

	private async backfillSince(sinceMs: number): Promise<void> {
		this.stats.backfills += 1;
		const orders = await this.deps.listOrdersSince(sinceMs);
		const updates = orders
			.map((order) => orderFromRest(order))
			.filter((update): update is OrderUpdate => update !== undefined)
			.sort((a, b) => a.updatedAtMs - b.updatedAtMs);
		for (const update of updates) {
			if (this.closed) return;
			if (this.handlers.order(update)) this.stats.backfilled += 1;
		}
	}

	private onFrame(text: string): void {
		const frame = parseFrame(text);
		switch (frame.kind) {
			case 'order': {
				if (this.options.event !== 'orderUpdated') return;
				const update = orderFromStream(frame.data);
				if (!update) return;
				if (this.buffer) this.buffer.push(update);
				else this.handlers.order(update);
				return;
			}
			case 'trade': {
				if (this.options.event === 'tradeExecuted') this.handlers.trade(frame.data);
				return;
			}
			case 'ladder': {
				if (this.options.event === 'priceLadder') this.handlers.ladder(frame.data, frame.channelSymbol);
				return;
			}
			case 'heartbeat':
			case 'other':
				return;
			case 'error':
				if (frame.code === '401') {
					this.fatal = errorFrame(frame);
					this.connection?.close('unauthorized');
					return;
				}
				if (this.live) this.onLiveControl(frame);
				else this.pushControl(frame);
				return;
			default:
				if (this.live) this.onLiveControl(frame);
				else this.pushControl(frame);
		}
	}

	/** Control frames after the subscription: only "price stream unavailable" matters. */
	private onLiveControl(control: Control): void {
		if (control.kind === 'unavailable' && this.options.event === 'priceLadder') {
			this.dropReason = `no live prices for ${this.options.symbol} right now (${control.message})`;
			this.connection?.close('price stream unavailable');
		}
	}

	private pushControl(control: Control): void {
		if (this.controlWaiter) {
			const waiter = this.controlWaiter;
			this.controlWaiter = undefined;
			waiter(control);
		} else {
			this.controlQueue.push(control);
			if (this.controlQueue.length > 50) this.controlQueue.shift();
		}
	}

	/** The next greeting, acknowledgement, error or close; undefined on timeout or close(). */
	private async nextControl(timeoutMs: number): Promise<Control | undefined> {
		const queued = this.controlQueue.shift();
		if (queued) return queued;
		const next = new Promise<Control>((resolve) => (this.controlWaiter = resolve));
		const result = await within(next, timeoutMs, this.signal);
		if (!result) this.controlWaiter = undefined;
		return result?.value;
	}
}

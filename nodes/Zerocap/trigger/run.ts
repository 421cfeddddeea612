import {
	NodeOperationError,
	type IDataObject,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { parseInteger, parseSymbol } from '../../shared/validation';
import { fetchOrdersPage } from '../transport';
import { zerocapAuthHeaders, zerocapUrls } from '../transport/signing';
import { getWebSocketFactory, within } from '../transport/stream';
import type { EventFilters, TriggerEvent } from './events';
import { DEFAULT_STREAM_OPTIONS, StreamError, StreamSubscription, type StreamOptions } from './subscription';

const SYMBOL = /^[A-Za-z0-9]{2,12}\/[A-Za-z0-9]{2,12}$/;

/** ASCII checked as typed, then upper-cased (so "uſdt/aud" never becomes USDT/AUD); undefined when bad. */
function pair(value: unknown): string | undefined {
	const result = parseSymbol(value, { pattern: SYMBOL, example: 'USDT/AUD', upperCase: true, max: 25 });
	return result.ok ? result.value : undefined;
}

/** Shown in errors without echoing a huge or odd value in full. */
function shown(value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
const BACKFILL_PAGE_SIZE = 500;
const BACKFILL_MAX_PAGES = 200;

/** Reads the node's parameters into subscription options; bad values fail before anything connects. */
export function readOptions(context: ITriggerFunctions): StreamOptions {
	const node = context.getNode();
	const event = context.getNodeParameter('event') as TriggerEvent;
	if (!['orderUpdated', 'tradeExecuted', 'priceLadder'].includes(event)) {
		throw new NodeOperationError(node, `Event "${String(event)}" is not supported`);
	}
	const filterValues = (event === 'priceLadder' ? {} : context.getNodeParameter('filters', {})) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;

	let symbol = '';
	if (event === 'priceLadder') {
		const raw = context.getNodeParameter('symbol', '');
		const parsed = pair(raw);
		if (parsed === undefined) {
			throw new NodeOperationError(node, `Symbol "${shown(raw)}" is not a trading pair`, {
				description: 'Enter base and quote separated by a slash, e.g. USDT/AUD (ASCII letters and digits).',
			});
		}
		symbol = parsed;
	}
	const filters: EventFilters = {};
	const rawFilterSymbol = filterValues.symbol ?? '';
	if (!(typeof rawFilterSymbol === 'string' && rawFilterSymbol.trim() === '')) {
		const parsed = pair(rawFilterSymbol);
		if (parsed === undefined) {
			throw new NodeOperationError(node, `Symbol filter "${shown(rawFilterSymbol)}" is not a trading pair`, {
				description: 'Enter base and quote separated by a slash, e.g. USDT/AUD (ASCII letters and digits), or leave it empty.',
			});
		}
		filters.symbol = parsed;
	}
	const side = String(filterValues.side ?? '');
	if (side === 'buy' || side === 'sell') filters.side = side;
	if (event === 'orderUpdated' && Array.isArray(filterValues.statuses) && filterValues.statuses.length > 0) {
		filters.statuses = (filterValues.statuses as string[]).map((status) => status.toLowerCase());
	}

	const number = (name: string, label: string, fallback: number, min: number): number => {
		if (options[name] === undefined) return fallback;
		// Whole numbers in ASCII digits only: Number() would read "0x10" as 16 and "1e3" as 1000.
		const result = parseInteger(options[name], { min });
		if (!result.ok) throw new NodeOperationError(node, `${label} must be a number of at least ${min}`);
		return result.value;
	};
	const defaults = DEFAULT_STREAM_OPTIONS;
	const initialDelayMs = number('reconnectDelay', 'Reconnect Delay (Ms)', defaults.initialDelayMs, 1);
	return {
		...defaults,
		event,
		symbol,
		filters,
		throttleMs: event === 'priceLadder' ? number('minInterval', 'Minimum Interval (Ms)', defaults.throttleMs, 0) : 0,
		initialDelayMs,
		maxDelayMs: Math.max(initialDelayMs, number('maxReconnectDelay', 'Max Reconnect Delay (Ms)', defaults.maxDelayMs, 1)),
		maxFailures: number('maxFailedAttempts', 'Max Failed Attempts', defaults.maxFailures, 1),
		keepAliveMs: number('pingInterval', 'Ping Interval (Ms)', defaults.keepAliveMs, 0),
		backfill: event === 'orderUpdated' && options.backfill !== false,
		lookbackMs: number('backfillLookback', 'Back-Fill Look-Back (Ms)', defaults.lookbackMs, 0),
	};
}

/** Orders updated at or after `sinceMs`, newest first, every page (fetch_orders, spec §6.3). */
export async function listOrdersSince(
	this: ITriggerFunctions,
	sinceMs: number,
	filters: EventFilters,
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for (let page = 1; page <= BACKFILL_MAX_PAGES; page++) {
		// Newest first: an order that changes while the pages are read moves to the front, so
		// nothing is skipped (at worst an order is read twice, and the tracker drops the repeat).
		const { orders, total } = await fetchOrdersPage.call(
			this,
			{ startMs: Math.max(1, Math.floor(sinceMs)), sortOrder: 'desc', symbol: filters.symbol, side: filters.side },
			page,
			BACKFILL_PAGE_SIZE,
		);
		all.push(...orders);
		if (orders.length < BACKFILL_PAGE_SIZE || (total !== undefined && page * BACKFILL_PAGE_SIZE >= total)) break;
	}
	return all;
}

function isAuthFailure(error: unknown): boolean {
	const code = String((error as { httpCode?: unknown }).httpCode ?? '');
	return code === '401' || code === '403';
}

/** The trigger: one stream subscription; in manual mode it ends after the first event. */
export async function startTrigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = this.getNode();
	const options = readOptions(this);
	const credentials = await this.getCredentials('zerocapApi');
	let url: string;
	try {
		const urls = zerocapUrls(credentials);
		url = urls.webSocketUrl || urls.restBaseUrl.replace(/^http/i, 'ws');
		zerocapAuthHeaders(credentials, Date.now());
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message, {
			description: 'Fix the Zerocap credential.',
		});
	}
	const factory = getWebSocketFactory(node);
	const toNodeError = (error: StreamError) =>
		new NodeOperationError(node, error.message, { description: error.description });

	const manual = this.getMode() === 'manual';
	let settled = false;
	let resolveFirst: () => void = () => undefined;
	let rejectFirst: (error: Error) => void = () => undefined;
	const first = new Promise<void>((resolve, reject) => {
		resolveFirst = resolve;
		rejectFirst = reject;
	});

	const subscription: StreamSubscription = new StreamSubscription(options, {
		factory,
		url,
		headers: () => zerocapAuthHeaders(credentials, Date.now()),
		listOrdersSince: async (sinceMs) => await listOrdersSince.call(this, sinceMs, options.filters),
		isAuthFailure,
		emit: (item) => {
			if (manual) {
				if (settled) return;
				settled = true;
				subscription.close();
				// n8n sets emit for manual runs after trigger() returns: look it up at call time.
				this.emit([[{ json: item }]]);
				resolveFirst();
				return;
			}
			this.emit([[{ json: item }]]);
		},
		fail: (error) => fail(error),
	});

	// Every failure the stream cannot recover from ends up here: the manual run rejects, an active
	// trigger reports it through emitError (n8n then shows the error and tries to activate again).
	function fail(error: StreamError): void {
		if (manual) {
			if (settled) return;
			settled = true;
			rejectFirst(toNodeError(error));
			return;
		}
		emitError(toNodeError(error));
	}
	const emitError = (error: Error) => this.emitError(error);

	let running: Promise<void> | undefined;
	const start = () => {
		// run() reports its own failures through `fail`; this catch is the last line of defence.
		running ??= subscription.run().catch((error: Error) => {
			if (subscription.closed) return;
			subscription.close();
			fail(new StreamError('internal', `Zerocap Trigger stopped after an unexpected error: ${error.message}`));
		});
	};

	// Closes the socket and aborts every wait at once, then lets the loop finish (bounded).
	const closeFunction = async () => {
		subscription.close();
		if (manual && !settled) {
			settled = true;
			resolveFirst();
		}
		// A wait that cannot even be started (see nodes/shared/sleep.ts) must not make closing fail.
		if (running) await within(running, 5000, new AbortController().signal).catch(() => undefined);
	};

	if (manual) {
		return {
			closeFunction,
			manualTriggerFunction: async () => {
				start();
				await first;
			},
		};
	}
	start();
	return { closeFunction };
}

import type { IDataObject } from 'n8n-workflow';

/**
 * What a frame of the Zerocap stream is (spec §7.2, §7.3). Every frame is a JSON object; `data` of
 * the order, trade and price channels is a JSON-encoded string that is parsed a second time (an
 * already-decoded object is accepted too).
 */
export type Frame =
	| { kind: 'greeting' }
	| { kind: 'ack'; message: string }
	| { kind: 'heartbeat' }
	| { kind: 'unavailable'; message: string }
	| { kind: 'error'; code: string; message: string }
	| { kind: 'order'; data: IDataObject }
	| { kind: 'trade'; data: IDataObject }
	| { kind: 'ladder'; channelSymbol: string; data: IDataObject }
	| { kind: 'other'; reason: string };

const ORDER_CHANNEL = 'dma_order_info';
/** The seed's table says dma_trader_info, its example dma_trade_info: both are accepted. */
const TRADE_CHANNELS = new Set(['dma_trade_info', 'dma_trader_info']);
const LADDER_PREFIX = 'dma_ladder_price_';
/** Generation A's price channel. */
const PRICE_PREFIX = 'dma_price_';

export function parseFrame(text: string): Frame {
	let message: unknown;
	try {
		message = JSON.parse(text);
	} catch {
		return { kind: 'other', reason: 'not JSON' };
	}
	if (!isObject(message)) return { kind: 'other', reason: 'not a JSON object' };

	if (message.error_code !== undefined && message.error_code !== null && message.error_code !== '') {
		return {
			kind: 'error',
			code: String(message.error_code),
			message: typeof message.error_message === 'string' ? message.error_message : '',
		};
	}

	const channel = typeof message.channel === 'string' ? message.channel : undefined;
	if (channel === undefined || channel === '') {
		if (typeof message.message === 'string') return classifyText(message.message);
		// Heartbeat: {"type":"message","channel":"","data":"{\"ok\": \"ok\"}"}
		if (channel === '' || message.data !== undefined) return { kind: 'heartbeat' };
		return { kind: 'other', reason: 'no channel' };
	}

	const data = decodeData(message.data);
	if (channel === ORDER_CHANNEL) {
		return data ? { kind: 'order', data } : { kind: 'other', reason: 'order frame without data' };
	}
	if (TRADE_CHANNELS.has(channel)) {
		return data ? { kind: 'trade', data } : { kind: 'other', reason: 'trade frame without data' };
	}
	if (channel.startsWith(LADDER_PREFIX) || channel.startsWith(PRICE_PREFIX)) {
		const symbol = channel.slice(channel.startsWith(LADDER_PREFIX) ? LADDER_PREFIX.length : PRICE_PREFIX.length);
		if (data && typeof data.message === 'string' && /unavailable/i.test(data.message)) {
			return { kind: 'unavailable', message: data.message };
		}
		return data ? { kind: 'ladder', channelSymbol: symbol, data } : { kind: 'other', reason: 'price frame without data' };
	}
	return { kind: 'other', reason: `channel ${channel}` };
}

function classifyText(text: string): Frame {
	if (/successfully connected/i.test(text)) return { kind: 'greeting' };
	if (/subscription successful/i.test(text)) return { kind: 'ack', message: text };
	if (/unavailable/i.test(text)) return { kind: 'unavailable', message: text };
	if (/^\s*(ping|pong|ok)\s*$/i.test(text)) return { kind: 'heartbeat' };
	return { kind: 'other', reason: text };
}

/** `data` parsed a second time when it is a string; undefined when it is not an object. */
export function decodeData(data: unknown): IDataObject | undefined {
	let value = data;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return undefined;
		}
	}
	return isObject(value) ? value : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

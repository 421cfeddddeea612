import type { IDataObject } from 'n8n-workflow';

import type { StreamClose } from '../transport/stream';
import type { TriggerEvent } from './events';

/**
 * The Zerocap stream protocol around a connection (spec §7.2): the subscription messages, what an
 * error frame means, and the failures a subscription reports.
 */

/** How long to wait for the server's greeting after the socket opened. */
export const GREETING_TIMEOUT_MS = 5000;

export type StreamErrorKind = 'auth' | 'subscription' | 'unreachable' | 'backfill' | 'internal';

/** A failure the stream cannot recover from by itself. */
export class StreamError extends Error {
	constructor(
		readonly kind: StreamErrorKind,
		message: string,
		readonly description?: string,
		readonly cause?: unknown,
	) {
		super(message);
		this.name = 'StreamError';
	}
}

/** The subscription form that worked: the seed's `{"type":"orders"}` or `order` / `trade`. */
export type SubscriptionForm = 'seed' | 'split';

/** The messages that subscribe to an event, in the given form. */
export function subscriptionMessages(event: TriggerEvent, symbol: string, form: SubscriptionForm): IDataObject[] {
	if (event === 'priceLadder') return [{ type: 'price', symbol }];
	if (form === 'seed') return [{ type: 'orders' }];
	return [{ type: event === 'orderUpdated' ? 'order' : 'trade' }];
}

/** The client heartbeat (spec §7.1). */
export const PING_MESSAGE: IDataObject = { type: 'message', message: 'ping' };

export function errorFrame(frame: { code: string; message: string }): StreamError {
	if (frame.code === '401') {
		return new StreamError(
			'auth',
			'WebSocket authentication failed: check the API key and secret',
			`Zerocap answered ${frame.code} ${frame.message || 'Unauthorized'}. Check the API key, the API secret, the signature scheme and the environment in the credential.`,
		);
	}
	if (frame.code === '400') return subscriptionError(frame.message);
	return new StreamError('subscription', `Zerocap stream error ${frame.code}: ${frame.message}`);
}

export function subscriptionError(message = 'invalid message'): StreamError {
	return new StreamError(
		'subscription',
		'Subscription request not understood by Zerocap',
		`The server answered "400 ${message}" to the subscription. Check the symbol and the WebSocket URL in the credential.`,
	);
}

export function closeReason(close: StreamClose): string {
	return `connection closed (${close.code}${close.reason ? ` ${close.reason}` : ''})`;
}

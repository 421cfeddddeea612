import { NodeOperationError, type INode } from 'n8n-workflow';

import { abortableSleep } from '../../shared/sleep';

/**
 * The WebSocket client of the Zerocap Trigger. It uses the runtime's global `WebSocket` (Node.js 22+,
 * or Node.js 20 started with --experimental-websocket), never a bundled library, so it is cloud-safe.
 * The handshake carries the credential's headers (spec §7.1/§7.2), which Node's WebSocket accepts as
 * `new WebSocket(url, { headers })`.
 */

/** The part of the WebSocket API the trigger uses; the global WebSocket and `ws` both provide it. */
export interface WebSocketLike {
	readonly readyState: number;
	onopen: ((event: unknown) => void) | null;
	onmessage: ((event: { data: unknown }) => void) | null;
	onclose: ((event: { code: number; reason: string }) => void) | null;
	onerror: ((event: unknown) => void) | null;
	send(data: string): void;
	close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string, headers: Record<string, string>) => WebSocketLike;

const OPEN = 1;

let factoryOverride: WebSocketFactory | undefined;

/** Replaces how sockets are made (tests, benchmarks); `undefined` restores the global WebSocket. */
export function setWebSocketFactory(factory: WebSocketFactory | undefined): void {
	factoryOverride = factory;
}

/** The factory in use; fails clearly when the runtime has no WebSocket. */
export function getWebSocketFactory(node: INode): WebSocketFactory {
	if (factoryOverride) return factoryOverride;
	if (typeof WebSocket === 'undefined') {
		throw new NodeOperationError(
			node,
			'The Zerocap Trigger needs a WebSocket: run n8n on Node.js 22 or later, or start it with NODE_OPTIONS=--experimental-websocket',
			{
				description:
					'This Node.js has no built-in WebSocket. Node.js 22 and later have one; Node.js 20 has it only when started with --experimental-websocket.',
			},
		);
	}
	return (url, headers) =>
		new WebSocket(url, { headers } as unknown as string[]) as unknown as WebSocketLike;
}

/** Why a connection ended. */
export interface StreamClose {
	code: number;
	reason: string;
	/** True when this side closed it (close() was called). */
	byUs: boolean;
}

/**
 * One WebSocket connection: opens it, hands every text frame to `onFrame` synchronously (so the
 * added latency is one function call), and reports the end once.
 */
export class StreamConnection {
	private readonly socket: WebSocketLike;

	private closing = false;

	private endResolve!: (close: StreamClose) => void;

	private openResolve!: (opened: boolean) => void;

	/** Resolves once, when the connection has ended for any reason. */
	readonly ended: Promise<StreamClose>;

	/** Resolves true when open, false if it ended before opening. */
	readonly opened: Promise<boolean>;

	constructor(
		factory: WebSocketFactory,
		url: string,
		headers: Record<string, string>,
		private readonly onFrame: (text: string) => void,
	) {
		this.ended = new Promise((resolve) => (this.endResolve = resolve));
		this.opened = new Promise((resolve) => (this.openResolve = resolve));
		this.socket = factory(url, headers);
		this.socket.onopen = () => this.openResolve(true);
		this.socket.onmessage = (event) => {
			if (this.closing) return;
			const data = event.data;
			if (typeof data === 'string') this.onFrame(data);
			else if (data instanceof ArrayBuffer) this.onFrame(Buffer.from(data).toString('utf8'));
			else if (Buffer.isBuffer(data)) this.onFrame(data.toString('utf8'));
		};
		// Node's WebSocket reports a refused handshake with an error event only, without a close
		// event: an error ends the connection either way.
		this.socket.onerror = () => {
			if (this.closing) return;
			this.finish(1006, 'connection error');
			try {
				this.socket.close();
			} catch {
				// not open
			}
		};
		this.socket.onclose = (event) => this.finish(event.code, event.reason ?? '');
	}

	get isOpen(): boolean {
		return !this.closing && this.socket.readyState === OPEN;
	}

	/** Sends a JSON message; false when the socket is not open. */
	send(message: unknown): boolean {
		if (!this.isOpen) return false;
		try {
			this.socket.send(JSON.stringify(message));
			return true;
		} catch {
			return false;
		}
	}

	/** Closes at once (code 1000) and stops delivering frames. */
	close(reason = 'closed'): void {
		if (this.closing) return;
		this.closing = true;
		try {
			this.socket.close(1000, reason);
		} catch {
			// already closing
		}
		this.finish(1000, reason, true);
	}

	private finish(code: number, reason: string, byUs = this.closing): void {
		this.closing = true;
		this.openResolve(false);
		this.endResolve({ code, reason, byUs });
	}
}

/**
 * Sleeps `ms`, or less if `signal` aborts. Resolves true when the time passed, false when aborted.
 * Any other failure of the wait is thrown (never taken for an abort), so the trigger reports it.
 * Each wait uses its own child signal, so a long-lived signal does not collect listeners.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	const child = new AbortController();
	const onAbort = () => child.abort();
	signal.addEventListener('abort', onAbort, { once: true });
	try {
		return await abortableSleep(ms, child.signal);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Waits for `promise` for at most `ms`. Resolves `{ value }` when it settles first, or undefined on
 * timeout or abort; a failure of the wait itself is thrown. The timer is cleared as soon as the
 * race is decided.
 */
export async function within<T>(
	promise: Promise<T>,
	ms: number,
	signal: AbortSignal,
): Promise<{ value: T } | undefined> {
	if (signal.aborted) return undefined;
	const child = new AbortController();
	const onAbort = () => child.abort();
	signal.addEventListener('abort', onAbort, { once: true });
	try {
		return await Promise.race([
			promise.then((value) => ({ value })),
			abortableSleep(ms, child.signal).then(() => undefined),
		]);
	} finally {
		child.abort();
		signal.removeEventListener('abort', onAbort);
	}
}

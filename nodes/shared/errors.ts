import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

/**
 * What kind of failure an error is. Retry and recovery code reads the kind, never the message
 * text, so a reworded message cannot change what is retried.
 */
export type ErrorKind =
	| 'rateLimited'
	| 'nonce'
	| 'auth'
	| 'duplicate'
	| 'notFound'
	| 'insufficientFunds'
	| 'invalidInput'
	| 'serverError'
	/** No answer came back (timeout, reset): the request may have been executed. */
	| 'noAnswer'
	/** An answer came back but is not what it should be (not JSON, truncated, HTML). */
	| 'badAnswer';

/** What a service's error table makes of an error answer. */
export interface ServiceErrorInfo {
	message: string;
	description?: string;
	/** Set by the error table when it knows; otherwise derived from the HTTP status. */
	kind?: ErrorKind;
}

/** The kind an HTTP status implies when the service's error table does not say. */
export function kindFromStatus(status: number | undefined): ErrorKind | undefined {
	if (status === undefined) return undefined;
	if (status === 429) return 'rateLimited';
	if (status === 401 || status === 403) return 'auth';
	if (status === 404) return 'notFound';
	if (status === 409) return 'duplicate';
	if (status === 400 || status === 422) return 'invalidInput';
	if (status >= 500) return 'serverError';
	return undefined;
}

/** The kind of an error thrown by the request wrapper (or set by an operation), if any. */
export function errorKind(error: unknown): ErrorKind | undefined {
	const context = (error as { context?: { kind?: unknown } } | undefined)?.context;
	return typeof context?.kind === 'string' ? (context.kind as ErrorKind) : undefined;
}

/**
 * Thrown by a credential's `authenticate` when the stored credential cannot be used
 * (malformed JSON, wrong key type, …), or when the request is one the credential refuses to sign
 * (then `description` says what to change instead of pointing at the credential). The request is
 * never sent.
 */
export class CredentialConfigurationError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'CredentialConfigurationError';
		rememberConfigurationMessage(message, description);
	}
}

// n8n wraps an error thrown by `authenticate` in a NodeApiError and drops the original (its
// `cause` field is reset), keeping only the message. The messages are remembered so the request
// wrapper can still tell a credential problem from a network one.
const configurationMessages = new Map<string, string | undefined>();

function rememberConfigurationMessage(message: string, description: string | undefined): void {
	if (configurationMessages.size >= 100) configurationMessages.clear();
	configurationMessages.set(message, description);
}

/** The description a credential gave with a refusal, if it gave one. */
export function configurationDescription(message: string): string | undefined {
	return configurationMessages.get(message);
}

/** The credential problem behind an error, also after n8n has wrapped it. */
export function findConfigurationError(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 6; depth++) {
		const { name, message, messages } = current as { name?: unknown; message?: unknown; messages?: unknown };
		if (name === 'CredentialConfigurationError' && typeof message === 'string') return message;
		for (const text of [message, ...(Array.isArray(messages) ? messages : [])]) {
			if (typeof text === 'string' && configurationMessages.has(text)) return text;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Builds a NodeApiError from parts we control, so no request option (and no secret) can leak into it. */
export function createApiError(
	node: INode,
	info: ServiceErrorInfo & { httpCode?: number; itemIndex?: number; details?: JsonObject },
): NodeApiError {
	const error = new NodeApiError(
		node,
		{ message: info.message, ...(info.details ?? {}) } as JsonObject,
		{
			message: info.message,
			description: info.description,
			httpCode: info.httpCode !== undefined ? String(info.httpCode) : undefined,
			itemIndex: info.itemIndex,
		},
	);
	const kind = info.kind ?? kindFromStatus(info.httpCode);
	if (kind) error.context.kind = kind;
	return error;
}

/** Gives an error that escaped an operation an itemIndex, wrapping foreign errors once. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Short, secret-free text for a JSON or plain-text error body. */
export function bodySnippet(body: unknown, max = 300): string {
	if (body === undefined || body === null || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * An answer that parsed but is not what the request asks for (no record, not a list, another
 * record). It is an error, never an empty result; after a write it says the write may have been
 * executed, so a retry looks first or is refused.
 */
export function unexpectedAnswer(
	node: INode,
	info: { service: string; what: string; itemIndex?: number; write?: boolean; check?: string },
): NodeApiError {
	return createApiError(node, {
		message: `${info.service}: the answer is not what was asked for: ${info.what}`,
		description: info.write
			? `The request may have been executed. Check ${info.check ?? `in ${info.service} whether it took effect`} before you run it again.`
			: 'Nothing is returned for this item. Try again; if it persists, check the base URL in the credential.',
		kind: 'badAnswer',
		itemIndex: info.itemIndex,
	});
}

/**
 * An answer documented as a list: returned as one, and anything else is the unexpectedAnswer
 * error for `info`, never an empty list.
 */
export function expectList(node: INode, body: unknown, info: Parameters<typeof unexpectedAnswer>[1]): IDataObject[] {
	if (!Array.isArray(body)) throw unexpectedAnswer(node, info);
	return body as IDataObject[];
}

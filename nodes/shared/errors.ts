import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

/** What a service's error table makes of an error answer. */
export interface ServiceErrorInfo {
	message: string;
	description?: string;
}

/**
 * Thrown by a credential's `authenticate` when the stored credential cannot be used
 * (malformed JSON, wrong key type, …). The request is never sent.
 */
export class CredentialConfigurationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigurationError';
		rememberConfigurationMessage(message);
	}
}

// n8n wraps an error thrown by `authenticate` in a NodeApiError and drops the original (its
// `cause` field is reset), keeping only the message. The messages are remembered so the request
// wrapper can still tell a credential problem from a network one.
const configurationMessages = new Set<string>();

function rememberConfigurationMessage(message: string): void {
	if (configurationMessages.size >= 100) configurationMessages.clear();
	configurationMessages.add(message);
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

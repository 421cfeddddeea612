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
	}
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

/** Finds the message of the innermost error that has one, following `cause`. */
export function findCause(error: unknown, name: string): Error | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 6; depth++) {
		if (current instanceof Error && current.name === name) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Short, secret-free text for a JSON or plain-text error body. */
export function bodySnippet(body: unknown, max = 300): string {
	if (body === undefined || body === null || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';

import { createApiError, findConfigurationError, type ServiceErrorInfo } from './errors';

/** The contexts from which nodes, pickers and triggers send requests. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| ITriggerFunctions;

/** What the shared request wrapper needs to know about a service. */
export interface ServiceDefinition {
	/** Name used in error messages, e.g. "Wallet Service". */
	displayName: string;
	credentialType: string;
	/** Client timeout; some services are known to hang instead of answering. */
	timeoutMs: number;
	/** Turns an error answer (status ≥ 400, or a 2xx that carries an error) into readable text. */
	describeError(status: number, body: unknown): ServiceErrorInfo;
	/** A 2xx answer whose body is really an error (some APIs answer 200 with an error message). */
	isErrorBody?(body: unknown): boolean;
	/** Explains a connection that closed or timed out without an answer. */
	describeNoAnswer?(reason: string): ServiceErrorInfo;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Sends one request through n8n's `httpRequestWithAuthentication`, so signing stays in the
 * credential. Error answers become NodeApiErrors with the service's own message; the error never
 * carries request options, so headers, tokens and signatures cannot leak into it.
 */
export async function apiRequest<T = unknown>(
	this: RequestContext,
	service: ServiceDefinition,
	options: IHttpRequestOptions,
	itemIndex?: number,
): Promise<ApiResponse<T>> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			service.credentialType,
			{
				json: true,
				timeout: service.timeoutMs,
				// APIs answer directly; following a redirect would resend signed headers elsewhere.
				disableFollowRedirect: true,
				...options,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
		)) as IN8nHttpFullResponse;
	} catch (error) {
		throw translateTransportError(this, service, error, itemIndex);
	}

	const body = parseBody(response.body);
	const statusCode = response.statusCode;
	if (statusCode >= 300 || service.isErrorBody?.(body)) {
		const info = service.describeError(statusCode, body);
		const error = createApiError(this.getNode(), {
			...info,
			httpCode: statusCode,
			itemIndex,
		});
		const retryAfter = retryAfterMs(response.headers as IDataObject);
		if (retryAfter !== undefined) error.context.retryAfterMs = retryAfter;
		throw error;
	}
	return { statusCode, headers: response.headers as IDataObject, body: body as T };
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return undefined;
	if (text.startsWith('{') || text.startsWith('[')) {
		try {
			return JSON.parse(text);
		} catch {
			return body;
		}
	}
	return body;
}

/** Retry-After in milliseconds (seconds or an HTTP date), if the answer has one. */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const raw = headers?.['retry-after'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function translateTransportError(
	context: RequestContext,
	service: ServiceDefinition,
	error: unknown,
	itemIndex: number | undefined,
) {
	const configurationProblem = findConfigurationError(error);
	if (configurationProblem) {
		return createApiError(context.getNode(), {
			message: configurationProblem,
			description: `Check the ${service.displayName} credential. Nothing was sent.`,
			itemIndex,
		});
	}
	const code = findCode(error);
	if (code && NETWORK_CODES.has(code)) {
		const reason =
			code === 'ECONNABORTED' || code === 'ETIMEDOUT'
				? `no answer within ${Math.round(service.timeoutMs / 1000)} s`
				: code === 'ECONNRESET' || code === 'EPIPE'
					? 'the connection was closed without an answer'
					: `the server could not be reached (${code})`;
		const info = service.describeNoAnswer?.(reason) ?? {
			message: `${service.displayName}: ${reason}`,
			description: 'Check the base URL in the credential and that the service is running.',
		};
		// The code goes into context, not the error body: n8n would swap our message for its generic one.
		const networkError = createApiError(context.getNode(), { ...info, itemIndex });
		networkError.context.code = code;
		return networkError;
	}
	const message = error instanceof Error ? error.message : String(error);
	return createApiError(context.getNode(), {
		message: `${service.displayName}: ${message}`,
		itemIndex,
	});
}

/** n8n replaces a network error's message with these sentences (n8n-workflow COMMON_ERRORS). */
const N8N_NETWORK_MESSAGES: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/connection to the server was closed unexpectedly/i, 'ECONNRESET'],
	[/server closed the connection unexpectedly/i, 'ECONNRESET'],
	[/connection cannot be established/i, 'ENOTFOUND'],
	[/connection timed out/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/timeout of \d+ms exceeded/i, 'ECONNABORTED'],
	[/socket hang up/i, 'ECONNRESET'],
];

/** The network error code behind an error, looking through n8n's wrapping (cause, messages). */
function findCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 6; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
		const texts = [
			(current as { message?: unknown }).message,
			...(((current as { messages?: unknown }).messages as unknown[]) ?? []),
		];
		for (const text of texts) {
			if (typeof text !== 'string') continue;
			const match = /\b(E[A-Z_]{4,})\b/.exec(text);
			if (match && NETWORK_CODES.has(match[1])) return match[1];
			const known = N8N_NETWORK_MESSAGES.find(([pattern]) => pattern.test(text));
			if (known) return known[1];
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

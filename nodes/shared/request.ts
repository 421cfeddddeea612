import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';

import { sleep } from 'n8n-workflow';
import { randomInt } from 'crypto';

import {
	createApiError,
	errorKind,
	configurationDescription,
	findConfigurationError,
	type ErrorKind,
	type ServiceErrorInfo,
} from './errors';

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
	/**
	 * For credentials whose `preAuthentication` logs in and stores a token in a hidden expirable
	 * field. The wrapper empties that field when the token is about to expire and, after a 401,
	 * once more and resends (n8n then runs `preAuthentication` again). Concurrent requests that
	 * fail together share one new login.
	 */
	expirableToken?: ExpirableToken;
	/** What the wrapper resends by itself. Anything not declared here is never resent. */
	retry?: RetryPolicy;
}

/**
 * The resends a service allows, declared once in its service definition. A write is only ever
 * resent when the service says it was not executed (a 429, a rejected nonce).
 */
export interface RetryPolicy {
	/** Resends after the service rejected the nonce: it checked that first and executed nothing. */
	nonceResends?: number;
	/**
	 * Longest pause before a nonce resend. Each pause is random, up to an eighth of this for the
	 * first resend and doubling with each one: requests from several processes (n8n queue-mode
	 * workers) that overtook each other then leave at different times instead of colliding again.
	 * 0 or absent: resend at once.
	 */
	nonceResendPauseMs?: number;
	/** Resends of a read (never a write) after a 5xx answer or a reset connection, after a short pause. */
	readResends?: number;
	/**
	 * Longest total wait for resends after HTTP 429 with Retry-After (the request was not
	 * executed, so writes are resent too). 0 or absent: a 429 is an error (or the service's own
	 * pacing deals with it).
	 */
	rateLimitMaxWaitMs?: number;
}

export interface ExpirableToken {
	/** Name of the hidden `expirable` credential field that holds the token. */
	field: string;
	/** When the stored token stops working (ms since epoch), if the credential knows. */
	expiresAtMs?(credentials: ICredentialDataDecryptedObject): number | undefined;
	/** Log in again this long before the expiry. Default 60 s. */
	refreshMarginMs?: number;
	/**
	 * False when a 401 is about another token than the stored one (a request that carries the
	 * token of a user it acts for): the wrapper then only makes sure that the credential's own
	 * login, which n8n runs before any request while the field is empty, happens once for
	 * requests that start together. Default true.
	 */
	renewAfter401?: boolean;
}

/** How the wrapper treats one request, beyond what n8n's options say. */
export interface RequestBehaviour {
	/**
	 * Whether the request changes something on the server. A write whose answer is lost or
	 * unreadable may have been executed, and the error says so. Default: POST, PUT, PATCH and
	 * DELETE are writes.
	 */
	write?: boolean;
	/**
	 * What a successful answer must hold: 'json' (an object, array, number, boolean or null,
	 * the default), 'text' (anything, returned as is) or 'jsonOrEmpty' (JSON, or no body at all).
	 */
	expect?: 'json' | 'text' | 'jsonOrEmpty';
	/**
	 * Whether the service's `readResends` apply (default true). A polling trigger turns them off:
	 * its next poll is the retry, and a resend would spend the request budget twice.
	 */
	resendReads?: boolean;
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
 * credential. Error answers become NodeApiErrors with the service's own message and a kind; the
 * error never carries request options, so headers, tokens and signatures cannot leak into it.
 * The credential is read once per node run (or poll) and handed to n8n with every request.
 */
export async function apiRequest<T = unknown>(
	this: RequestContext,
	service: ServiceDefinition,
	options: IHttpRequestOptions,
	itemIndex?: number,
	behaviour: RequestBehaviour = {},
): Promise<ApiResponse<T>> {
	const write = behaviour.write ?? WRITE_METHODS.has((options.method ?? 'GET').toUpperCase());
	const policy = service.retry ?? {};
	const resends = { nonce: 0, read: 0, waitedMs: 0 };
	for (;;) {
		let failure: { error: unknown };
		try {
			return await requestOnce<T>(this, service, options, itemIndex, behaviour, write);
		} catch (error) {
			failure = { error };
		}
		// A read that may not be resent is treated like a write here: only "not executed" answers repeat.
		const pause = resendPause(failure.error, policy, resends, write || behaviour.resendReads === false);
		// Everything requestOnce throws is already a NodeApiError built from parts we control.
		if (pause === undefined) throw failure.error as Error;
		if (pause > 0) await sleep(pause);
	}
}

/** How long to wait before resending after this error, or undefined when it must not be resent. */
function resendPause(
	error: unknown,
	policy: RetryPolicy,
	resends: { nonce: number; read: number; waitedMs: number },
	write: boolean,
): number | undefined {
	const kind = errorKind(error);
	if (kind === 'nonce' && resends.nonce < (policy.nonceResends ?? 0)) {
		resends.nonce++;
		return nonceResendPause(policy.nonceResendPauseMs ?? 0, resends.nonce);
	}
	const context = (error as { context?: IDataObject }).context ?? {};
	// A timeout is not resent: it already took the whole client timeout, and would take it again.
	const reset = kind === 'noAnswer' && context.code !== 'ETIMEDOUT' && context.code !== 'ECONNABORTED';
	if ((kind === 'serverError' || reset) && !write && resends.read < (policy.readResends ?? 0)) {
		resends.read++;
		return 250 * 2 ** (resends.read - 1);
	}
	// Only a 429 that says when to come back is waited out; without Retry-After it is an error.
	if (kind === 'rateLimited' && policy.rateLimitMaxWaitMs && typeof context.retryAfterMs === 'number') {
		const wait = context.retryAfterMs;
		if (resends.waitedMs + wait > policy.rateLimitMaxWaitMs) return undefined;
		resends.waitedMs += wait;
		return wait;
	}
	return undefined;
}

/** A random pause before the n-th nonce resend: up to maxMs/8 · 2^(n-1), never above maxMs. */
export function nonceResendPause(maxMs: number, resend: number, random: (below: number) => number = randomInt): number {
	if (maxMs <= 0) return 0;
	const ceiling = Math.min(maxMs, Math.ceil(maxMs / 8) * 2 ** Math.max(0, resend - 1));
	return random(ceiling + 1);
}

async function requestOnce<T>(
	context: RequestContext,
	service: ServiceDefinition,
	options: IHttpRequestOptions,
	itemIndex: number | undefined,
	behaviour: RequestBehaviour,
	write: boolean,
): Promise<ApiResponse<T>> {
	const credentials = await credentialsForRun(context, service);
	const response = await sendWithToken(context, service, options, credentials, itemIndex, write);

	const statusCode = response.statusCode;
	const headers = response.headers;
	const parsed = parseBody(response.body);
	if (statusCode >= 300 || (parsed.ok && service.isErrorBody?.(parsed.value))) {
		const body = parsed.ok ? parsed.value : shortenPage(parsed.text);
		const info = service.describeError(statusCode, body);
		const error = createApiError(context.getNode(), { ...info, httpCode: statusCode, itemIndex });
		const retryAfter = retryAfterMs(headers);
		if (retryAfter !== undefined) error.context.retryAfterMs = retryAfter;
		throw error;
	}
	const expect = behaviour.expect ?? 'json';
	if (expect === 'text') return { statusCode, headers, body: response.body as T };
	if (parsed.ok && (parsed.value !== undefined || expect === 'jsonOrEmpty' || statusCode === 204)) {
		return { statusCode, headers, body: parsed.value as T };
	}
	throw badAnswerError(context, service, parsed, statusCode, itemIndex, write);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A credential as read for one run; n8n merges a new token into `data`. */
type RunCredentials = ICredentialsDecrypted & { data: ICredentialDataDecryptedObject };

/**
 * Sends, keeping an expirable login token fresh. An empty expirable field makes n8n run the
 * credential's `preAuthentication` (a login) before it signs; only one request at a time may do
 * that for a credential, and the others wait for it and then use the new token.
 */
async function sendWithToken(
	context: RequestContext,
	service: ServiceDefinition,
	options: IHttpRequestOptions,
	credentials: RunCredentials | undefined,
	itemIndex: number | undefined,
	write: boolean,
): Promise<SentResponse> {
	const token = service.expirableToken;
	const sendOnce = async () => await send(context, service, options, credentials, itemIndex, write);
	if (!token || !credentials) return await sendOnce();
	const data = credentials.data;

	// Checks and claims happen without an await in between, so two requests cannot both decide
	// to log in: the first claims the login, the others wait for it and then use its token.
	if (logins.has(credentials)) await afterLogin(credentials);
	let response: SentResponse;
	if (isEmpty(data[token.field]) || isAboutToExpire(token, credentials)) {
		response = await asLogin(credentials, token, sendOnce);
	} else {
		response = await sendOnce();
	}
	if (response.statusCode !== 401 || token.renewAfter401 === false) return response;

	// The token expired early or was revoked: log in once more and resend once. Requests that
	// failed with the same token share that one login.
	if (logins.has(credentials)) await afterLogin(credentials);
	if (!isEmpty(data[token.field]) && data[token.field] !== response.usedToken) return await sendOnce();
	return await asLogin(credentials, token, sendOnce);
}

const logins = new WeakMap<object, Promise<unknown>>();
/** The token this process obtained last for a credential object: it is not refreshed early. */
const obtained = new WeakMap<object, unknown>();

/**
 * Waits while another request logs in. Callers check `logins.has` first: no await when none does.
 * When the login it waited for failed, this request fails with it instead of logging in again:
 * items that run at the same time get one refused login between them, as items one at a time do.
 */
async function afterLogin(credentials: RunCredentials): Promise<void> {
	let failure: { error: unknown } | undefined;
	for (let pending = logins.get(credentials); pending; pending = logins.get(credentials)) {
		failure = await pending.then(
			() => undefined,
			(error: unknown) => ({ error }),
		);
	}
	if (failure) throw failure.error;
}

/**
 * Empties the expirable field, so n8n runs `preAuthentication` (a login) for this request, and
 * registers the request so that others can wait for it.
 */
async function asLogin(
	credentials: RunCredentials,
	token: ExpirableToken,
	sendOnce: () => Promise<SentResponse>,
): Promise<SentResponse> {
	credentials.data[token.field] = '';
	const pending = sendOnce();
	logins.set(credentials, pending);
	try {
		return await pending;
	} finally {
		if (logins.get(credentials) === pending) logins.delete(credentials);
		obtained.set(credentials, credentials.data[token.field]);
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

interface SentResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** The token the request was signed with, to tell whether another request has refreshed it since. */
	usedToken: unknown;
}

async function send(
	context: RequestContext,
	service: ServiceDefinition,
	options: IHttpRequestOptions,
	credentials: RunCredentials | undefined,
	itemIndex: number | undefined,
	write: boolean,
): Promise<SentResponse> {
	const usedToken = service.expirableToken ? credentials?.data[service.expirableToken.field] : undefined;
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
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
			credentials ? { credentialsDecrypted: credentials } : undefined,
		)) as IN8nHttpFullResponse;
		return {
			statusCode: response.statusCode,
			headers: (response.headers ?? {}) as IDataObject,
			body: response.body,
			usedToken,
		};
	} catch (error) {
		throw translateTransportError(context, service, error, itemIndex, write);
	}
}

/**
 * The decrypted credential, read once per node run: n8n would otherwise read and decrypt it
 * from the database for every request. Signing still happens per request in `authenticate`.
 * Credential fields are resolved once, for the first item.
 */
const runCredentials = new WeakMap<object, Map<string, Promise<RunCredentials | undefined>>>();

async function credentialsForRun(
	context: RequestContext,
	service: ServiceDefinition,
): Promise<RunCredentials | undefined> {
	let byType = runCredentials.get(context);
	if (!byType) {
		byType = new Map();
		runCredentials.set(context, byType);
	}
	let pending = byType.get(service.credentialType);
	if (!pending) {
		pending = readCredentials(context, service.credentialType);
		byType.set(service.credentialType, pending);
	}
	return await pending;
}

async function readCredentials(
	context: RequestContext,
	type: string,
): Promise<RunCredentials | undefined> {
	const reference = context.getNode().credentials?.[type];
	if (!reference) return undefined;
	let data: ICredentialDataDecryptedObject;
	try {
		data = await (
			context.getCredentials as (type: string, itemIndex?: number) => Promise<ICredentialDataDecryptedObject>
		).call(context, type, 'getInputData' in context ? 0 : undefined);
	} catch {
		// Let n8n's own path report a missing or unreadable credential, as it does without the cache.
		return undefined;
	}
	// A copy: n8n merges a new token into this object, and the token belongs to this run only.
	return { id: reference.id ?? '', name: reference.name, type, data: { ...data } };
}

/**
 * Whether the stored token expires within the refresh margin. A token this process has just
 * obtained is used until it really expires: a service whose tokens live shorter than the margin
 * would otherwise get a login for every request.
 */
function isAboutToExpire(token: ExpirableToken, credentials: RunCredentials): boolean {
	const data = credentials.data;
	const expiresAt = token.expiresAtMs?.(data);
	if (expiresAt === undefined || !Number.isFinite(expiresAt)) return false;
	const margin = obtained.get(credentials) === data[token.field] ? 0 : (token.refreshMarginMs ?? 60_000);
	return expiresAt - Date.now() <= margin;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; text: string };

function parseBody(body: unknown): ParsedBody {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return { ok: true, value: body };
	const text = body.trim();
	if (text === '') return { ok: true, value: undefined };
	try {
		const value: unknown = JSON.parse(text);
		// n8n has already parsed JSON answers; a string here is text that happens to parse.
		if (typeof value === 'string') return { ok: false, text: body };
		return { ok: true, value };
	} catch {
		return { ok: false, text: body };
	}
}

/** An HTML error page (a proxy's 502) becomes its title, not thousands of characters of markup. */
export function shortenPage(text: string): string {
	const trimmed = text.trim();
	if (!/^<(!doctype|html|head|body|\?xml)|<html[\s>]/i.test(trimmed.slice(0, 500))) {
		return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
	}
	const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(trimmed)?.[1];
	const heading = /<h1[^>]*>([^<]{1,200})<\/h1>/i.exec(trimmed)?.[1];
	const visible = trimmed
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ');
	let summary = (title ?? heading ?? visible).replace(/\s+/g, ' ').trim();
	if (summary.length > 100) summary = `${summary.slice(0, 100)}…`;
	return summary ? `an HTML page (${summary})` : 'an HTML page';
}

function badAnswerError(
	context: RequestContext,
	service: ServiceDefinition,
	parsed: ParsedBody,
	statusCode: number,
	itemIndex: number | undefined,
	write: boolean,
) {
	const what = parsed.ok
		? 'an empty answer'
		: /^\s*[[{]/.test(parsed.text)
			? 'an incomplete JSON answer (cut off or malformed)'
			: `a non-JSON answer: ${shortenPage(parsed.text)}`;
	const kind: ErrorKind = 'badAnswer';
	return createApiError(context.getNode(), {
		message: `${service.displayName}: HTTP ${statusCode} with ${what}`,
		description: write
			? `The request may have been executed. Check in ${service.displayName} whether it took effect before you run it again.`
			: 'The answer could not be read, so nothing is returned for this item. Try again; if it persists, check the base URL in the credential.',
		kind,
		itemIndex,
	});
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
	write: boolean,
) {
	const configurationProblem = findConfigurationError(error);
	if (configurationProblem) {
		return createApiError(context.getNode(), {
			message: configurationProblem,
			description:
				configurationDescription(configurationProblem) ?? `Check the ${service.displayName} credential. Nothing was sent.`,
			kind: 'invalidInput',
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
		// A refused or unresolvable connection never reached the server; anything else may have.
		const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
		if (write && !neverSent && !/may have been/i.test(`${info.message} ${info.description ?? ''}`)) {
			info.description = `The request may have been executed. Check in ${service.displayName} whether it took effect before you run it again. ${info.description ?? ''}`.trim();
		}
		// The code goes into context, not the error body: n8n would swap our message for its generic one.
		const networkError = createApiError(context.getNode(), {
			...info,
			kind: neverSent ? 'serverError' : 'noAnswer',
			itemIndex,
		});
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

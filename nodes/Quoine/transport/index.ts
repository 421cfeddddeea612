import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { createApiError } from '../../shared/errors';
import { collectNumberedPages, hasNextPage, readPageNumber, type NumberedPage, type Page } from '../../shared/pagination';
import { acquireSlot, RateLimitWaitError, retryOn429 } from '../../shared/rateLimit';
import { apiRequest, type RequestContext, type ServiceDefinition } from '../../shared/request';
import { parseInteger, readReturnAllAndLimit } from '../../shared/validation';
import { PUBLIC_REQUEST_HEADER, resolveBaseUrl } from './auth';
import { describeError } from './errors';

export const quoineService: ServiceDefinition = {
	displayName: 'Quoine',
	credentialType: 'quoineApi',
	timeoutMs: 30_000,
	describeError,
	// "Nonce is too small" (HTTP 401): the exchange checks authentication before anything else, so
	// nothing was executed and a resend, signed anew with a higher nonce, is safe for orders too. It
	// happens when concurrent executions share an API token and their requests overtake each other,
	// most of all in n8n queue mode, where several worker processes sign with the same token and no
	// process-local counter can order their nonces. Measured with two workers and 200 signed
	// requests at once (docs/queue-mode.md): 2 resends left some requests failing; up to 8, each
	// after a random pause (at most 25, 50, 100, then 200 ms), left none. A 429 is waited out by
	// quoineRequest, within the pacing budget. A read is resent once after a 5xx or a reset
	// connection (signed anew); a write never is.
	retry: { nonceResends: 8, nonceResendPauseMs: 200, readResends: 1 },
};

/** The documented budget: 300 requests per 5 minutes (spec §9). */
export const RATE_WINDOW_MS = 5 * 60 * 1000;
export const DEFAULT_REQUESTS_PER_WINDOW = 300;
export const DEFAULT_MAX_WAIT_SECONDS = 300;
/** Largest page the API serves (spec §7). */
export const MAX_PAGE_SIZE = 1000;

export type QueryValue = string | number | undefined;

export interface QuoineRequest {
	method: IHttpRequestMethods;
	/** Path relative to the base URL, e.g. `/orders`. */
	path: string;
	/** Sent in this order; undefined and empty values are left out. */
	query?: Record<string, QueryValue>;
	/** JSON body. Without one, nothing is sent (no body, no Content-Type). */
	body?: IDataObject;
	/** Products, order book, public executions and ladders need no signature (spec §4.1). */
	isPublic?: boolean;
	/** False for polling: the next poll is the retry (see RequestBehaviour.resendReads). */
	resendReads?: boolean;
}

interface Settings {
	requestsPerWindow: number;
	maxWaitMs: number;
}

/**
 * Builds the query string once. The credential signs the URL it receives, so putting this
 * string in the URL (and never passing `qs`) makes the signed path and the sent path identical.
 * URLSearchParams encodes like Python's urlencode for the values used here (spec §4.2).
 */
export function buildQuery(query: Record<string, QueryValue> = {}): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === '') continue;
		params.append(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

function readSettings(context: RequestContext, itemIndex: number | undefined): Settings {
	let options: IDataObject = {};
	if (itemIndex !== undefined && 'getInputData' in context) {
		options = (context as IExecuteFunctions).getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	}
	// Whole numbers in plain digits, checked before anything is sent ("0x10" is not 16 here either).
	const read = (name: string, label: string, fallback: number): number => {
		const value = options[name];
		if (value === undefined || value === null || value === '') return fallback;
		const result = parseInteger(value, { min: 0, max: 1_000_000 });
		if (!result.ok) {
			throw new NodeOperationError(context.getNode(), `${label}: ${result.message}`, {
				itemIndex,
				description: 'Nothing was sent.',
			});
		}
		return result.value;
	};
	return {
		requestsPerWindow: read('requestsPerWindow', 'Requests per 5 Minutes', DEFAULT_REQUESTS_PER_WINDOW),
		maxWaitMs: read('maxRateLimitWait', 'Max Rate-Limit Wait (Seconds)', DEFAULT_MAX_WAIT_SECONDS) * 1000,
	};
}

/** One pacing key per node run: the credential is the same for every item. */
const pacingKeys = new WeakMap<object, string>();

/** Requests are paced per exchange and API token: the exchange counts per token. */
async function pacingKey(context: RequestContext, itemIndex: number | undefined): Promise<string> {
	const cached = pacingKeys.get(context);
	if (cached !== undefined) return cached;
	const credentials = (await (
		context.getCredentials as (type: string, itemIndex?: number) => Promise<ICredentialDataDecryptedObject>
	).call(context, 'quoineApi', itemIndex)) as ICredentialDataDecryptedObject;
	const key = `quoine|${resolveBaseUrl(credentials.exchange, credentials.baseUrl)}|${String(credentials.apiTokenId ?? '').trim()}`;
	pacingKeys.set(context, key);
	return key;
}

/** 600 → "0.6", 300000 → "300". */
function seconds(ms: number): string {
	return String(Math.round(ms / 100) / 10);
}

function rateLimitError(context: RequestContext, itemIndex: number | undefined, reason: string) {
	return createApiError(context.getNode(), {
		message: `Quoine rate limit: ${reason}`,
		description:
			'The exchange allows 300 requests per 5 minutes for each API token. Raise "Max Rate-Limit Wait (Seconds)" in Request Options, or send fewer requests.',
		httpCode: 429,
		itemIndex,
	});
}

/**
 * Sends one request. Requests are paced to the credential's budget; an HTTP 429 (which the
 * exchange did not execute, so it is safe to repeat, orders included) is retried after
 * Retry-After or a backoff, within "Max Rate-Limit Wait", and a rejected nonce is signed again
 * (see sendWithFreshNonce). No other error is retried.
 */
export async function quoineRequest(
	this: RequestContext,
	request: QuoineRequest,
	itemIndex?: number,
): Promise<unknown> {
	const settings = readSettings(this, itemIndex);
	const window = { limit: settings.requestsPerWindow, windowMs: RATE_WINDOW_MS };
	const key = window.limit > 0 ? await pacingKey(this, itemIndex) : '';
	const pace = async (alreadyWaited: number) => {
		try {
			await acquireSlot(key, window, Math.max(0, settings.maxWaitMs - alreadyWaited));
		} catch (error) {
			throw error instanceof RateLimitWaitError
				? rateLimitError(this, itemIndex, error.message)
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	};

	const headers: IDataObject = { 'User-Agent': 'n8n-nodes-crypto-suite' };
	if (request.isPublic) headers[PUBLIC_REQUEST_HEADER] = '1';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${request.path}${buildQuery(request.query)}`,
		headers,
	};
	if (request.body !== undefined) {
		// n8n drops an empty object body; the SDK sends the literal `{}` (spec §6), so send it as text.
		options.body = Object.keys(request.body).length === 0 ? '{}' : request.body;
		headers['Content-Type'] = 'application/json';
	}

	await pace(0);
	const response = await retryOn429(
		async () =>
			await apiRequest.call(this, quoineService, options, itemIndex, {
				resendReads: request.resendReads,
			}),
		{
			maxWaitMs: settings.maxWaitMs,
			retryAfterOf: (error) => {
				const { httpCode, context } = error as { httpCode?: string; context?: IDataObject };
				if (httpCode !== '429') return undefined;
				const retryAfter = context?.retryAfterMs;
				return typeof retryAfter === 'number' ? retryAfter : null;
			},
			beforeRetry: pace,
			onGiveUp: (_error, waited, next, sends) =>
				rateLimitError(
					this,
					itemIndex,
					waited + next <= settings.maxWaitMs
						? `the exchange still answered 429 (too many requests) after ${sends} tries`
						: waited === 0
						? `the exchange answered 429 (too many requests) and the wait it needs (${seconds(next)} s) is longer than the allowed ${seconds(settings.maxWaitMs)} s`
						: `the exchange still answered 429 (too many requests) after waiting ${seconds(waited)} s; the next wait of ${seconds(next)} s would pass the allowed ${seconds(settings.maxWaitMs)} s`,
				),
		},
	);
	return response.body;
}

/** `current_page` / `total_pages` come as numbers or as digits in text (spec §7); anything else is undefined. */
export function toPageNumber(value: unknown): number | undefined {
	return readPageNumber(value);
}

/** One answer of a paginated list: `{models, current_page, total_pages}`, or a bare array. */
export function parsePage(body: unknown, requestedPage: number): Page<IDataObject, number> {
	if (Array.isArray(body)) return { items: body as IDataObject[] };
	// A list answer that is neither a list nor a page of one is an error, never an empty list.
	if (!body || typeof body !== 'object') throw new Error('Quoine: the answer is not what was asked for: not a list');
	const object = body as IDataObject;
	if (!Array.isArray(object.models)) return { items: [object] };
	const current = toPageNumber(object.current_page) ?? requestedPage;
	return {
		items: object.models as IDataObject[],
		next: hasNextPage(current, toPageNumber(object.total_pages)) ? current + 1 : undefined,
	};
}

/** One answer of a paginated list, for the shared page-number helpers. */
export function numberedPageOf(body: unknown, requestedPage: number): NumberedPage<IDataObject> {
	const { items, next } = parsePage(body, requestedPage);
	return { items, more: next !== undefined };
}

/**
 * Reads a paginated list, following `current_page` / `total_pages` until Limit items are
 * collected or the last page is reached. The page size stays the same on every page, so the
 * pages line up (`limit=20&page=2` starts at the 21st item).
 */
export async function quoineGetPages(
	this: IExecuteFunctions,
	request: { path: string; query?: Record<string, QueryValue>; isPublic?: boolean },
	itemIndex: number,
): Promise<IDataObject[]> {
	// Checked before the first request: an expression giving "0x10" is refused, not read as 16.
	const { returnAll, limit } = readReturnAllAndLimit(this, itemIndex);
	const perPage = returnAll ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit) || 1));
	return await collectNumberedPages<IDataObject>(
		async (page) => {
			const body = await quoineRequest.call(
				this,
				{
					method: 'GET',
					path: request.path,
					query: { ...request.query, limit: perPage, page },
					isPublic: request.isPublic,
				},
				itemIndex,
			);
			return numberedPageOf(body, page);
		},
		{ returnAll, limit },
	);
}

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { createApiError, errorKind, type ServiceErrorInfo } from '../../shared/errors';
import { apiRequest, type ApiResponse, type ExpirableToken, type RequestBehaviour, type ServiceDefinition } from '../../shared/request';
import {
	BEARER_HEADER,
	LOGIN_AS_HEADER,
	PUBLIC_HEADER,
	TOKEN_FIELD,
	USER_PLACEHOLDER,
	fillUserPath,
	isLoginErrorMessage,
	loginFailureMessage,
	parseLoginAnswer,
	parseUserIdentity,
	storedTokenExpiresAtMs,
	type UserIdentity,
} from './auth';
import { describeError, isErrorBody } from './errors';

export const CREDENTIAL_TYPE = 'cryptoCoinApi';

/**
 * The CryptoCoin.pro API through the shared request wrapper. The credential's own login token
 * lives in the hidden expirable field `sessionToken`: the wrapper empties it shortly before its
 * `until` (or when it was issued for another user or server) and after a 401, so n8n runs the
 * credential's `preAuthentication` again, once for all items that failed together.
 */
/** The credential's own login token, kept in a hidden expirable field. */
const storedToken: ExpirableToken = {
	field: TOKEN_FIELD,
	expiresAtMs: (credentials) => storedTokenExpiresAtMs(credentials),
	refreshMarginMs: 60_000,
};

export const cryptoCoinService: ServiceDefinition = {
	displayName: 'CryptoCoin',
	credentialType: CREDENTIAL_TYPE,
	timeoutMs: 30_000,
	describeError,
	isErrorBody,
	describeNoAnswer: (reason) => ({
		message: `CryptoCoin: ${reason}`,
		description: 'Check the Environment (or Base URL) in the credential and that the service is running.',
	}),
	// A read is sent once more after a 5xx or a reset connection; a 429 with Retry-After waits and
	// resends (the request was not executed). Writes are never resent by the wrapper.
	retry: { readResends: 1, rateLimitMaxWaitMs: 30_000 },
	expirableToken: storedToken,
};

/**
 * Requests signed with an "Act for User" token: a 401 is about that user's token and is handled
 * here, per user, not by the wrapper. n8n still logs the credential's own user in before any of
 * them while its field is empty; the wrapper makes requests that start together share that login.
 */
const actForService: ServiceDefinition = {
	...cryptoCoinService,
	expirableToken: { ...storedToken, renewAfter401: false },
};

/** Whom a request acts for: the credential's user (default), or another user of the platform. */
export interface Acting {
	/** Fills `{user}` instead of the logged-in user's ID. */
	userId?: string;
	/** Platform only: log this user in (its token kept apart) and act for them. */
	actFor?: UserIdentity;
}

export interface CryptoCoinCall {
	method: IHttpRequestMethods;
	/** Path below the base URL; `{user}` is filled with the acting user's ID. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer;
	headers?: Record<string, string>;
	/** Public endpoint (create user, verify e-mail): no bearer token. */
	public?: boolean;
	write?: boolean;
	expect?: RequestBehaviour['expect'];
}

// ------------------------------------------------------------------------ Act for User sessions

/**
 * "Act for User": one platform credential acting for many users, chosen per item.
 *
 * Each user's bearer token is kept apart in this bounded in-memory map. The key is the n8n
 * credential ID, the server, the platform and the user as typed (no private key, password or
 * token in any key). The login of such a user still goes through n8n's credential handling:
 * the request carries a marker header that the credential's `authenticate` removes, signing the
 * platform `Token` for that user instead of adding the credential's own bearer token. It never
 * passes through `preAuthentication`, so n8n never stores that user's token in the credential,
 * whose own user stays what the credential names. Two users can never share a token: a token is
 * only found under its own user's key. A 401 drops that user's token and logs in once more
 * (one login at a time per user); an expiring token (until − 60 s) is replaced before use.
 */
interface Session {
	token: string;
	userId: string;
	untilMs?: number;
}

const DEFAULT_MAX_SESSIONS = 500;
let maxSessions = DEFAULT_MAX_SESSIONS;
const SESSION_MARGIN_MS = 60_000;
const sessions = new Map<string, Session>();
const pendingLogins = new Map<string, Promise<Session>>();

/** For tests: forget every Act for User token. */
export function forgetSessions(): void {
	sessions.clear();
	pendingLogins.clear();
}

export function sessionCount(): number {
	return sessions.size;
}

/** For tests: a smaller bound (default 500); without an argument, the default again. */
export function setMaxSessions(max: number = DEFAULT_MAX_SESSIONS): void {
	maxSessions = max;
}

function rememberSession(key: string, session: Session): void {
	sessions.delete(key);
	sessions.set(key, session);
	while (sessions.size > maxSessions) {
		const oldest = sessions.keys().next().value as string;
		sessions.delete(oldest);
	}
}

const runCredentials = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

async function credentialsOf(ctx: IExecuteFunctions): Promise<ICredentialDataDecryptedObject> {
	let pending = runCredentials.get(ctx);
	if (!pending) {
		pending = ctx.getCredentials(CREDENTIAL_TYPE, 0);
		runCredentials.set(ctx, pending);
	}
	return await pending;
}

/** The credential's authentication type: 'platform' or 'user'. */
export async function authTypeOf(ctx: IExecuteFunctions): Promise<string> {
	return String((await credentialsOf(ctx)).authType ?? 'platform');
}

/**
 * Who an item acts for, as far as the node knows it: the User ID typed; else the Act for User
 * user (its e-mail, and the user ID its login answered); else the e-mail the credential names.
 * An `id` in the platform JWT is not compared with record IDs: whether it is CryptoCoin.pro's
 * user ID or the platform's own ID for the user is not documented (spec §4.2).
 */
export async function actingIdentity(ctx: IExecuteFunctions, acting: Acting): Promise<{ id?: string; email?: string }> {
	if (acting.userId) return { id: acting.userId };
	if (acting.actFor) {
		const session = sessions.get(await sessionKey(ctx, acting.actFor));
		return { id: session?.userId, email: acting.actFor.kind === 'email' ? acting.actFor.value : undefined };
	}
	const identity = await credentialIdentity(ctx);
	return identity?.kind === 'email' ? { email: identity.value } : {};
}

async function credentialIdentity(ctx: IExecuteFunctions): Promise<UserIdentity | undefined> {
	const credentials = await credentialsOf(ctx);
	return parseUserIdentity(credentials.authType === 'user' ? credentials.email : credentials.actFor);
}

async function sessionKey(ctx: IExecuteFunctions, user: UserIdentity): Promise<string> {
	const credentials = await credentialsOf(ctx);
	const credentialId = ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	const server = credentials.environment === 'custom' ? String(credentials.baseUrl ?? '') : String(credentials.environment ?? '');
	return [credentialId, server, String(credentials.platform ?? ''), user.kind, user.value].join('\n');
}

async function actForSession(
	ctx: IExecuteFunctions,
	user: UserIdentity,
	itemIndex: number,
	staleToken?: string,
): Promise<Session> {
	const key = await sessionKey(ctx, user);
	const known = sessions.get(key);
	const usable = known && known.token !== staleToken && (known.untilMs === undefined || known.untilMs - Date.now() > SESSION_MARGIN_MS);
	if (usable) return known;
	let pending = pendingLogins.get(key);
	if (!pending) {
		pending = loginAs(ctx, user, itemIndex);
		pendingLogins.set(key, pending);
	}
	try {
		const session = await pending;
		rememberSession(key, session);
		return session;
	} finally {
		if (pendingLogins.get(key) === pending) pendingLogins.delete(key);
	}
}

async function loginAs(ctx: IExecuteFunctions, user: UserIdentity, itemIndex: number): Promise<Session> {
	const loginService: ServiceDefinition = {
		...actForService,
		describeError: (status: number, body: unknown): ServiceErrorInfo => ({
			message: loginFailureMessage(status, body, user.value),
			kind: 'auth',
		}),
		isErrorBody: undefined,
	};
	const response = await send(ctx, loginService, {
		method: 'POST',
		url: '/authenticate-jwt',
		headers: { [LOGIN_AS_HEADER]: user.value },
	}, itemIndex, { write: false });
	const answer = parseLoginAnswer(response.body);
	if (!answer) {
		throw createApiError(ctx.getNode(), {
			message: `CryptoCoin login of ${user.value} failed: the answer has no data.id token and data.userId`,
			description: 'Check the Environment or Base URL in the credential.',
			kind: 'badAnswer',
			itemIndex,
		});
	}
	return { token: answer.token, userId: answer.userId, untilMs: answer.untilMs };
}

// ------------------------------------------------------------------------------ requests

/** A login failure is remembered for the rest of the node run, so items do not each log in again. */
const failedLogins = new WeakMap<object, Map<string, unknown>>();

async function send(
	ctx: IExecuteFunctions,
	service: ServiceDefinition,
	options: IHttpRequestOptions,
	itemIndex: number,
	behaviour: RequestBehaviour,
): Promise<ApiResponse> {
	const loginKey = String((options.headers as IDataObject | undefined)?.[LOGIN_AS_HEADER] ?? '(credential)');
	const failed = failedLogins.get(ctx)?.get(loginKey);
	if (failed) throw failed;
	const outcome = await apiRequest.call(ctx, service, options, itemIndex, behaviour).then(
		(response) => ({ response }),
		(error: unknown) => ({ error }),
	);
	if ('response' in outcome) return outcome.response;
	const error = outcome.error;
	const message = (error as Error)?.message ?? '';
	const loginMessage = [message, ...(((error as { messages?: unknown }).messages as unknown[]) ?? [])]
		.map(String)
		.map((text) => text.replace(/^CryptoCoin: /, ''))
		.find((text) => isLoginErrorMessage(text));
	let byRun = failedLogins.get(ctx);
	if (!byRun) failedLogins.set(ctx, (byRun = new Map()));
	if (loginMessage) {
		const loginError = createApiError(ctx.getNode(), {
			message: loginMessage,
			description: 'Nothing else was sent. Fix the credential (or the Act for User value) and run the node again.',
			kind: 'auth',
			itemIndex,
		});
		byRun.set(loginKey, loginError);
		throw loginError;
	}
	if (errorKind(error) === 'auth' && options.url === '/authenticate-jwt') byRun.set(loginKey, error);
	throw error as Error;
}

/**
 * Sends one request and returns the parsed answer. `{user}` becomes the acting user's ID: the
 * given User ID, the Act for User user's ID, or (filled in by the credential) the logged-in user.
 */
export async function cryptoCoinRequest(
	this: IExecuteFunctions,
	call: CryptoCoinCall,
	acting: Acting,
	itemIndex: number,
): Promise<unknown> {
	const headers: Record<string, string> = { ...(call.headers ?? {}) };
	if (call.public) headers[PUBLIC_HEADER] = '1';
	const behaviour: RequestBehaviour = { write: call.write, expect: call.expect };
	const options = (url: string, extra: Record<string, string> = {}): IHttpRequestOptions => ({
		method: call.method,
		url,
		headers: { ...headers, ...extra },
		...(call.qs ? { qs: call.qs } : {}),
		...(call.body !== undefined ? { body: call.body } : {}),
		...(Buffer.isBuffer(call.body) ? { json: false } : {}),
	});
	const withUser = (userId: string) => fillUserPath(call.path, userId);

	if (acting.actFor && !call.public) {
		let session = await actForSession(this, acting.actFor, itemIndex);
		const url = acting.userId ? withUser(acting.userId) : withUser(session.userId);
		let response = await send(this, actForService, options(url, { [BEARER_HEADER]: session.token }), itemIndex, behaviour).catch(
			(error) => {
				if (errorKind(error) === 'auth' && (error as { httpCode?: string }).httpCode === '401') return undefined;
				throw error;
			},
		);
		if (!response) {
			// That user's token was refused: log that user in once more and resend once.
			session = await actForSession(this, acting.actFor, itemIndex, session.token);
			const retryUrl = acting.userId ? withUser(acting.userId) : withUser(session.userId);
			response = await send(this, actForService, options(retryUrl, { [BEARER_HEADER]: session.token }), itemIndex, behaviour);
		}
		return response.body;
	}
	const url = acting.userId ? withUser(acting.userId) : call.path;
	const response = await send(this, cryptoCoinService, options(url), itemIndex, behaviour);
	return response.body;
}

/** `data` of an answer (spec §6); an answer without it is not what was asked for. */
export function dataOf(ctx: IExecuteFunctions, body: unknown, what: string, itemIndex: number): unknown {
	if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'data' in body) {
		return (body as { data: unknown }).data;
	}
	throw createApiError(ctx.getNode(), {
		message: `CryptoCoin: the answer to ${what} has no data`,
		description: 'The service answered, but not with the expected {"data": …} document. Check the Environment or Base URL.',
		kind: 'badAnswer',
		itemIndex,
	});
}

/** `data` that must be one record (an object). */
export function recordOf(ctx: IExecuteFunctions, body: unknown, what: string, itemIndex: number): IDataObject {
	const data = dataOf(ctx, body, what, itemIndex);
	if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as IDataObject;
	throw createApiError(ctx.getNode(), {
		message: `CryptoCoin: the answer to ${what} is not a record`,
		kind: 'badAnswer',
		itemIndex,
	});
}

/** A value the answer must repeat: the first of `keys` that the record has must equal `expected`. */
export interface AnswerExpectation {
	/** What the value is, e.g. "quote" or "user e-mail". */
	name: string;
	/** Record keys to look at (dotted paths allowed), the first present one counts. */
	keys: string[];
	expected: string | undefined;
	/** Compare case-insensitively (e-mail addresses, currency codes). */
	ignoreCase?: boolean;
}

function valueAt(record: IDataObject, path: string): string | undefined {
	let value: unknown = record;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Refuses an answer about another record than the one asked for (another quote, order or user).
 * The answer schemas are UNDOCUMENTED (spec §10), so a value the answer does not carry is not
 * checked; a value it carries must be the one asked for.
 */
export function expectAnswerFor(
	ctx: IExecuteFunctions,
	record: IDataObject,
	expectations: AnswerExpectation[],
	what: string,
	itemIndex: number,
	description = 'The answer was not used. Check the Environment or Base URL, the User ID and Act for User.',
): IDataObject {
	for (const { name, keys, expected, ignoreCase } of expectations) {
		if (expected === undefined || expected === '') continue;
		const key = keys.find((candidate) => valueAt(record, candidate) !== undefined);
		if (key === undefined) continue;
		const found = valueAt(record, key) as string;
		const same = ignoreCase ? found.toLowerCase() === expected.toLowerCase() : found === expected;
		if (!same) {
			throw createApiError(ctx.getNode(), {
				message: `CryptoCoin: the answer to ${what} is about another ${name} (${key} "${found.slice(0, 100)}", expected "${expected.slice(0, 100)}")`,
				description,
				kind: 'badAnswer',
				itemIndex,
			});
		}
	}
	return record;
}

/** At most this many pages are read for one list. */
const DEFAULT_MAX_PAGES = 1000;
let maxPages = DEFAULT_MAX_PAGES;

/** For tests: a smaller page bound (default 1000); without an argument, the default again. */
export function setMaxPages(max: number = DEFAULT_MAX_PAGES): void {
	maxPages = max;
}

/**
 * A list endpoint. Lists may come whole (`data: [...]`) or paged the Laravel way (`meta.current_page`,
 * `meta.last_page`, `?page=`; spec §7 INFERRED): pages are followed until Limit is reached.
 */
export async function listRecords(
	this: IExecuteFunctions,
	path: string,
	acting: Acting,
	itemIndex: number,
	options: { returnAll: boolean; limit: number; qs?: IDataObject; what: string },
): Promise<IDataObject[]> {
	const wanted = options.returnAll ? Number.POSITIVE_INFINITY : options.limit;
	const results: IDataObject[] = [];
	for (let page = 1; results.length < wanted; page++) {
		if (page > maxPages) {
			// Never a silently cut list: more pages remain than the node reads.
			throw createApiError(this.getNode(), {
				message: `CryptoCoin: ${options.what} has more than ${maxPages} pages`,
				description: 'Turn Return All off and set a Limit, or narrow the list.',
				kind: 'badAnswer',
				itemIndex,
			});
		}
		const body = await cryptoCoinRequest.call(
			this,
			{ method: 'GET', path, qs: { ...(options.qs ?? {}), ...(page > 1 ? { page } : {}) } },
			acting,
			itemIndex,
		);
		const data = dataOf(this, body, options.what, itemIndex);
		if (!Array.isArray(data)) {
			throw createApiError(this.getNode(), {
				message: `CryptoCoin: the answer to ${options.what} is not a list`,
				kind: 'badAnswer',
				itemIndex,
			});
		}
		for (const entry of data) {
			if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
				throw createApiError(this.getNode(), {
					message: `CryptoCoin: the answer to ${options.what} holds an entry that is not a record`,
					kind: 'badAnswer',
					itemIndex,
				});
			}
			results.push(entry as IDataObject);
		}
		const meta = (body as { meta?: IDataObject }).meta;
		const current = Number(meta?.current_page);
		const last = Number(meta?.last_page);
		if (!meta || !Number.isSafeInteger(current) || !Number.isSafeInteger(last) || current >= last || data.length === 0) break;
	}
	return options.returnAll ? results : results.slice(0, wanted);
}

export { USER_PLACEHOLDER };

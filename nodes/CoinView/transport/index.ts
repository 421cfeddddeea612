import type { IDataObject } from 'n8n-workflow';

import { NodeApiError } from 'n8n-workflow';

import { createApiError, errorKind } from '../../shared/errors';
import { retryOn429 } from '../../shared/rateLimit';
import { apiRequest, type RequestContext, type ServiceDefinition } from '../../shared/request';
import { compareDecimals } from '../../shared/validation';
import { ENCRYPTED_PIN } from './auth';
import { describeError, isErrorBody } from './errors';

export { ENCRYPTED_PIN };

/**
 * CoinView / Mixin wallet API. Operations name the Mixin method and path; the credential turns
 * that into a direct Mixin request or the CoinView relay envelope and signs it. Every answer is
 * checked for an `error` object whatever its HTTP status, and a success must carry `data`.
 */
export const coinViewService: ServiceDefinition = {
	displayName: 'CoinView',
	credentialType: 'coinViewApi',
	timeoutMs: 20_000,
	describeError,
	isErrorBody,
	// The wrapper adds "the request may have been executed" for writes; a transfer is then looked
	// up by its trace ID before anything is reported.
	describeNoAnswer: (reason) => ({
		message: `CoinView: ${reason}`,
		description: 'Check the endpoint and base URL in the credential.',
	}),
};

export interface CoinViewRequest {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Changes something (a transfer). Default: false; POST /payments only reads. */
	write?: boolean;
}

/**
 * Waits on "too many requests" (429; Mixin publishes no quotas and sends no Retry-After), then
 * sends again: a 429 means nothing was executed, and every resend is signed anew (new jti, new
 * encrypted PIN). INFERRED (spec §11): 0.5 s, 1 s, 2 s, … within `maxWaitMs` in total.
 */
export const rateLimitRetry = { maxWaitMs: 8_000, firstBackoffMs: 500 };

/** Sends one request and returns the answer's `data`. */
export async function coinViewRequest<T = unknown>(
	this: RequestContext,
	request: CoinViewRequest,
	itemIndex?: number,
): Promise<T> {
	const write = request.write ?? false;
	const send = async () =>
		await apiRequest.call(
			this,
			coinViewService,
			{
				method: request.method,
				url: request.path,
				...(request.qs ? { qs: request.qs } : {}),
				...(request.body ? { body: request.body } : {}),
				headers: { 'User-Agent': 'n8n-nodes-crypto-suite' },
			},
			itemIndex,
			{ write },
		);
	const response = await retryOn429(send, {
		maxWaitMs: rateLimitRetry.maxWaitMs,
		backoffMs: (attempt) => rateLimitRetry.firstBackoffMs * 2 ** (attempt - 1),
		retryAfterOf: (error) => {
			if (errorKind(error) !== 'rateLimited') return undefined;
			const after = (error as NodeApiError).context?.retryAfterMs;
			return typeof after === 'number' ? after : null;
		},
		onGiveUp: (error, waitedMs) => {
			if (error instanceof NodeApiError && waitedMs > 0) {
				error.description = `${error.description ?? ''} Still rate limited after waiting ${Math.round(waitedMs / 1000)} s.`.trim();
			}
			return error as Error;
		},
	});
	const body = response.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body) || !('data' in body)) {
		throw badAnswer(this, `an answer without "data"`, itemIndex, write);
	}
	return (body as IDataObject).data as T;
}

/** An answer that is not what the request asked for: an error, never a success or empty list. */
export function badAnswer(context: RequestContext, what: string, itemIndex: number | undefined, write = false) {
	return createApiError(context.getNode(), {
		message: `CoinView: the server answered with ${what}`,
		description: write
			? 'The transfer may have been executed. Run the node again: it looks the transfer up by its trace ID first, so it is not paid twice.'
			: 'Nothing is returned for this item. Check the endpoint and base URL in the credential.',
		kind: 'badAnswer',
		itemIndex,
	});
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameId(a: unknown, b: string): boolean {
	return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

function objectAnswer(context: RequestContext, data: unknown, idField: string, id: string | undefined, itemIndex?: number, write = false): IDataObject {
	if (!isObject(data)) throw badAnswer(context, 'something that is not a record', itemIndex, write);
	if (id !== undefined && !sameId(data[idField], id)) {
		throw badAnswer(context, `a record whose ${idField} is not the one asked for`, itemIndex, write);
	}
	return data;
}

function listAnswer(context: RequestContext, data: unknown, itemIndex?: number): IDataObject[] {
	if (!Array.isArray(data) || !data.every(isObject)) {
		throw badAnswer(context, 'something that is not a list of records', itemIndex);
	}
	return data as IDataObject[];
}

const DECIMAL_TEXT = /^[0-9]+(\.[0-9]+)?$/;

/** An asset record must carry its ID and its balance as decimal text (spec §12.1). */
function checkedAsset(context: RequestContext, asset: IDataObject, itemIndex?: number): IDataObject {
	if (typeof asset.asset_id !== 'string' || asset.asset_id === '') {
		throw badAnswer(context, 'an asset without an asset_id', itemIndex);
	}
	if (typeof asset.balance !== 'string' || !DECIMAL_TEXT.test(asset.balance)) {
		throw badAnswer(context, `an asset (${asset.asset_id}) whose balance is not decimal text`, itemIndex);
	}
	return asset;
}

/** GET /assets/{asset_id} */
export async function getAsset(this: RequestContext, assetId: string, itemIndex?: number): Promise<IDataObject> {
	const data = await coinViewRequest.call(this, { method: 'GET', path: `/assets/${assetId}` }, itemIndex);
	return checkedAsset(this, objectAnswer(this, data, 'asset_id', assetId, itemIndex), itemIndex);
}

/** GET /assets: the wallet's assets (Mixin lists only assets with a balance). */
export async function listAssets(this: RequestContext, itemIndex?: number): Promise<IDataObject[]> {
	const data = await coinViewRequest.call(this, { method: 'GET', path: '/assets' }, itemIndex);
	return listAnswer(this, data, itemIndex).map((asset) => checkedAsset(this, asset, itemIndex));
}

export interface SnapshotQuery {
	limit: number;
	/** RFC 3339 with nanoseconds. */
	offset?: string;
	order?: 'ASC' | 'DESC';
	asset?: string;
	opponent?: string;
}

/** GET /snapshots: the wallet's own snapshots; at most 500 per request. */
export async function listSnapshots(this: RequestContext, query: SnapshotQuery, itemIndex?: number): Promise<IDataObject[]> {
	const qs: IDataObject = { limit: query.limit };
	if (query.offset) qs.offset = query.offset;
	if (query.order) qs.order = query.order;
	if (query.asset) qs.asset = query.asset;
	if (query.opponent) qs.opponent = query.opponent;
	const data = await coinViewRequest.call(this, { method: 'GET', path: '/snapshots', qs }, itemIndex);
	const list = listAnswer(this, data, itemIndex);
	if (list.length > query.limit) throw badAnswer(this, `more snapshots than the limit of ${query.limit}`, itemIndex);
	// Amounts are signed decimal text (spec §12.3). A number (or nothing) would be rounded or, in
	// the trigger, matched to no direction and skipped for good: an error instead.
	if (list.some((snapshot) => typeof snapshot.amount !== 'string' || !/^-?[0-9]+(\.[0-9]+)?$/.test(snapshot.amount))) {
		throw badAnswer(this, 'a snapshot whose amount is not decimal text', itemIndex);
	}
	return list;
}

export interface TransferBody {
	asset_id: string;
	opponent_id: string;
	amount: string;
	trace_id: string;
	memo: string;
}

/** POST /transfers. The credential puts the freshly encrypted PIN in place of ENCRYPTED_PIN. */
export async function createTransfer(this: RequestContext, transfer: TransferBody, itemIndex?: number): Promise<IDataObject> {
	const data = await coinViewRequest.call(
		this,
		{ method: 'POST', path: '/transfers', body: { ...transfer, pin: ENCRYPTED_PIN }, write: true },
		itemIndex,
	);
	return objectAnswer(this, data, 'trace_id', transfer.trace_id, itemIndex, true);
}

/**
 * The transfer with this trace ID, or undefined when there is none: `GET /transfers/trace/{id}`
 * (M1, N1), and on a "not found" `GET /snapshots/trace/{id}` (G2/G3). INFERRED (spec §15): both
 * are tried because the sources disagree on the path.
 */
export async function findTransferByTrace(
	this: RequestContext,
	traceId: string,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	for (const path of [`/transfers/trace/${traceId}`, `/snapshots/trace/${traceId}`]) {
		const outcome = await coinViewRequest.call(this, { method: 'GET', path }, itemIndex).then(
			(data) => ({ data, error: undefined }),
			(error: unknown) => ({ data: undefined, error }),
		);
		if (outcome.error !== undefined) {
			if (errorKind(outcome.error) === 'notFound') continue;
			throw outcome.error;
		}
		if (outcome.data === null) continue;
		const record = objectAnswer(this, outcome.data, 'trace_id', traceId, itemIndex);
		if (typeof record.amount !== 'string' || !/^-?[0-9]+(\.[0-9]+)?$/.test(record.amount)) {
			throw badAnswer(this, 'a transfer whose amount is not decimal text', itemIndex);
		}
		return record;
	}
	return undefined;
}

/** GET /users/{user_id} */
export async function getUser(this: RequestContext, userId: string, itemIndex?: number): Promise<IDataObject> {
	const data = await coinViewRequest.call(this, { method: 'GET', path: `/users/${userId}` }, itemIndex);
	return objectAnswer(this, data, 'user_id', userId, itemIndex);
}

export interface PaymentBody {
	asset_id: string;
	opponent_id: string;
	amount: string;
	trace_id: string;
}

/**
 * POST /payments: whether a payment is pending or paid (a read). The answer (spec §12.7:
 * `recipient` user, `asset` asset, `amount`, `status`) must be the payment asked about: a
 * "paid" for another recipient, asset or amount would be a false confirmation. The recipient and
 * asset are read from the nested objects (or flat `opponent_id` / `asset_id`); `amount` is
 * compared as decimal text; a `trace_id`, when the server shows one, must be the one asked.
 */
export async function verifyPayment(this: RequestContext, payment: PaymentBody, itemIndex?: number): Promise<IDataObject> {
	const data = await coinViewRequest.call(this, { method: 'POST', path: '/payments', body: { ...payment }, write: false }, itemIndex);
	const record = objectAnswer(this, data, 'status', undefined, itemIndex);
	if (record.status !== 'pending' && record.status !== 'paid') {
		throw badAnswer(this, `a payment status that is neither pending nor paid`, itemIndex);
	}
	const recipientId = isObject(record.recipient) ? record.recipient.user_id : record.opponent_id;
	if (!sameId(recipientId, payment.opponent_id)) {
		throw badAnswer(this, 'a payment whose recipient is not the Recipient ID asked for', itemIndex);
	}
	const assetId = isObject(record.asset) ? record.asset.asset_id : record.asset_id;
	if (!sameId(assetId, payment.asset_id)) {
		throw badAnswer(this, 'a payment whose asset is not the Asset asked for', itemIndex);
	}
	if (!sameDecimal(record.amount, payment.amount)) {
		throw badAnswer(this, 'a payment whose amount is not the Amount asked for', itemIndex);
	}
	if (record.trace_id !== undefined && !sameId(record.trace_id, payment.trace_id)) {
		throw badAnswer(this, 'a payment whose trace_id is not the Trace ID asked for', itemIndex);
	}
	return record;
}

/** Two amounts as decimal text (never as JS numbers): "10" and "10.00" are the same. */
function sameDecimal(found: unknown, asked: string): boolean {
	if (typeof found !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(found.trim())) return false;
	return compareDecimals(found.trim(), asked) === 0;
}

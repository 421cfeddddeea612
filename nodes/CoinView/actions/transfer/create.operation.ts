import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { createApiError, errorKind } from '../../../shared/errors';
import {
	answerLostBefore,
	compareFields,
	placeOnce,
	stableRequestId,
	wasSent,
	type ExpectedFields,
} from '../../../shared/idempotency';
import { optional, validateInput } from '../../../shared/validation';
import { refuseAfterPinRejected, rememberPinRejected } from '../../helpers/pinGuard';
import { createTransfer, findTransferByTrace, type TransferBody } from '../../transport';
import { mixinCodeOf } from '../../transport/errors';
import { amount, assetLocator, locatorValue, memo, MEMO_MAX, uuid } from '../common';

/** Namespace of the trace IDs derived for transfers (UUID v5, see stableRequestId). */
export const TRACE_ID_NAMESPACE = '17d47d84-e3e7-49c1-b933-b4031eedaeab';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient ID',
		name: 'recipientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'a465ffdb-4441-4cb9-8b45-00cf79dfbc46',
		description: 'The Mixin user ID (UUID) to pay; not the wallet itself. A transfer is final and cannot be reversed.',
	},
	assetLocator('The asset to send, from the assets of the wallet'),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.01',
		description: 'The amount to send in whole units of the asset (not satoshi or wei), as decimal text: greater than 0, at most 8 decimals (e.g. 0.01 sends 0.01 BTC)',
	},
	{
		displayName: 'Memo',
		name: 'memo',
		type: 'string',
		default: '',
		description: `Optional note for the recipient, at most ${MEMO_MAX} characters`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Trace ID',
				name: 'traceId',
				type: 'string',
				default: '',
				placeholder: '7c67e8e8-b142-488b-80a3-61d4d29c90bf',
				description:
					'UUID that makes the transfer happen once. Leave empty to have one derived that stays the same when n8n retries this item (Retry On Fail) and differs for every other item, run and workflow. A given trace ID is looked up first: a transfer already made with it is returned with alreadyExisted true.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['transfer'], operation: ['create'] } }, properties);

const schema = z.object({
	recipientId: uuid(),
	asset: uuid(),
	amount: amount(),
	memo: memo(),
	traceId: optional(uuid()),
});

const labels = { recipientId: 'Recipient ID', asset: 'Asset', amount: 'Amount', memo: 'Memo', traceId: 'Trace ID' };

/**
 * A transfer snapshot carries the amount negative ("-10", spec §12.4: money left the wallet); the
 * asked amount is positive. A positive amount is a received snapshot, never this transfer.
 */
function readField(record: IDataObject, field: string): unknown {
	const value = record[field];
	if (field === 'amount' && typeof value === 'string') {
		return value.startsWith('-') ? value.slice(1) : `+${value} (received, not sent)`;
	}
	if ((field === 'asset_id' || field === 'opponent_id' || field === 'trace_id') && typeof value === 'string') {
		return value.toLowerCase();
	}
	return value;
}

function expectedOf(body: TransferBody): ExpectedFields {
	return {
		trace_id: { value: body.trace_id, label: 'Trace ID' },
		asset_id: { value: body.asset_id, label: 'Asset' },
		opponent_id: { value: body.opponent_id, label: 'Recipient ID' },
		amount: { value: body.amount, rule: 'decimal', label: 'Amount' },
		// Not every server echoes the memo; when it does, it must be the same.
		memo: { value: body.memo, label: 'Memo', optional: true },
	};
}

/**
 * POST /transfers, paid once: the trace ID (given, or derived per item and node run) is the
 * idempotency key Mixin dedupes on. A retry of the item (Retry On Fail, an AI agent's retry) or a
 * resend after a lost answer first looks the transfer up by trace ID; a transfer found there is
 * returned with `alreadyExisted: true` when every field matches, and is an error when the trace
 * ID was used for a different transfer. When the answer of this try is lost (timeout, reset,
 * unreadable), the transfer is looked up before anything is reported. A trace ID given by the
 * user is looked up before the first send too.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		schema,
		{
			recipientId: this.getNodeParameter('recipientId', itemIndex),
			asset: locatorValue(this.getNodeParameter('asset', itemIndex)),
			amount: this.getNodeParameter('amount', itemIndex),
			memo: this.getNodeParameter('memo', itemIndex, ''),
			traceId: options.traceId,
		},
		itemIndex,
		labels,
	);
	const memoText = input.memo ?? '';
	const traceId =
		input.traceId ??
		stableRequestId(this, itemIndex, TRACE_ID_NAMESPACE, {
			toolFields: [input.recipientId, input.asset, input.amount, memoText],
		});
	const body: TransferBody = {
		asset_id: input.asset,
		opponent_id: input.recipientId,
		amount: input.amount,
		trace_id: traceId,
		memo: memoText,
	};
	const expected = expectedOf(body);
	const lookUp = async () => await findTransferByTrace.call(this, traceId, itemIndex);

	const attempt = async () =>
		await createTransfer.call(this, body, itemIndex).then(
			(record) => ({ record, error: undefined }),
			(error: unknown) => ({ record: undefined, error }),
		);

	const send = async (): Promise<IDataObject> => {
		refuseAfterPinRejected(this, itemIndex);
		let outcome = await attempt();
		if (outcome.error !== undefined && mayHaveExecuted(outcome.error)) {
			// Spec §12.4, §15 (M4): after a server error (500) "redo the call" with the same trace ID.
			// The transfer may have been executed before the error, so it is looked up first; the
			// resend carries the same trace ID (Mixin executes a trace ID once) and a new PIN.
			const found = await lookUp().catch(() => undefined);
			if (found) return { ...checked(this, itemIndex, body, found, expected), confirmedByTraceLookup: true };
			outcome = await attempt();
		}
		if (outcome.error === undefined) return checked(this, itemIndex, body, outcome.record as IDataObject, expected);
		const kind = errorKind(outcome.error);
		if (mixinCodeOf(outcome.error) === 20119) rememberPinRejected(this);
		if (kind === 'noAnswer' || kind === 'badAnswer') {
			// The server may have executed it: look it up before reporting anything.
			const found = await lookUp().catch(() => undefined);
			if (found) return { ...checked(this, itemIndex, body, found, expected), confirmedByTraceLookup: true };
		}
		if (kind === 'insufficientFunds' && outcome.error instanceof NodeApiError) {
			outcome.error.message = `${outcome.error.message}: sending ${body.amount} of asset ${body.asset_id}`;
		}
		throw outcome.error;
	};

	// A trace ID given by the user may have been used by another execution or workflow (that is
	// what it is for): look it up first, so a transfer made before is reported as such. (When this
	// process sent it before, placeOnce looks it up anyway.)
	if (input.traceId !== undefined && !wasSent(traceId) && !answerLostBefore(this, itemIndex)) {
		const existing = await lookUp();
		if (existing) return { ...checked(this, itemIndex, body, existing, expected), alreadyExisted: true };
	}

	const placed = await placeOnce<IDataObject>({
		ctx: this,
		itemIndex,
		key: traceId,
		keyLabel: 'Trace ID',
		what: 'transfer',
		send,
		lookUp,
		expected,
		read: readField,
		// Only the server's "duplicate" answers; a mismatch found by this node is final.
		isDuplicate: (error) => error instanceof NodeApiError && errorKind(error) === 'duplicate',
		describe: (record) =>
			`${String(record.amount)} of asset ${String(record.asset_id)} to ${String(record.opponent_id)}`,
	});
	return { ...placed.record, alreadyExisted: placed.alreadyExisted };
}

const SIGNED_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** The first snapshot field (spec §12.4) that is missing or of the wrong type, as text. */
function malformedField(record: IDataObject): string | undefined {
	for (const field of ['trace_id', 'asset_id', 'opponent_id']) {
		if (typeof record[field] !== 'string' || record[field] === '') return `${field} is missing or not text`;
	}
	if (typeof record.amount !== 'string' || !SIGNED_DECIMAL.test(record.amount)) {
		return 'amount is missing or not decimal text';
	}
	return undefined;
}

/**
 * A server error after which the transfer may or may not have been executed: HTTP 5xx or Mixin
 * code 500. "Retry later" codes (10104 address being generated, 10105 locked by another
 * transaction, 7000/7001 messaging service) say nothing was done and are not resent here.
 */
export function mayHaveExecuted(error: unknown): boolean {
	if (errorKind(error) !== 'serverError') return false;
	const code = mixinCodeOf(error);
	return code === undefined || code === 500;
}

/** The server's answer must be this transfer: a replay of another transfer's trace ID is an error. */
function checked(
	context: IExecuteFunctions,
	itemIndex: number,
	body: TransferBody,
	record: IDataObject,
	expected: ExpectedFields,
): IDataObject {
	// A record without the snapshot fields of spec §12.4 (or with a number for the amount) is not
	// a transfer that can be compared: a bad answer, after which the transfer may have been executed.
	const malformed = malformedField(record);
	if (malformed) {
		throw createApiError(context.getNode(), {
			message: `CoinView: the server answered with a transfer record whose ${malformed}`,
			description: 'Check the endpoint and base URL in the credential.',
			kind: 'badAnswer',
			itemIndex,
		});
	}
	const mismatches = compareFields(expected, record, readField);
	if (mismatches.length === 0) return record;
	const differences = mismatches.map((m) => `${m.label} is ${m.found} there, ${m.asked} here`).join('; ');
	const error = new NodeOperationError(
		context.getNode(),
		`Trace ID ${body.trace_id} is already used by a different transfer`,
		{
			itemIndex,
			description: `${differences}. Mixin answers a trace ID used before with the transfer first made under it and pays nothing new. If this trace ID was not used before, the answer is wrong: check the wallet's transactions for trace ID ${body.trace_id} before running again. Give a new Trace ID, or leave it empty to have one derived.`,
		},
	);
	error.context.kind = 'duplicate';
	throw error;
}

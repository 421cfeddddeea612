import { createHash } from 'crypto';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
} from 'n8n-workflow';

import { errorKind, toNodeError } from './errors';
import { earlierAttempt } from './runMemory';
import { numberToPlainString } from './validation';

/**
 * Money-safe writes. n8n's Retry On Fail runs the whole node again, and an answer can be lost
 * after the server executed a write. Two tools make a write safe under both:
 *
 * - `stableRequestId`: an idempotency key that is the same on every try of one item of one node
 *   run, and different for every other item, run, execution, node, workflow and n8n instance.
 * - `placeOnce`: sends a keyed write at most once. Before a resend it looks the record up by its
 *   key; a "duplicate key" rejection is answered by a look-up too; a record found under the key
 *   must match EVERY field that was asked, or it is an error (never a success).
 *
 * Writes the API gives no key for go through `sendUnkeyedWrite`: a lost answer gives an error
 * that says the write may have been executed and what to check, and a later try of the same
 * item (Retry On Fail) is refused instead of sent again.
 */

// ------------------------------------------------------------------------------ request IDs

/** What makes one write unique. A retry of the same node run and item shares all of it. */
export interface RequestIdParts {
	/** n8n's instance ID: two n8n instances reuse workflow and execution numbers. */
	instanceId: string;
	workflowId: string;
	nodeId: string;
	executionId: string;
	runIndex: number;
	itemIndex: number;
}

/** An RFC 4122 name-based (version 5, SHA-1) UUID. */
export function uuidV5(name: string, namespace: string): string {
	const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
	if (namespaceBytes.length !== 16) throw new Error('uuidV5 needs a UUID namespace');
	const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
	const bytes = hash.subarray(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The UUID v5 of the parts, one per line in a fixed order, under the service's namespace. */
export function deriveRequestId(parts: RequestIdParts, namespace: string): string {
	const name = [
		parts.instanceId,
		parts.workflowId,
		parts.nodeId,
		parts.executionId,
		parts.runIndex,
		parts.itemIndex,
	].join('\n');
	return uuidV5(name, namespace);
}

/**
 * When a node runs as an AI agent tool, n8n gives every tool call (and every retry of one) a new
 * run index. There the ID covers the write's own fields instead: a retried call with the same
 * fields keeps its ID, a different write gets another. An identical write repeated within one
 * execution therefore maps to the first one.
 */
export function deriveToolRequestId(
	parts: Pick<RequestIdParts, 'instanceId' | 'workflowId' | 'nodeId' | 'executionId'>,
	fields: string[],
	namespace: string,
): string {
	const name = ['tool', parts.instanceId, parts.workflowId, parts.nodeId, parts.executionId, ...fields].join(
		'\n',
	);
	return uuidV5(name, namespace);
}

/** n8n runs a node used as an AI agent tool under its type name with a "Tool" suffix. */
export function isToolNode(node: Pick<INode, 'type'>): boolean {
	return /Tool$/.test(node.type);
}

/** The parts of this item's request ID, read from the running node. */
export function requestIdParts(ctx: IExecuteFunctions, itemIndex: number): RequestIdParts {
	return {
		instanceId: String(ctx.getInstanceId?.() ?? ''),
		workflowId: String(ctx.getWorkflow().id ?? ''),
		nodeId: ctx.getNode().id,
		executionId: String(ctx.getExecutionId() ?? ''),
		runIndex: Number(ctx.getWorkflowDataProxy(itemIndex).$runIndex ?? 0),
		itemIndex,
	};
}

/**
 * A key that stays the same on every try of this item in this node run (Retry On Fail), and
 * differs for anything else, n8n instances included. `toolFields` are the write's own fields,
 * used instead of run and item when the node runs as an AI agent tool.
 */
export function stableRequestId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	namespace: string,
	options: { toolFields?: string[] } = {},
): string {
	const parts = requestIdParts(ctx, itemIndex);
	if (options.toolFields && isToolNode(ctx.getNode())) {
		return deriveToolRequestId(parts, options.toolFields, namespace);
	}
	return deriveRequestId(parts, namespace);
}

// ------------------------------------------------------------------------ keys sent before

/**
 * Keys this process has sent. Sending one again means n8n is retrying the node, or a workflow
 * reuses a fixed key; the first send may have been executed even if its answer was lost, so the
 * record is looked up before a resend.
 */
const sentKeys = new Set<string>();
const MAX_REMEMBERED = 10_000;

export function wasSent(key: string): boolean {
	return sentKeys.has(key);
}

export function rememberSent(key: string): void {
	sentKeys.delete(key);
	sentKeys.add(key);
	if (sentKeys.size > MAX_REMEMBERED) {
		const oldest = sentKeys.values().next().value;
		if (oldest !== undefined) sentKeys.delete(oldest);
	}
}

/** Forgets every key sent (as after a restart of n8n). */
export function forgetSentKeys(): void {
	sentKeys.clear();
}

/**
 * True when an earlier try of this item in this node run got no answer (or a bad one) to its
 * write, so the server may have executed it. The shared item loop records that for operations
 * marked as writes.
 */
export function answerLostBefore(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return earlierAttempt(ctx, itemIndex)?.outcome === 'unknown';
}

function isLostAnswer(error: unknown): boolean {
	const kind = errorKind(error);
	return kind === 'noAnswer' || kind === 'badAnswer';
}

// ------------------------------------------------------------------------- comparing fields

/**
 * How one asked field is compared with the record found under the key:
 * - `text`: the same text (numbers as their plain decimal text);
 * - `caseless`: the same text ignoring ASCII case (sides, types that APIs capitalise);
 * - `decimal`: the same decimal ("100.50" = "100.5"), compared as text, never as floats.
 * A field the record does not carry is a mismatch, unless it is `optional` (the API does not
 * echo it).
 */
export interface ExpectedField {
	value: string | number | boolean;
	rule?: 'text' | 'caseless' | 'decimal';
	/** The editor label, for messages. */
	label?: string;
	optional?: boolean;
}

export type ExpectedFields = Record<string, ExpectedField>;

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return numberToPlainString(value);
	if (typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * The canonical text of a decimal an API answered with ("0100.50" → "100.5"). Answers are read
 * leniently (".5" is 0.5 here); what users type is checked strictly by validation.ts.
 */
function decimalText(value: unknown): string | undefined {
	const text = asText(value)?.trim();
	if (text === undefined) return undefined;
	const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
	const whole = match[2].replace(/^0+/, '') || '0';
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	const sign = match[1] === '-' && (whole !== '0' || fraction !== '') ? '-' : '';
	return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "0100.50" and "100.5" are the same decimal; compared as text, so no float rounding. */
export function sameDecimal(a: unknown, b: unknown): boolean {
	const left = decimalText(a);
	return left !== undefined && left === decimalText(b);
}

export interface FieldMismatch {
	field: string;
	label: string;
	asked: string;
	found: string;
}

/** Every asked field that the record does not match (empty when all match). */
export function compareFields(
	expected: ExpectedFields,
	record: IDataObject,
	read: (record: IDataObject, field: string) => unknown = (r, field) => r[field],
): FieldMismatch[] {
	const mismatches: FieldMismatch[] = [];
	for (const [field, spec] of Object.entries(expected)) {
		const found = read(record, field);
		if (found === undefined || found === null || found === '') {
			if (spec.optional) continue;
		}
		const asked = asText(spec.value) ?? '';
		const foundText = asText(found);
		let same: boolean;
		switch (spec.rule ?? 'text') {
			case 'decimal':
				same = sameDecimal(spec.value, found);
				break;
			case 'caseless':
				same = foundText !== undefined && foundText.toLowerCase() === asked.toLowerCase();
				break;
			default:
				same = foundText === asked;
		}
		if (!same) {
			mismatches.push({
				field,
				label: spec.label ?? field,
				asked,
				found: foundText === undefined ? 'nothing' : foundText.slice(0, 100),
			});
		}
	}
	return mismatches;
}

// -------------------------------------------------------------------------------- placeOnce

export interface PlaceOnceOptions<T extends IDataObject> {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** The idempotency key sent with the write. */
	key: string;
	/** Its editor label, e.g. "Client Order ID". */
	keyLabel: string;
	/** What is written, e.g. "order". */
	what: string;
	/** Sends the write (with the key). */
	send(): Promise<T>;
	/** Finds the record written under the key, if any. */
	lookUp(): Promise<T | undefined>;
	/** Every field asked, as the record found under the key must show it. */
	expected: ExpectedFields;
	/** Reads a field of a found record (default: record[field]). */
	read?(record: T, field: string): unknown;
	/** A short description of a found record for messages, e.g. "buy 5 USDT/AUD". */
	describe?(record: T): string;
	/** A rejection that says the key is taken (default: error kind 'duplicate'). */
	isDuplicate?(error: unknown): boolean;
}

export interface Placed<T> {
	record: T;
	/** True when the record was written by an earlier try, not by this one. */
	alreadyExisted: boolean;
}

/**
 * Sends a keyed write at most once:
 * 1. when an earlier try of this item got no answer, or this process sent the key before, the
 *    record is looked up by the key first; a match is returned with `alreadyExisted: true`;
 * 2. otherwise (or when nothing is found) the write is sent;
 * 3. a "duplicate key" rejection is answered by a look-up: a match is returned as in 1;
 * 4. a record found under the key that differs in any asked field is an error: the key was used
 *    for a different request, and nothing new was written.
 */
export async function placeOnce<T extends IDataObject>(options: PlaceOnceOptions<T>): Promise<Placed<T>> {
	const { ctx, itemIndex, key } = options;
	const retried = wasSent(key) || answerLostBefore(ctx, itemIndex);
	if (retried) {
		const existing = await options.lookUp();
		if (existing) return { record: verified(options, existing), alreadyExisted: true };
	}
	rememberSent(key);
	try {
		return { record: await options.send(), alreadyExisted: false };
	} catch (error) {
		if (isLostAnswer(error)) {
			// Name the key, so the user can look the write up by it before running again.
			throw explainLostAnswer(
				ctx,
				error,
				itemIndex,
				`The ${options.what} may have been executed under ${options.keyLabel} ${key}: look it up by that ID before running it again.`,
				'Retry On Fail looks it up by that ID instead of sending it again.',
			);
		}
		const duplicate = options.isDuplicate ? options.isDuplicate(error) : errorKind(error) === 'duplicate';
		if (!duplicate) throw toNodeError(ctx.getNode(), error, itemIndex);
		const existing = await options.lookUp();
		if (!existing) {
			throw keyedError(
				ctx.getNode(),
				itemIndex,
				`The service reports that ${options.keyLabel} ${key} is already used, but no ${options.what} with it was found`,
				`No new ${options.what} was sent. Look the ${options.what} up in the service, or give a new ${options.keyLabel}.`,
			);
		}
		return { record: verified(options, existing), alreadyExisted: true };
	}
}

function verified<T extends IDataObject>(options: PlaceOnceOptions<T>, existing: T): T {
	const read = options.read as ((record: IDataObject, field: string) => unknown) | undefined;
	const mismatches = compareFields(options.expected, existing, read);
	if (mismatches.length === 0) return existing;
	const differences = mismatches
		.slice(0, 5)
		.map((m) => `${m.label} is ${m.found} there, ${m.asked} here`)
		.join('; ');
	const shown = options.describe ? options.describe(existing) : differences;
	throw keyedError(
		options.ctx.getNode(),
		options.itemIndex,
		`${options.keyLabel} ${options.key} is already used by a different ${options.what} (${shown})`,
		`${options.describe ? `${differences}. ` : ''}No new ${options.what} was sent, and the existing one is not returned as this one. Give a new ${options.keyLabel}, or leave it empty to have one derived.`,
	);
}

function keyedError(node: INode, itemIndex: number, message: string, description: string) {
	const error = new NodeOperationError(node, message, { itemIndex, description });
	error.context.kind = 'duplicate';
	return error;
}

// -------------------------------------------------------------------------- unkeyed writes

export interface UnkeyedWriteOptions<T> {
	ctx: IExecuteFunctions;
	itemIndex: number;
	/** What is written, e.g. "loan bid", "close of all trades". */
	what: string;
	/** Where to look before running again, e.g. "the open loan bids of the currency". */
	check: string;
	send(): Promise<T>;
}

/** The editor notice of a write the API gives no idempotency key for. */
export function unkeyedWriteNotice(what: string, check: string) {
	return {
		displayName: `The API has no idempotency key for this ${what}. If no answer comes back (timeout, connection reset), it may still have been executed: check ${check} before running it again. With Retry On Fail on, the node does not send it again after a lost answer.`,
		name: 'unkeyedWriteNotice',
		type: 'notice' as const,
		default: '',
	};
}

/**
 * Sends a write that has no idempotency key. A lost answer (no answer, or a bad one) is an error
 * saying the write may have been executed and what to check; a later try of the same item in
 * this node run (Retry On Fail) is refused with that reason instead of being sent again.
 */
export async function sendUnkeyedWrite<T>(options: UnkeyedWriteOptions<T>): Promise<T> {
	const { ctx, itemIndex, what, check } = options;
	if (answerLostBefore(ctx, itemIndex)) {
		const error = new NodeOperationError(
			ctx.getNode(),
			`Not sent again: an earlier try of this ${what} got no answer, so it may have been executed`,
			{
				itemIndex,
				description: `The API has no idempotency key for it, so a resend could execute it twice. Check ${check}, then run the workflow again if it was not executed.`,
			},
		);
		error.context.kind = 'noAnswer';
		error.context.refusedResend = true;
		throw error;
	}
	try {
		return await options.send();
	} catch (error) {
		if (isLostAnswer(error)) {
			throw explainLostAnswer(
				ctx,
				error,
				itemIndex,
				`The ${what} may have been executed: check ${check} before running it again.`,
				'Retry On Fail does not send it again.',
			);
		}
		throw toNodeError(ctx.getNode(), error, itemIndex);
	}
}

/**
 * A lost answer to a write, explained for that write: the message stays the transport's; the
 * description says what to check, in place of the request wrapper's generic "may have been
 * executed" sentence, and what Retry On Fail will do when it is on.
 */
function explainLostAnswer(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	what: string,
	underRetry: string,
) {
	const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
	const rest = (nodeError.description ?? '')
		// Any earlier "The request (or transfer, order…) may have been executed. Check …." sentence.
		.replace(/\bThe [\w ]+? may have been executed\.[^.]*\.\s*/gi, '')
		.trim();
	nodeError.description = [what, ctx.getNode().retryOnFail ? underRetry : '', rest]
		.filter((part) => part !== '')
		.join(' ');
	return nodeError;
}

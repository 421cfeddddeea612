import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { errorKind } from './errors';

/**
 * What an earlier try of the same item, in the same node run, did with a write.
 *
 * n8n's Retry On Fail runs the whole node again, every item included, in the same process. An
 * item whose write already succeeded must get its earlier result instead of being sent again,
 * and an item whose write got no answer (it may have been executed) must be looked up by its
 * idempotency key, or refused where the API has none.
 */
export type EarlierAttempt =
	| { outcome: 'succeeded'; result: IDataObject | IDataObject[] }
	/** No answer, or an unreadable one: the server may have executed the write. */
	| { outcome: 'unknown'; message: string };

/**
 * Keyed by n8n's execute-data object of the node run: n8n hands the same object to every try of
 * one node run (WorkflowExecute's retry loop) and a new one to any other run, so a memory entry
 * can never leak into another execution, run index or workflow, and goes away with the run.
 */
const memory = new WeakMap<object, Map<number, EarlierAttempt>>();

function runKey(context: IExecuteFunctions): object | undefined {
	const data = (context as Partial<IExecuteFunctions>).getExecuteData?.call(context);
	return typeof data === 'object' && data !== null ? data : undefined;
}

/** The outcome of an earlier try of this item's write in this node run, if there was one. */
export function earlierAttempt(context: IExecuteFunctions, itemIndex: number): EarlierAttempt | undefined {
	const key = runKey(context);
	return key ? memory.get(key)?.get(itemIndex) : undefined;
}

/** Remembers a write that succeeded, so a retry of the node answers it without a request. */
export function rememberSuccess(
	context: IExecuteFunctions,
	itemIndex: number,
	result: IDataObject | IDataObject[],
): void {
	remember(context, itemIndex, { outcome: 'succeeded', result });
}

/**
 * Remembers a failed write when the failure leaves it open whether the server executed it.
 * A definite rejection is forgotten: the write did not happen, so a retry may send it again.
 */
export function rememberFailure(context: IExecuteFunctions, itemIndex: number, error: unknown): void {
	const kind = errorKind(error);
	const key = runKey(context);
	if (!key) return;
	if (kind === 'noAnswer' || kind === 'badAnswer') {
		const message = error instanceof Error ? error.message : String(error);
		remember(context, itemIndex, { outcome: 'unknown', message });
	} else if (memory.get(key)?.get(itemIndex)?.outcome !== 'unknown') {
		// A later definite answer (e.g. "not found" from a look-up) does not clear an open question.
		memory.get(key)?.delete(itemIndex);
	}
}

function remember(context: IExecuteFunctions, itemIndex: number, attempt: EarlierAttempt): void {
	const key = runKey(context);
	if (!key) return;
	let items = memory.get(key);
	if (!items) {
		items = new Map();
		memory.set(key, items);
	}
	items.set(itemIndex, attempt);
}

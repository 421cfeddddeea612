import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';

import { TooManyPagesError } from '../pagination';
import { MalformedAnswerError, type PollResult } from './cursor';

/** One polling trigger's event, as the framework runs it. */
export interface PollingSource<C> {
	/**
	 * Names the event and the filters that decide what the cursor means (e.g.
	 * "newPublicExecution:3"). A stored cursor of another scope is not reused: the trigger starts
	 * afresh, as on first activation.
	 */
	scope: string;
	/** Reads the stored cursor; undefined when it is missing or malformed (then `start` runs). */
	readCursor(stored: unknown): C | undefined;
	/**
	 * First poll of a scope: places the cursor at the newest item ("start from now") and returns
	 * the last N items only when the user asked for them (see startFromNewest).
	 */
	start(): Promise<PollResult<C>>;
	/** Every later poll: the items after the cursor, oldest first, and the cursor after them. */
	next(cursor: C): Promise<PollResult<C>>;
	/** "Fetch Test Event" (manual mode): recent items as sample data; nothing is stored. */
	sample(): Promise<IDataObject[]>;
}

/** Static data keys of the framework (in the trigger node's static data). */
export const SCOPE_KEY = 'scope';
export const CURSOR_KEY = 'cursor';

function asJson(cursor: unknown): IDataObject {
	// Static data is saved as JSON: store exactly what will be read back after a restart.
	return JSON.parse(JSON.stringify(cursor)) as IDataObject;
}

/**
 * Triggers with a poll under way, by workflow and node. n8n starts a poll on every tick of the
 * poll schedule, also while the previous one still runs (a long backlog, waits on a rate limit):
 * two polls reading the same cursor would emit the same items twice.
 */
const running = new Set<string>();

/**
 * Runs one poll. In manual mode only `sample` runs and static data is not touched. A poll that
 * starts while an earlier poll of the same trigger still runs returns null at once, without a
 * request; the running poll emits, and the next one continues from its cursor. Otherwise
 * the stored cursor (of this scope) is read, `start` or `next` runs, and only when it resolved,
 * that is when every request of the poll succeeded, the new cursor is written together with the
 * items being returned. A failed poll leaves the cursor where it was, so the next poll reads the
 * same items again. Returns null when there is nothing to emit.
 */
export async function runPolling<C>(this: IPollFunctions, source: PollingSource<C>): Promise<IDataObject[] | null> {
	try {
		if (this.getMode() === 'manual') {
			const sample = await source.sample();
			return sample.length ? sample : null;
		}
		const key = `${String(this.getWorkflow().id)}\n${this.getNode().id}`;
		if (running.has(key)) return null;
		running.add(key);
		try {
			const state = this.getWorkflowStaticData('node');
			const stored = state[SCOPE_KEY] === source.scope ? state[CURSOR_KEY] : undefined;
			const cursor = source.readCursor(stored);
			const result = cursor === undefined ? await source.start() : await source.next(cursor);
			const next = asJson(result.cursor);
			state[SCOPE_KEY] = source.scope;
			state[CURSOR_KEY] = next;
			return result.items.length ? result.items : null;
		} finally {
			running.delete(key);
		}
	} catch (error) {
		throw asNodeError(this, error);
	}
}

/** The framework's own errors become NodeOperationErrors; service errors pass as they are. */
function asNodeError(context: IPollFunctions, error: unknown): unknown {
	if (error instanceof TooManyPagesError || error instanceof MalformedAnswerError) {
		return new NodeOperationError(context.getNode(), error.message);
	}
	return error;
}

/** The poll() answer n8n expects: one output of items, or null when there is nothing new. */
export function pollOutput(this: IPollFunctions, items: IDataObject[] | null): INodeExecutionData[][] | null {
	return items === null ? null : [this.helpers.returnJsonArray(items)];
}

/** A scope text from the event and the filters that decide what the cursor means. */
export function scopeOf(event: string, filters: Record<string, string | number | boolean | undefined> = {}): string {
	const parts = Object.keys(filters)
		.sort()
		.map((name) => `${name}=${filters[name] === undefined ? '*' : String(filters[name])}`);
	return [event, ...parts].join(':');
}

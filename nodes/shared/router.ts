import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { toNodeError } from './errors';
import { cacheParameterReads } from './parameterCache';
import { earlierAttempt, rememberFailure, rememberSuccess } from './runMemory';

/** One operation: its editor fields and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/**
	 * Changes something on the server (an order, a transfer, an entry). Writes run one item at a
	 * time in item order, and under n8n's Retry On Fail an item whose write already succeeded in
	 * an earlier try gets that result again instead of a second request.
	 */
	write?: boolean;
	/** Reads whose requests must leave in item order (e.g. signed with increasing nonces). */
	sequential?: boolean;
}

export type ResourceMap = Record<string, Record<string, OperationModule>>;

/** How many items' requests a node may have in flight. */
export interface ConcurrencySettings {
	/** Used when the node has no Concurrency parameter. */
	defaultConcurrency: number;
	/** Where the node keeps it, e.g. "requestOptions.concurrency". Default "concurrency". */
	parameter?: string;
}

/**
 * Upper bound of the Concurrency option. n8n's HTTP Request node sends every item at once; 500 lets
 * a batch of that many reads do the same on a high-latency link (measured in docs/benchmarks.md),
 * and the service's pacing still applies.
 */
export const MAX_CONCURRENCY = 500;

type ItemOutcome = { data: IDataObject | IDataObject[] } | { error: NodeApiError | NodeOperationError };

/**
 * The item loop every action node shares: dispatches to the selected operation for each input
 * item, pairs every output item with its input, and honours "Continue On Fail" by turning an
 * error into an output item instead of stopping the workflow.
 *
 * Reads run up to the node's Concurrency at once (requests still wait for the service's pacing);
 * writes and sequential reads run one at a time in item order. Output order, pairing and errors
 * are the same either way.
 */
export async function runOperation(
	this: IExecuteFunctions,
	resources: ResourceMap,
	settings: ConcurrencySettings = { defaultConcurrency: 1 },
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler || typeof handler.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}

	const secretParameters = handler.description
		.filter((property) => property.typeOptions?.password === true)
		.map((property) => property.name);
	const restoreParameterReads = cacheParameterReads(this, secretParameters);
	try {
		return await runItems.call(this, handler, settings);
	} finally {
		restoreParameterReads();
	}
}

async function runItems(
	this: IExecuteFunctions,
	handler: OperationModule,
	settings: ConcurrencySettings,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const concurrency =
		handler.write || handler.sequential ? 1 : readConcurrency(this, settings);
	const outcomes: ItemOutcome[] = new Array(items.length);
	const runItem = async (itemIndex: number): Promise<ItemOutcome> => {
		if (handler.write) {
			const earlier = earlierAttempt(this, itemIndex);
			if (earlier?.outcome === 'succeeded') return { data: earlier.result };
		}
		try {
			const data = await handler.execute.call(this, itemIndex);
			if (handler.write) rememberSuccess(this, itemIndex, data);
			return { data };
		} catch (error) {
			if (handler.write) rememberFailure(this, itemIndex, error);
			return { error: toNodeError(this.getNode(), error, itemIndex) };
		}
	};

	// Workers take the next item in order; after an error without Continue On Fail no new item starts.
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < items.length) {
			const itemIndex = next++;
			const outcome = await runItem(itemIndex);
			outcomes[itemIndex] = outcome;
			if ('error' in outcome && !continueOnFail) stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) continue;
		if ('data' in outcome) {
			output.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(outcome.data), {
					itemData: { item: itemIndex },
				}),
			);
			continue;
		}
		const nodeError = outcome.error;
		if (!continueOnFail) throw nodeError;
		output.push({
			json: {
				error: nodeError.message,
				...(nodeError.description ? { errorDescription: nodeError.description } : {}),
				...(nodeError instanceof NodeOperationError ? {} : { httpCode: nodeError.httpCode }),
				...(isDataObject(nodeError.context.details) ? nodeError.context.details : {}),
			},
			pairedItem: { item: itemIndex },
		});
	}
	return [output];
}

function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node's Concurrency parameter, when it has one: a whole number from 1 to MAX_CONCURRENCY. */
function readConcurrency(context: IExecuteFunctions, settings: ConcurrencySettings): number {
	const value = context.getNodeParameter(
		settings.parameter ?? 'concurrency',
		0,
		settings.defaultConcurrency,
	) as unknown;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
		throw new NodeOperationError(
			context.getNode(),
			`Concurrency: must be a whole number from 1 to ${MAX_CONCURRENCY}`,
			{ description: 'Nothing was sent.' },
		);
	}
	return value;
}

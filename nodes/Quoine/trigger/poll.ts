import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { fields, trimAscii, validateInput } from '../../shared/validation';
import { runPolling, type PollingSource } from '../../shared/polling';
import { MAX_PAGE_SIZE, quoineRequest } from '../transport';
import { readOrderCursor, readTimeCursor, type OrderCursor, type TimeCursor } from './cursor';
import {
	CHANGE_STATUSES,
	latestExecution,
	latestOrderChange,
	pollOrders,
	pollOwnExecutions,
	pollPublicExecutions,
	startOrders,
	startOwnExecutions,
	startPublicExecutions,
	type Send,
} from './events';

/** ASCII digits or a safe integer only, as in the Quoine node (no '0x10', '1e3', '+1'). */
const wholeNumber = (what: string, min: number, max: number) =>
	z.preprocess(
		(value) => (value === null || (typeof value === 'string' && trimAscii(value) === '') ? undefined : value),
		fields.wholeNumber({ what, min, max }),
	);

const productId = wholeNumber('a product ID (a whole number above zero)', 1, Number.MAX_SAFE_INTEGER);

const common = {
	statuses: z.array(z.enum(CHANGE_STATUSES)).default([]),
	includeLast: wholeNumber('a whole number from 0 to 1000', 0, 1000).default(0),
	pageSize: wholeNumber('a whole number from 1 to 1000', 1, MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
};

const executionSchema = z.object({
	event: z.enum(['newOwnExecution', 'newPublicExecution']),
	productId,
	...common,
});

const orderSchema = z.object({
	event: z.literal('orderStatusChanged'),
	filterProductId: z.preprocess(
		(value) => (value === undefined || value === null || String(value).trim() === '' ? undefined : value),
		productId.optional(),
	),
	...common,
});

const labels = {
	event: 'Event',
	productId: 'Product',
	filterProductId: 'Product ID',
	statuses: 'Statuses',
	includeLast: 'Include Last N Items',
	pageSize: 'Page Size',
};

type Settings =
	| (z.infer<typeof executionSchema> & { filterProductId?: undefined })
	| (z.infer<typeof orderSchema> & { productId?: undefined });

function readSettings(context: IPollFunctions): Settings {
	const event = context.getNodeParameter('event', 'newPublicExecution') as string;
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const input: IDataObject = {
		event,
		statuses: filters.statuses,
		includeLast: options.includeLast,
		pageSize: options.pageSize,
	};
	if (event === 'orderStatusChanged') {
		return validateInput(context.getNode(), orderSchema, { ...input, filterProductId: filters.productId }, 0, labels);
	}
	const product = context.getNodeParameter('productId', '', { extractValue: true });
	return validateInput(context.getNode(), executionSchema, { ...input, productId: product ?? '' }, 0, labels);
}

/** Cursors from another event or product are not reused: the trigger then starts afresh. */
function scopeOf(settings: Settings): string {
	return settings.event === 'orderStatusChanged'
		? `${settings.event}:${settings.filterProductId ?? '*'}`
		: `${settings.event}:${settings.productId}`;
}

/**
 * One poll of the Quoine Trigger, run by the shared polling framework (`runPolling`): the cursor
 * is read from the workflow's static data and written back only after every request of the poll
 * succeeded, together with the items being returned, so a failed poll (429 after the allowed
 * wait, 5xx, timeout) leaves it where it was. In manual mode ("Fetch Test Event") the most recent
 * item is returned and nothing is stored.
 */
export async function runPoll(this: IPollFunctions): Promise<IDataObject[] | null> {
	const settings = readSettings(this);
	// No resends within a poll: the next poll is the retry, within the exchange's request budget.
	const send: Send = async (request) => await quoineRequest.call(this, { ...request, resendReads: false });
	const statuses = settings.statuses.length ? settings.statuses : [...CHANGE_STATUSES];
	const orderFilters = { productId: settings.filterProductId, statuses };
	const scope = scopeOf(settings);
	const sampleOf = (latest: IDataObject | undefined) => (latest ? [latest] : []);

	if (settings.event === 'orderStatusChanged') {
		const orders: PollingSource<OrderCursor> = {
			scope,
			readCursor: readOrderCursor,
			start: async () => await startOrders(send, orderFilters, settings.pageSize, settings.includeLast),
			next: async (cursor) => await pollOrders(send, orderFilters, settings.pageSize, cursor),
			sample: async () => sampleOf(await latestOrderChange(send, orderFilters, settings.pageSize)),
		};
		return await runPolling.call(this, orders);
	}

	const own = settings.event === 'newOwnExecution';
	const product = settings.productId;
	const executions: PollingSource<TimeCursor> = {
		scope,
		readCursor: readTimeCursor,
		start: async () =>
			own
				? await startOwnExecutions(send, product, settings.pageSize, settings.includeLast)
				: await startPublicExecutions(send, product, settings.pageSize, settings.includeLast),
		next: async (cursor) =>
			own
				? await pollOwnExecutions(send, product, settings.pageSize, cursor)
				: await pollPublicExecutions(send, product, settings.pageSize, cursor),
		sample: async () => sampleOf(await latestExecution(send, product, own)),
	};
	return await runPolling.call(this, executions);
}

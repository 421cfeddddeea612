import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectPages } from '../../../shared/pagination';
import { fields, list, optional, validateInput } from '../../../shared/validation';
import { fetchOrdersPage, type OrderListFilters } from '../../transport';
import * as common from '../common';

/** The page size the SDK asks for by default; also the most this node asks for at once. */
export const MAX_PAGE_SIZE = 500;

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'From',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					'Only orders created at or after this time. From an expression: an ISO date-time (UTC when it has no zone) or a Unix time in seconds.',
			},
			{
				displayName: 'Order IDs',
				name: 'ids',
				type: 'string',
				default: '',
				placeholder: '16ef58d1-…, 476b0262-…',
				description: 'Only these orders. Separate several IDs with commas.',
			},
			{
				displayName: 'Order Type',
				name: 'orderType',
				type: 'options',
				default: 'limit',
				options: [
					{ name: 'Limit', value: 'limit' },
					{ name: 'Market', value: 'market' },
				],
			},
			{
				displayName: 'Side',
				name: 'side',
				type: 'options',
				default: 'buy',
				options: [
					{ name: 'Buy', value: 'buy' },
					{ name: 'Sell', value: 'sell' },
				],
			},
			{
				displayName: 'Sort Order',
				name: 'sortOrder',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'closed',
				options: [
					{ name: 'Closed', value: 'closed', description: 'Filled' },
					{ name: 'Open', value: 'open', description: 'Waiting to be filled' },
					{ name: 'Rejected', value: 'rejected', description: 'Not executed' },
				],
			},
			{
				displayName: 'Symbol',
				name: 'symbol',
				type: 'string',
				default: '',
				placeholder: 'USDT/AUD',
				description: 'Only orders for this instrument',
			},
			{
				displayName: 'To',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description:
					'Only orders created at or before this time. From an expression: an ISO date-time (UTC when it has no zone) or a Unix time in seconds.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	properties,
);

/**
 * A date as the editor (ISO text, read as UTC when it has no zone), an expression (ISO text, Unix
 * SECONDS in digits as in every node of this package, a Luxon/JS date) or nothing (0) gives it.
 * Milliseconds in digits are refused with a hint, never guessed. Sent as epoch milliseconds.
 */
const dateMs = optional(
	fields.timestamp({ unit: 'seconds', message: 'a date such as 2026-01-31T00:00:00Z' }),
).transform((value) => value ?? 0);

const schema = z
	.object({
		symbol: optional(common.symbol),
		startMs: dateMs,
		endMs: dateMs,
		ids: list(common.orderId),
		status: z.enum(['', 'closed', 'open', 'rejected']).optional(),
		side: z.union([z.literal(''), common.side]).optional(),
		orderType: z.union([z.literal(''), common.orderType]).optional(),
		sortOrder: z.enum(['asc', 'desc'], { errorMap: () => ({ message: 'must be asc or desc' }) }),
		limit: fields.wholeNumber({ min: 1 }),
	})
	.superRefine((input, ctx) => {
		if (input.startMs && input.endMs && input.startMs > input.endMs) {
			ctx.addIssue({ code: 'custom', path: ['endMs'], message: 'must not be before From' });
		}
	});

const labels = {
	symbol: 'Symbol',
	startMs: 'From',
	endMs: 'To',
	ids: 'Order IDs',
	status: 'Status',
	side: 'Side',
	orderType: 'Order Type',
	sortOrder: 'Sort Order',
	limit: 'Limit',
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const input = validateInput(
		this.getNode(),
		schema,
		{
			symbol: filters.symbol ?? '',
			startMs: filters.startTime,
			endMs: filters.endTime,
			ids: filters.ids,
			status: filters.status ?? '',
			side: filters.side ?? '',
			orderType: filters.orderType ?? '',
			sortOrder: filters.sortOrder ?? 'desc',
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex),
		},
		itemIndex,
		labels,
	);

	const listFilters: OrderListFilters = {
		symbol: input.symbol ?? '',
		startMs: input.startMs,
		endMs: input.endMs,
		ids: input.ids,
		status: input.status ?? '',
		sortOrder: input.sortOrder,
		orderType: input.orderType ?? '',
		side: input.side ?? '',
	};
	// Pages are numbered from 1 and hold `limit` orders; the page size stays the same on every
	// page so that page N starts where page N-1 ended.
	const pageSize = returnAll ? MAX_PAGE_SIZE : Math.min(input.limit, MAX_PAGE_SIZE);
	return await collectPages<IDataObject, number>(
		async (cursor) => {
			const page = cursor ?? 1;
			const { orders, total } = await fetchOrdersPage.call(
				this,
				listFilters,
				page,
				pageSize,
				itemIndex,
			);
			const more = orders.length >= pageSize && (total === undefined || page * pageSize < total);
			return { items: orders, next: more ? page + 1 : undefined };
		},
		{ returnAll, limit: input.limit },
	);
}

import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { collectPages } from '../../../shared/pagination';
import { toList, validateInput } from '../../../shared/validation';
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
				description: 'Only orders created at or after this time',
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
				description: 'Only orders created at or before this time',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	properties,
);

/** A date as the editor, an expression (ISO text, epoch ms, Luxon/JS date) or nothing gives it. */
const dateMs = z.preprocess(
	(value) => {
		if (value === undefined || value === null || value === '') return 0;
		if (typeof value === 'number') return value;
		if (value instanceof Date) return value.getTime();
		if (
			typeof value === 'object' &&
			typeof (value as { toMillis?: unknown }).toMillis === 'function'
		) {
			return (value as { toMillis(): number }).toMillis();
		}
		if (typeof value === 'string') {
			const text = value.trim();
			if (/^\d+$/.test(text)) return Number(text);
			const parsed = Date.parse(text);
			return Number.isNaN(parsed) ? NaN : parsed;
		}
		return NaN;
	},
	z
		.number({ invalid_type_error: 'must be a date such as 2026-01-31T00:00:00Z' })
		.refine(Number.isFinite, 'must be a date such as 2026-01-31T00:00:00Z')
		.refine((value) => value >= 0, 'must not be before 1970'),
);

const schema = z
	.object({
		symbol: z.union([z.literal(''), common.symbol]).optional(),
		startMs: dateMs,
		endMs: dateMs,
		ids: z.preprocess(toList, z.array(common.orderId)),
		status: z.enum(['', 'closed', 'open', 'rejected']).optional(),
		side: z.union([z.literal(''), common.side]).optional(),
		orderType: z.union([z.literal(''), common.orderType]).optional(),
		sortOrder: z.enum(['asc', 'desc'], { errorMap: () => ({ message: 'must be asc or desc' }) }),
		limit: z.number().int().min(1, 'must be at least 1'),
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

import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { fields, optional, validateInput } from '../../../shared/validation';
import { canonicalTime, compareTimes, shiftTime } from '../../helpers/time';
import { badAnswer, listSnapshots } from '../../transport';
import { snapshotTime, uuid } from '../common';

const show = { resource: ['transaction'], operation: ['getAll'] };

/** Most snapshots one request returns (spec §9). */
export const PAGE_SIZE = 500;
/** Most snapshots Return All collects in one item, a guard against endless lists. */
const MAX_TOTAL = 100_000;

const properties: INodeProperties[] = [
	...returnAllOrLimit(show, { maxLimit: MAX_TOTAL, defaultLimit: 50 }),
	{
		displayName: 'Order',
		name: 'order',
		type: 'options',
		default: 'DESC',
		options: [
			{ name: 'Newest First', value: 'DESC' },
			{ name: 'Oldest First', value: 'ASC' },
		],
		description: 'Mixin cannot sort snapshots filtered by opponent oldest first',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'After',
				name: 'after',
				type: 'string',
				default: '',
				placeholder: '2020-12-12T12:12:12.999999999Z',
				description: 'Only snapshots created after this time (RFC 3339 to the nanosecond, a date, or Unix seconds)',
			},
			{
				displayName: 'Asset ID',
				name: 'asset',
				type: 'string',
				default: '',
				placeholder: '43d61dcd-e413-450d-80b8-101d5e903357',
				description: 'Only snapshots of this asset (UUID)',
			},
			{
				displayName: 'Before',
				name: 'before',
				type: 'string',
				default: '',
				placeholder: '2020-12-12T12:12:12.999999999Z',
				description: 'Only snapshots created before this time (RFC 3339 to the nanosecond, a date, or Unix seconds)',
			},
			{
				displayName: 'Opponent ID',
				name: 'opponent',
				type: 'string',
				default: '',
				placeholder: 'a465ffdb-4441-4cb9-8b45-00cf79dfbc46',
				description: 'Only transfers with this user (UUID)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

const schema = z.object({
	returnAll: z.boolean(),
	limit: fields.wholeNumber({ min: 1, max: MAX_TOTAL }),
	order: z.enum(['ASC', 'DESC'], { errorMap: () => ({ message: 'must be Newest First or Oldest First' }) }),
	asset: optional(uuid()),
	opponent: optional(uuid()),
	after: optional(snapshotTime()),
	before: optional(snapshotTime()),
});

const labels = {
	returnAll: 'Return All',
	limit: 'Limit',
	order: 'Order',
	asset: 'Asset ID',
	opponent: 'Opponent ID',
	after: 'After',
	before: 'Before',
};

/**
 * GET /snapshots, walking `offset` (a created_at) page by page. INFERRED (spec §9, §15): with
 * `order=DESC` the offset returns snapshots before it, with `ASC` after it; whether the offset
 * time itself is included is not documented, so each next page starts 1 ns past the last time
 * read (the same time is read again) and snapshots already read are skipped by ID. Every
 * snapshot must match the filters and come in the asked order, or the answer is an error.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		schema,
		{
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
			order: this.getNodeParameter('order', itemIndex, 'DESC'),
			asset: filters.asset,
			opponent: filters.opponent,
			after: filters.after,
			before: filters.before,
		},
		itemIndex,
		labels,
	);
	if (input.opponent && input.order === 'ASC') {
		throw new NodeOperationError(this.getNode(), 'Order: Oldest First cannot be combined with an Opponent ID filter', {
			itemIndex,
			description: 'Mixin does not sort snapshots filtered by opponent (spec: "opponent takes no order"). Nothing was sent.',
		});
	}
	if (input.after && input.before && compareTimes(input.after, input.before) >= 0) {
		throw new NodeOperationError(this.getNode(), 'After: must be earlier than Before', {
			itemIndex,
			description: 'Nothing was sent.',
		});
	}
	// Return All reads one more than it may return, to tell a full list from a cut one.
	const wanted = input.returnAll ? MAX_TOTAL + 1 : input.limit;
	const descending = input.order === 'DESC';
	const inRange = (time: string) =>
		(!input.after || compareTimes(time, input.after) > 0) && (!input.before || compareTimes(time, input.before) < 0);
	const pastEnd = (time: string) =>
		descending ? Boolean(input.after) && compareTimes(time, input.after as string) <= 0 : Boolean(input.before) && compareTimes(time, input.before as string) >= 0;

	const seen = new Set<string>();
	const results: IDataObject[] = [];
	let offset = descending ? input.before : input.after;
	for (let page = 0; results.length < wanted; page++) {
		const requested = page === 0 ? Math.min(PAGE_SIZE, wanted) : PAGE_SIZE;
		const snapshots = await listSnapshots.call(
			this,
			{
				limit: requested,
				offset,
				// M2: the opponent filter takes no order (Mixin's default is newest first).
				...(input.opponent ? {} : { order: input.order }),
				asset: input.asset,
				opponent: input.opponent,
			},
			itemIndex,
		);
		let added = 0;
		let stop = false;
		let previous: string | undefined;
		for (const snapshot of snapshots) {
			const time = canonicalTime(snapshot.created_at);
			const id = typeof snapshot.snapshot_id === 'string' ? snapshot.snapshot_id : undefined;
			if (!time || !id) throw badAnswer(this, 'a snapshot without a valid created_at or snapshot_id', itemIndex);
			if (input.asset && String(snapshot.asset_id).toLowerCase() !== input.asset) {
				throw badAnswer(this, 'a snapshot of another asset than the Asset ID filter', itemIndex);
			}
			if (input.opponent && String(snapshot.opponent_id).toLowerCase() !== input.opponent) {
				throw badAnswer(this, 'a snapshot with another opponent than the Opponent ID filter', itemIndex);
			}
			if (previous !== undefined && compareTimes(time, previous) * (descending ? -1 : 1) < 0) {
				throw badAnswer(this, `snapshots out of the asked order (${descending ? 'newest' : 'oldest'} first)`, itemIndex);
			}
			previous = time;
			if (pastEnd(time)) {
				stop = true;
				break;
			}
			if (seen.has(id) || !inRange(time)) continue;
			seen.add(id);
			added++;
			results.push(snapshot);
			if (results.length >= wanted) break;
		}
		if (stop || results.length >= wanted || snapshots.length < requested) break;
		if (added === 0) {
			throw new NodeOperationError(this.getNode(), `More than ${PAGE_SIZE} snapshots share the time ${String(previous)}`, {
				itemIndex,
				description: 'The list cannot be paged past them by time. Narrow the filters (asset, opponent).',
			});
		}
		// Start 1 ns inside the last time read, so snapshots at that same time are not skipped.
		offset = shiftTime(previous as string, descending ? 1 : -1);
	}
	if (input.returnAll && results.length > MAX_TOTAL) {
		// Never a silently cut list: Return All stops at MAX_TOTAL and says so.
		throw new NodeOperationError(this.getNode(), `Return All: more than ${MAX_TOTAL} snapshots match`, {
			itemIndex,
			description: 'Narrow the list with After and Before (or Asset ID), or use Limit.',
		});
	}
	return results;
}

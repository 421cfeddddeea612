import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { z } from 'zod';

import {
	cursorAtNewest,
	chronological,
	MalformedAnswerError,
	readBoundaryCursor,
	readForward,
	rfc3339Nano,
	runPolling,
	scopeOf,
	stampAll,
	uuid as uuidKey,
	type BoundaryCursor,
	type CursorOrder,
	type PollResult,
} from '../../shared/polling';
import { fields, optional, validateInput } from '../../shared/validation';
import { shiftTime } from '../helpers/time';
import { listSnapshots } from '../transport';

/** Snapshots per request (Mixin's maximum, spec §9). */
export const PAGE_SIZE = 500;
/** Requests per poll; a longer backlog is read on by the next poll. */
export const MAX_REQUESTS_PER_POLL = 20;
/** The cursor of a wallet without snapshots. */
export const ORIGIN = '1970-01-01T00:00:00.000000000Z';

/** Snapshots ordered by created_at (nanoseconds, canonical text), then snapshot_id. */
export const SNAPSHOT_ORDER: CursorOrder<string, string> = { key: rfc3339Nano, id: uuidKey };
export const SNAPSHOT_FIELDS = { ts: 'created_at', id: 'snapshot_id' };

export type Direction = 'incoming' | 'outgoing' | 'all';

export interface TriggerSettings {
	direction: Direction;
	asset?: string;
	includeLast: number;
}

const schema = z.object({
	direction: z.enum(['incoming', 'outgoing', 'all'], {
		errorMap: () => ({ message: 'must be Incoming, Outgoing or Incoming and Outgoing' }),
	}),
	asset: optional(fields.uuid()),
	includeLast: fields.wholeNumber({ min: 0, max: PAGE_SIZE }),
});

export function readSettings(context: IPollFunctions): TriggerSettings {
	return validateInput(
		context.getNode(),
		schema,
		{
			direction: context.getNodeParameter('direction', 'incoming'),
			asset: context.getNodeParameter('assetId', ''),
			includeLast: context.getNodeParameter('includeLast', 0),
		},
		0,
		{ direction: 'Direction', asset: 'Asset ID', includeLast: 'Include Last N' },
	);
}

/** Incoming: a positive amount; outgoing: a negative one ("-10"). Zero amounts are neither. */
export function matchesDirection(snapshot: IDataObject, direction: Direction): boolean {
	const amount = typeof snapshot.amount === 'string' ? snapshot.amount.trim() : '';
	if (!/^-?[0-9]+(\.[0-9]+)?$/.test(amount) || /^-?[0.]+$/.test(amount)) return false;
	const outgoing = amount.startsWith('-');
	return direction === 'all' || (direction === 'outgoing') === outgoing;
}

/**
 * One poll of the CoinView Trigger on the shared polling framework. INFERRED (spec §15): snapshots
 * are read `order=ASC` from the cursor's created_at; the offset is sent 1 ns before it, so the
 * boundary time is read again whether the server treats the offset as inclusive or not, and the
 * boundary snapshot IDs kept in the cursor skip what was emitted before.
 */
export async function pollSnapshots(this: IPollFunctions): Promise<IDataObject[] | null> {
	const settings = readSettings(this);
	const read = async (query: { order: 'ASC' | 'DESC'; offset?: string; limit: number }) => {
		const list = await listSnapshots.call(this, { ...query, asset: settings.asset });
		if (settings.asset && list.some((item) => String(item.asset_id).toLowerCase() !== settings.asset)) {
			throw new MalformedAnswerError('CoinView Trigger: the answer holds snapshots of another asset than the Asset ID filter; nothing was emitted and the cursor was kept');
		}
		return { rows: stampAll(list, SNAPSHOT_ORDER, SNAPSHOT_FIELDS), count: list.length };
	};
	const keep = (items: IDataObject[]) => items.filter((item) => matchesDirection(item, settings.direction));

	return await runPolling.call(this, {
		// The cursor covers every snapshot of the asset filter; the direction only filters output.
		scope: scopeOf('snapshots', { asset: settings.asset }),
		readCursor: (stored: unknown) => readBoundaryCursor(stored, SNAPSHOT_ORDER),
		start: async (): Promise<PollResult<BoundaryCursor<string, string>>> => {
			const { rows } = await read({ order: 'DESC', limit: PAGE_SIZE });
			const wanted = rows.filter((row) => matchesDirection(row.json, settings.direction));
			const emitted = settings.includeLast > 0 ? [...wanted].sort(chronological(SNAPSHOT_ORDER)).slice(-settings.includeLast) : [];
			return { items: emitted.map((row) => row.json), cursor: cursorAtNewest(rows, SNAPSHOT_ORDER, ORIGIN) };
		},
		next: async (cursor: BoundaryCursor<string, string>) => {
			const result = await readForward(cursor, SNAPSHOT_ORDER, {
				pageSize: PAGE_SIZE,
				maxRequests: MAX_REQUESTS_PER_POLL,
				what: 'CoinView Trigger',
				fetch: async (since) =>
					await read({ order: 'ASC', limit: PAGE_SIZE, ...(since === ORIGIN ? {} : { offset: shiftTime(since, -1) }) }),
			});
			return { items: keep(result.items), cursor: result.cursor };
		},
		sample: async () => {
			const { rows } = await read({ order: 'DESC', limit: PAGE_SIZE });
			const newest = [...rows].sort(chronological(SNAPSHOT_ORDER)).reverse().find((row) => matchesDirection(row.json, settings.direction));
			return newest ? [newest.json] : [];
		},
	});
}

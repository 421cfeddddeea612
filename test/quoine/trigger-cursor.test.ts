/** The Quoine Trigger's cursor helpers and its guards, with hand-made answers. */
import type { IDataObject } from 'n8n-workflow';

import { Boundary, capWatched, cursorAtNewest, MAX_BOUNDARY_IDS, MAX_WATCHED_ORDERS, readOrderCursor, readTimeCursor } from '../../nodes/Quoine/trigger/cursor';
import { MAX_PAGES_PER_LIST, pollOrders, pollOwnExecutions, type Send } from '../../nodes/Quoine/trigger/events';

describe('Quoine Trigger cursor', () => {
	it('treats later seconds and unseen IDs of the boundary second as new', () => {
		const boundary = new Boundary({ ts: 100, ids: [5, 6] });
		const at = (id: number, ts: number) => ({ id, ts, json: {} });
		expect(boundary.isNew(at(6, 100))).toBe(false);
		expect(boundary.isNew(at(7, 100))).toBe(true);
		expect(boundary.isNew(at(1, 99))).toBe(false);
		expect(boundary.isNew(at(1, 101))).toBe(true);
		boundary.add(at(7, 100));
		expect(boundary.toCursor()).toEqual({ ts: 100, ids: [5, 6, 7] });
		boundary.add(at(8, 101));
		expect(boundary.toCursor()).toEqual({ ts: 101, ids: [8] });
	});

	it('keeps the boundary IDs and watched orders bounded', () => {
		const boundary = new Boundary({ ts: 1, ids: [] });
		for (let id = 1; id <= MAX_BOUNDARY_IDS + 10; id++) boundary.add({ id, ts: 1, json: {} });
		const cursor = boundary.toCursor();
		expect(cursor.ids).toHaveLength(MAX_BOUNDARY_IDS);
		expect(cursor.ids[0]).toBe(11);
		const open = Object.fromEntries(Array.from({ length: MAX_WATCHED_ORDERS + 3 }, (_, i) => [String(i + 1), 'live|0.0']));
		const capped = capWatched(open);
		expect(Object.keys(capped)).toHaveLength(MAX_WATCHED_ORDERS);
		expect(capped['1']).toBeUndefined();
		expect(capped[String(MAX_WATCHED_ORDERS + 3)]).toBe('live|0.0');
	});

	it('starts at the newest item and reads only well-formed stored cursors', () => {
		expect(cursorAtNewest([])).toEqual({ ts: 0, ids: [] });
		expect(
			cursorAtNewest([
				{ id: 3, ts: 10, json: {} },
				{ id: 9, ts: 12, json: {} },
				{ id: 4, ts: 12, json: {} },
			]),
		).toEqual({ ts: 12, ids: [4, 9] });
		expect(readTimeCursor({ ts: 5, ids: [1, 'x', 2] })).toEqual({ ts: 5, ids: [1, 2] });
		expect(readTimeCursor({ ts: '5', ids: [] })).toBeUndefined();
		expect(readTimeCursor(undefined)).toBeUndefined();
		expect(readOrderCursor({ maxId: 7, open: { 5: 'live|0.0', 6: 3 } })).toEqual({ maxId: 7, open: { 5: 'live|0.0' } });
		expect(readOrderCursor({ maxId: 7, open: [] })).toBeUndefined();
	});

	it('gives up, without a cursor, when the exchange reports pages without end', async () => {
		let calls = 0;
		const send: Send = async () => {
			calls += 1;
			return { models: [{ id: 1000 + calls, created_at: 500, quantity: '1.0' }], current_page: calls, total_pages: 10 ** 9 };
		};
		await expect(pollOwnExecutions(send, 1, 1, { ts: 100, ids: [] })).rejects.toThrow(/more pages after 1000/);
		expect(calls).toBe(MAX_PAGES_PER_LIST);
	});

	it('reads every page of orders when the list is not newest first', async () => {
		const pages: IDataObject[][] = [
			[
				{ id: 1, status: 'filled', filled_quantity: '1.0', updated_at: 5 },
				{ id: 2, status: 'live', filled_quantity: '0.0', updated_at: 5 },
			],
			[
				{ id: 3, status: 'cancelled', filled_quantity: '0.0', updated_at: 6 },
				{ id: 4, status: 'live', filled_quantity: '0.0', updated_at: 6 },
			],
		];
		const send: Send = async (request) => {
			const page = Number(request.query?.page);
			return { models: pages[page - 1] ?? [], current_page: page, total_pages: pages.length };
		};
		const result = await pollOrders(send, { statuses: ['cancelled', 'filled', 'partially_filled'] }, 2, {
			maxId: 2,
			open: { 2: 'live|0.0' },
		});
		expect(result.items.map((order) => order.id)).toEqual([3]);
		expect(result.cursor).toEqual({ maxId: 4, open: { 2: 'live|0.0', 4: 'live|0.0' } });
	});
});

/**
 * The shared polling framework alone: key types (RFC 3339 to the nanosecond, UUIDs), time
 * cursors and their bounds, the page-number helper, status-change detection, and whole polls run
 * in n8n-core's PollContext against an in-memory list of snapshots (RFC 3339 nanosecond times,
 * UUID IDs): manual mode, failed polls, page boundaries, equal times and restarts.
 */
import { PollContext } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IPollFunctions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import {
	collectNumberedPages,
	hasNextPage,
	readNumberedPages,
	readPageNumber,
	TooManyPagesError,
} from '../../nodes/shared/pagination';
import {
	Boundary,
	canonicalRfc3339Nano,
	capWatched,
	compareRfc3339Nano,
	cursorAtNewest,
	detectChanges,
	MAX_BOUNDARY_IDS,
	nanosecondsToRfc3339,
	pollOutput,
	readBoundaryCursor,
	readForward,
	readNewestFirst,
	readSignatures,
	rfc3339Nano,
	rfc3339ToNanoseconds,
	runPolling,
	safeInteger,
	scopeOf,
	stampAll,
	startFromNewest,
	uuid,
	type BoundaryCursor,
	type CursorOrder,
	type Stamped,
} from '../../nodes/shared/polling';

const order: CursorOrder<string, string> = { key: rfc3339Nano, id: uuid };
const fields = { ts: 'created_at', id: 'snapshot_id' };
const ORIGIN = '1970-01-01T00:00:00.000000000Z';

/** A deterministic UUID for the n-th snapshot (not ordered like n, on purpose). */
const uuidOf = (n: number) => {
	const hex = ((n * 2654435761) >>> 0).toString(16).padStart(8, '0');
	return `${hex}-0000-4000-8000-${String(n).padStart(12, '0')}`;
};

describe('RFC 3339 nanosecond keys', () => {
	it('reads fixed vectors to the nanosecond (computed with date -u)', () => {
		// date -u -d 2018-09-11T05:39:25Z +%s → 1536644365
		expect(rfc3339ToNanoseconds('2018-09-11T05:39:25.429083062Z')).toBe(BigInt('1536644365429083062'));
		// date -u -d "2020-12-12T21:12:12+09:00" +%s → 1607775132
		expect(rfc3339ToNanoseconds('2020-12-12T21:12:12.5+09:00')).toBe(BigInt('1607775132500000000'));
		expect(canonicalRfc3339Nano('2020-12-12T21:12:12.5+09:00')).toBe('2020-12-12T12:12:12.500000000Z');
		expect(canonicalRfc3339Nano('2020-12-12t12:12:12z')).toBe('2020-12-12T12:12:12.000000000Z');
		expect(nanosecondsToRfc3339(BigInt('1536644365429083062'))).toBe('2018-09-11T05:39:25.429083062Z');
		// date -u -d 1969-12-31T23:59:59Z +%s → -1
		expect(nanosecondsToRfc3339(BigInt(-1))).toBe('1969-12-31T23:59:59.999999999Z');
	});

	it('orders times that differ only in the nanoseconds, which a JS number or Date cannot', () => {
		const a = '2020-12-12T12:12:12.999999998Z';
		const b = '2020-12-12T12:12:12.999999999Z';
		expect(Date.parse(a)).toBe(Date.parse(b));
		expect(compareRfc3339Nano(a, b)).toBeLessThan(0);
		expect(compareRfc3339Nano(b, a)).toBeGreaterThan(0);
		expect(compareRfc3339Nano('2020-12-12T12:12:12.9Z', '2020-12-12T12:12:12.900000000Z')).toBe(0);
		// The same instant in another offset is the same key; fewer digits are not "smaller".
		expect(compareRfc3339Nano('2020-12-12T13:12:12.1+01:00', '2020-12-12T12:12:12.099999999Z')).toBeGreaterThan(0);
		expect(rfc3339Nano.read('2020-12-12T13:12:12.1+01:00')).toBe(rfc3339Nano.read('2020-12-12T12:12:12.100Z'));
	});

	it('refuses what is not an RFC 3339 time', () => {
		for (const bad of [
			'2020-12-12 12:12:12Z',
			'2020-12-12T12:12:12',
			'2020-12-12T12:12:12.1234567890Z',
			'2020-02-30T00:00:00Z',
			'2020-13-01T00:00:00Z',
			'2020-12-12T24:00:00Z',
			'2016-12-31T23:59:60Z',
			'2020-12-12T12:12:12+24:00',
			'+2020-12-12T12:12:12Z',
			'２０２０-12-12T12:12:12Z',
			`2020-12-12T12:12:12.${'9'.repeat(100_000)}Z`,
			1607775132,
			undefined,
		]) {
			expect(rfc3339Nano.read(bad)).toBeUndefined();
		}
		expect(() => compareRfc3339Nano('x', '2020-12-12T12:12:12Z')).toThrow(/Not an RFC 3339 time: x/);
	});

	it('reads UUIDs in one case and whole numbers strictly', () => {
		expect(uuid.read('6F1E0A3C-0000-4000-8000-000000000001')).toBe('6f1e0a3c-0000-4000-8000-000000000001');
		expect(uuid.read('6f1e0a3c-0000-4000-8000-00000000001')).toBeUndefined();
		expect(safeInteger.read('17')).toBe(17);
		for (const bad of ['0x10', '1e3', '+1', '01', ' 1', 1.5, 2 ** 53]) expect(safeInteger.read(bad)).toBeUndefined();
	});
});

describe('time cursor', () => {
	const at = (n: number, ts: string): Stamped<string, string> => ({ id: uuidOf(n), ts, json: { n } });
	const t1 = '2020-12-12T12:12:12.000000001Z';
	const t2 = '2020-12-12T12:12:12.000000002Z';

	it('treats later times and unseen IDs at the boundary time as new, to the nanosecond', () => {
		const boundary = new Boundary<string, string>({ ts: t1, ids: [uuidOf(1)] }, order);
		expect(boundary.isNew(at(1, t1))).toBe(false);
		expect(boundary.isNew(at(2, t1))).toBe(true);
		expect(boundary.isNew(at(3, '2020-12-12T12:12:12.000000000Z'))).toBe(false);
		expect(boundary.isNew(at(1, t2))).toBe(true);
		boundary.add(at(2, t1));
		expect(boundary.toCursor()).toEqual({ ts: t1, ids: [uuidOf(1), uuidOf(2)].sort() });
		boundary.add(at(3, t2));
		expect(boundary.toCursor()).toEqual({ ts: t2, ids: [uuidOf(3)] });
	});

	it('keeps at most the configured boundary IDs, the highest ones', () => {
		const small: CursorOrder<string, string> = { ...order, maxBoundaryIds: 3 };
		const boundary = new Boundary<string, string>({ ts: t1, ids: [] }, small);
		const ids = [1, 2, 3, 4, 5].map(uuidOf);
		ids.forEach((id) => boundary.add({ id, ts: t1, json: {} }));
		expect(boundary.toCursor().ids).toEqual([...ids].sort().slice(-3));

		const big = new Boundary<number, number>({ ts: 1, ids: [] }, { key: safeInteger, id: safeInteger });
		for (let id = 1; id <= MAX_BOUNDARY_IDS + 7; id++) big.add({ id, ts: 1, json: {} });
		expect(big.toCursor().ids).toHaveLength(MAX_BOUNDARY_IDS);
		expect(big.toCursor().ids[0]).toBe(8);
	});

	it('starts at the newest item, includes the last N only when asked, and reads stored cursors strictly', () => {
		const items = [at(1, t2), at(2, t1), at(3, t2)];
		expect(cursorAtNewest([], order, ORIGIN)).toEqual({ ts: ORIGIN, ids: [] });
		expect(startFromNewest(items, order, 0, ORIGIN)).toEqual({
			items: [],
			cursor: { ts: t2, ids: [uuidOf(1), uuidOf(3)].sort() },
		});
		const withLast = startFromNewest(items, order, 2, ORIGIN).items.map((json) => json.n);
		expect(withLast).toEqual([uuidOf(1) < uuidOf(3) ? 1 : 3, uuidOf(1) < uuidOf(3) ? 3 : 1]);
		expect(readBoundaryCursor({ ts: t1, ids: [uuidOf(1), 'nope', 7] }, order)).toEqual({ ts: t1, ids: [uuidOf(1)] });
		expect(readBoundaryCursor({ ts: '2020-12-12', ids: [] }, order)).toBeUndefined();
		expect(readBoundaryCursor({ ts: t1 }, order)).toBeUndefined();
		expect(readBoundaryCursor('x', order)).toBeUndefined();
	});

	it('fails on an answer entry without a valid time or ID, unless told to skip it', () => {
		const list = [{ created_at: t1, snapshot_id: uuidOf(1) }, { created_at: 'yesterday', snapshot_id: uuidOf(2) }];
		expect(() => stampAll(list, order, fields)).toThrow(/Item 2 of the answer has no valid "created_at" or "snapshot_id"/);
		expect(stampAll(list, order, fields, 'skip').map((item) => item.id)).toEqual([uuidOf(1)]);
	});
});

describe('paging by page number', () => {
	const pages = (count: number, size = 2) => async (page: number) => ({
		items: page <= count ? Array.from({ length: size }, (_, i) => (page - 1) * size + i + 1) : [],
		more: page < count,
	});

	it('reads every page, stops early when told to, and gives up on pages without end', async () => {
		expect(await readNumberedPages(pages(3), { maxPages: 10 })).toEqual({ items: [1, 2, 3, 4, 5, 6], pages: 3, complete: true });
		expect((await readNumberedPages(pages(3), { maxPages: 10, stopAfter: (items) => items.includes(3) })).pages).toBe(2);
		let calls = 0;
		const endless = async (page: number) => {
			calls += 1;
			return { items: [page], more: true };
		};
		await expect(readNumberedPages(endless, { maxPages: 5, what: 'Test Trigger' })).rejects.toThrow(
			new TooManyPagesError('Test Trigger', 5),
		);
		expect(calls).toBe(5);
		expect(await readNumberedPages(endless, { maxPages: 2, whenMore: 'stop' })).toEqual({ items: [1, 2], pages: 2, complete: false });
		expect((await readNumberedPages(pages(0), { maxPages: 10 })).pages).toBe(1);
	});

	it('collects Return All and Limit over numbered pages', async () => {
		const asked: Array<[number, number]> = [];
		const fetch = async (page: number, wanted: number) => {
			asked.push([page, wanted]);
			return await pages(4, 3)(page);
		};
		expect(await collectNumberedPages(fetch, { returnAll: false, limit: 5 })).toEqual([1, 2, 3, 4, 5]);
		expect(asked).toEqual([
			[1, 5],
			[2, 2],
		]);
		expect(await collectNumberedPages(fetch, { returnAll: true, limit: 0 })).toHaveLength(12);
	});

	it('reads page numbers strictly', () => {
		expect(readPageNumber(2)).toBe(2);
		expect(readPageNumber(' 12 ')).toBe(12);
		for (const bad of ['0x10', '1e3', '+2', '2.0', '', -1, 1.5, null]) expect(readPageNumber(bad)).toBeUndefined();
		expect(hasNextPage(1, 2)).toBe(true);
		expect(hasNextPage(2, 2)).toBe(false);
		expect(hasNextPage(1, undefined)).toBe(false);
	});
});

describe('status-change detection', () => {
	interface Order {
		id: number;
		status: string;
		filled: string;
	}
	const rules = (maxId: number, wanted = ['filled', 'cancelled', 'partially_filled']) => ({
		idOf: (o: Order) => String(o.id),
		signature: (o: Order) => `${o.status}|${o.filled}`,
		isOpen: (o: Order) => o.status === 'live' || o.status === 'partially_filled',
		isNew: (o: Order) => o.id > maxId,
		untouched: (o: Order) => o.status === 'live',
		wanted: (o: Order) => wanted.includes(o.status),
	});

	it('emits changed and new touched records once, and watches what is still open', () => {
		const previous = { 1: 'live|0', 2: 'partially_filled|1', 3: 'live|0' };
		const records: Order[] = [
			{ id: 1, status: 'live', filled: '0' },
			{ id: 2, status: 'filled', filled: '2' },
			{ id: 3, status: 'partially_filled', filled: '1' },
			{ id: 4, status: 'live', filled: '0' },
			{ id: 5, status: 'cancelled', filled: '0' },
			{ id: 0, status: 'filled', filled: '1' },
		];
		const { changed, watched } = detectChanges(records, previous, rules(3));
		expect(changed.map((o) => o.id)).toEqual([2, 3, 5]);
		expect(watched).toEqual({ 1: 'live|0', 3: 'partially_filled|1', 4: 'live|0' });
		expect(detectChanges(records, previous, rules(3, ['cancelled'])).changed.map((o) => o.id)).toEqual([5]);
		// Nothing changed since: nothing is emitted again.
		expect(detectChanges(records.slice(0, 4), watched, rules(5)).changed).toEqual([]);
	});

	it('keeps the watched records bounded and reads stored signatures strictly', () => {
		const watched = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), 'live|0']));
		const capped = capWatched(watched, (a, b) => Number(a) - Number(b), 10);
		expect(Object.keys(capped)).toHaveLength(10);
		expect(capped['1']).toBeUndefined();
		expect(capped['12']).toBe('live|0');
		expect(readSignatures({ 1: 'a', 2: 3 })).toEqual({ 1: 'a' });
		expect(readSignatures([])).toBeUndefined();
	});
});

// ------------------------------------------------------------------- whole polls in n8n-core

/** Snapshots of a wallet, as a service with RFC 3339 nanosecond times and UUIDs would list them. */
class SnapshotList {
	rows: IDataObject[] = [];
	requests: string[] = [];
	/** Later polls wait for this before their first request (to hold a poll under way). */
	gate: Promise<void> = Promise.resolve();
	private count = 0;
	private failAt = 0;

	/** Makes the n-th request from now fail with a 500, wherever it falls in a poll. */
	failIn(requests: number) {
		this.failAt = this.requests.length + requests;
	}

	clearFault() {
		this.failAt = 0;
	}

	add(createdAt: string): IDataObject {
		this.count += 1;
		const row = { snapshot_id: uuidOf(this.count), created_at: createdAt, amount: '1', n: this.count };
		this.rows.push(row);
		return row;
	}

	private sorted(direction: 'ASC' | 'DESC') {
		const rows = [...this.rows].sort(
			(a, b) => compareRfc3339Nano(String(a.created_at), String(b.created_at)) || String(a.snapshot_id).localeCompare(String(b.snapshot_id)),
		);
		return direction === 'ASC' ? rows : rows.reverse();
	}

	private take(description: string) {
		this.requests.push(description);
		if (this.requests.length === this.failAt) throw new Error('Service error (500)');
	}

	/** Oldest first from `offset` (inclusive), `limit` at most. */
	ascending(offset: string, limit: number): IDataObject[] {
		this.take(`ASC ${offset} ${limit}`);
		return this.sorted('ASC')
			.filter((row) => compareRfc3339Nano(String(row.created_at), offset) >= 0)
			.slice(0, limit);
	}

	/** Newest first, by page number. */
	page(page: number, limit: number): { items: IDataObject[]; more: boolean } {
		this.take(`DESC page ${page} ${limit}`);
		const all = this.sorted('DESC');
		return { items: all.slice((page - 1) * limit, page * limit), more: page * limit < all.length };
	}
}

interface Settings {
	mode: 'forward' | 'newestFirst';
	pageSize: number;
	includeLast: number;
	asset: string;
}

/** A trigger built on the framework; its settings come from the test (n8n drops parameters a type does not declare). */
function testTrigger(list: SnapshotList, settings: Settings): INodeType {
	return {
		description: {
			displayName: 'Snapshot Trigger',
			name: 'snapshotTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Test trigger',
			defaults: { name: 'Snapshot Trigger' },
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async poll(this: IPollFunctions) {
			const stamp = (rows: IDataObject[]) => stampAll(rows, order, fields);
			const newest = (limit: number) => stamp(list.page(1, limit).items);
			const items = await runPolling.call(this, {
				scope: scopeOf('newSnapshot', { asset: settings.asset }),
				readCursor: (stored) => readBoundaryCursor(stored, order),
				start: async () => startFromNewest(newest(Math.max(settings.pageSize, settings.includeLast)), order, settings.includeLast, ORIGIN),
				next: async (cursor: BoundaryCursor<string, string>) => {
					await list.gate;
					if (settings.mode === 'forward') {
						return await readForward(cursor, order, {
							pageSize: settings.pageSize,
							maxRequests: 50,
							what: 'Snapshot Trigger',
							fetch: async (since) => {
								const rows = list.ascending(since, settings.pageSize);
								return { rows: stamp(rows), count: rows.length };
							},
						});
					}
					return await readNewestFirst(
						async (page) => {
							const { items: rows, more } = list.page(page, settings.pageSize);
							return { items: stamp(rows), more };
						},
						cursor,
						order,
						{ maxPages: 100, what: 'Snapshot Trigger' },
					);
				},
				sample: async () => newest(1).map((item) => item.json),
			});
			return pollOutput.call(this, items);
		},
	};
}

function poller(list: SnapshotList, settings: Partial<Settings>, staticData: IDataObject = {}) {
	const current: Settings = { mode: 'forward', pageSize: 3, includeLast: 0, asset: 'btc', ...settings };
	const type = testTrigger(list, current);
	const types: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'snapshot-trigger',
		name: 'Snapshot Trigger',
		type: 'test.snapshotTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'w',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: types,
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
	});
	const additionalData = { executionId: 'e', restApiUrl: '', instanceBaseUrl: '', webhookBaseUrl: '', variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[] | null> {
			const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			const result = await type.poll!.call(context);
			return result === null ? null : result[0].map((item) => item.json);
		},
		saved: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		cursor: () => workflow.getStaticData('node', node).cursor as IDataObject | undefined,
		setAsset(asset: string) {
			current.asset = asset;
		},
	};
}

const ids = (items: IDataObject[] | null) => (items ?? []).map((item) => item.n);

describe('polls in n8n-core', () => {
	const second = '2026-12-01T09:00:00';
	const ns = (nanos: number) => `${second}.${String(nanos).padStart(9, '0')}Z`;

	for (const mode of ['forward', 'newestFirst'] as const) {
		describe(mode, () => {
			it('starts from now, then emits times that differ only in nanoseconds, in order, across pages', async () => {
				const list = new SnapshotList();
				list.add(ns(1));
				const trigger = poller(list, { mode, pageSize: 3 });
				expect(await trigger.poll()).toBeNull();
				expect(trigger.cursor()).toEqual({ ts: ns(1), ids: [uuidOf(1)] });
				const added = [ns(3), ns(2), ns(2), ns(999_999_999), ns(4)].map((time) => list.add(time));
				expect(ids(await trigger.poll())).toEqual(expectedOrder(added));
				expect(await trigger.poll()).toBeNull();
			});

			it('includes the last N on first activation when asked', async () => {
				const list = new SnapshotList();
				[ns(5), ns(6), ns(7)].forEach((time) => list.add(time));
				expect(ids(await poller(list, { mode, includeLast: 2 }).poll())).toEqual([2, 3]);
			});

			it('keeps more items at one nanosecond than a page, and later ones at the same time', async () => {
				const list = new SnapshotList();
				const trigger = poller(list, { mode, pageSize: 3 });
				await trigger.poll();
				const burst = Array.from({ length: 7 }, () => list.add(ns(10)));
				if (mode === 'forward') {
					// Read forward, a whole answer at one time cannot be passed: the poll says so and keeps the cursor.
					await expect(trigger.poll()).rejects.toThrow(/3 or more items share the time 2026-12-01T09:00:00.000000010Z, .*raise Page Size/);
					expect(trigger.cursor()).toEqual({ ts: ORIGIN, ids: [] });
					return;
				}
				expect(ids(await trigger.poll()).sort()).toEqual(burst.map((row) => row.n).sort());
				const late = list.add(ns(10));
				expect(ids(await trigger.poll())).toEqual([late.n]);
				expect((trigger.cursor()?.ids as string[]).length).toBe(8);
			});

			it('manual mode returns the newest item and neither creates nor moves the cursor', async () => {
				const list = new SnapshotList();
				list.add(ns(1));
				const trigger = poller(list, { mode });
				expect(ids(await trigger.poll('manual'))).toEqual([1]);
				expect(trigger.saved()).toEqual({});
				await trigger.poll();
				const saved = trigger.saved();
				const fresh = list.add(ns(2));
				expect(ids(await trigger.poll('manual'))).toEqual([fresh.n]);
				expect(trigger.saved()).toEqual(saved);
				expect(ids(await trigger.poll())).toEqual([fresh.n]);
			});

			it('a failed poll leaves the cursor; the next one emits what was missed', async () => {
				const list = new SnapshotList();
				list.add(ns(1));
				const trigger = poller(list, { mode, pageSize: 2 });
				await trigger.poll();
				const saved = trigger.saved();
				const missed = [ns(2), ns(3), ns(4), ns(5)].map((time) => list.add(time).n);
				// The second request of the poll fails, after the first succeeded.
				const before = list.requests.length;
				list.failIn(2);
				await expect(trigger.poll()).rejects.toThrow('Service error (500)');
				expect(list.requests.length - before).toBe(2);
				expect(trigger.saved()).toEqual(saved);
				expect(ids(await trigger.poll())).toEqual(missed);
			});

			it('starts afresh for another filter (scope)', async () => {
				const list = new SnapshotList();
				const trigger = poller(list, { mode });
				await trigger.poll();
				list.add(ns(1));
				trigger.setAsset('eth');
				expect(await trigger.poll()).toBeNull();
				expect(trigger.saved()).toEqual({ 'node:Snapshot Trigger': { scope: 'newSnapshot:asset=eth', cursor: { ts: ns(1), ids: [uuidOf(1)] } } });
			});

			it('continues after a restart from the static data n8n saved', async () => {
				const list = new SnapshotList();
				list.add(ns(1));
				const first = poller(list, { mode, pageSize: 4 });
				await first.poll();
				const emitted = [ns(2), ns(2)].map((time) => list.add(time));
				expect(ids(await first.poll())).toEqual(expectedOrder(emitted));
				const saved = first.saved();
				const late = list.add(ns(2));
				const restarted = poller(list, { mode, pageSize: 4 }, saved);
				expect(restarted.cursor()).toEqual(first.cursor());
				expect(ids(await restarted.poll())).toEqual([late.n]);
				expect(await restarted.poll()).toBeNull();
			});

			it('a list that reports pages without end fails the poll as a node error and keeps the cursor', async () => {
				const list = new SnapshotList();
				const trigger = poller(list, { mode: 'newestFirst', pageSize: 1 });
				await trigger.poll();
				const saved = trigger.saved();
				for (let i = 0; i < 150; i++) list.add(ns(100 + i));
				await expect(trigger.poll()).rejects.toMatchObject({
					name: 'NodeOperationError',
					message: 'Snapshot Trigger: the service still reported more pages after 100; nothing was emitted and the cursor was kept',
				});
				expect(trigger.saved()).toEqual(saved);
			});

			it('a poll that starts while the previous one still runs sends nothing and emits nothing', async () => {
				const list = new SnapshotList();
				list.add(ns(1));
				const trigger = poller(list, { mode });
				await trigger.poll();
				const added = list.add(ns(2));
				let open: () => void = () => undefined;
				list.gate = new Promise((resolve) => (open = resolve));
				const first = trigger.poll();
				const before = list.requests.length;
				expect(await trigger.poll()).toBeNull();
				expect(list.requests.length).toBe(before);
				open();
				expect(ids(await first)).toEqual([added.n]);
				expect(await trigger.poll()).toBeNull();
				// A poll that failed does not leave the trigger marked as running.
				list.failIn(1);
				await expect(trigger.poll()).rejects.toThrow('Service error (500)');
				const late = list.add(ns(3));
				expect(ids(await trigger.poll())).toEqual([late.n]);
			});

			it('random runs with equal times, faults and restarts lose and repeat nothing', async () => {
				let seed = mode === 'forward' ? 11 : 23;
				const rnd = () => {
					seed = (seed * 1103515245 + 12345) % 2147483648;
					return seed / 2147483648;
				};
				const list = new SnapshotList();
				let trigger = poller(list, { mode, pageSize: 4 });
				await trigger.poll();
				let saved = trigger.saved();
				const emitted: number[] = [];
				let nanos = 0;
				let atNanos = 0;
				let failures = 0;
				let restarts = 0;
				for (let i = 0; i < 200; i++) {
					// Several per poll, often at the same nanosecond (never more than a page at one time when read forward).
					for (let k = Math.floor(rnd() * 4); k > 0; k--) {
						// Read forward, fewer items than a page may share one time (see readForward).
						if (rnd() < 0.6 || (mode === 'forward' && atNanos >= 3)) {
							nanos += 1 + Math.floor(rnd() * 3);
							atNanos = 0;
						}
						atNanos += 1;
						list.add(ns(nanos));
					}
					if (rnd() < 0.12) list.failIn(1 + Math.floor(rnd() * 3));
					if (rnd() < 0.07) {
						trigger = poller(list, { mode, pageSize: 4 }, saved);
						restarts += 1;
					}
					try {
						const items = await trigger.poll();
						if (items) {
							emitted.push(...ids(items).map(Number));
							saved = trigger.saved(); // n8n saves static data when a poll emitted items
						}
					} catch {
						failures += 1;
					}
					list.clearFault();
				}
				emitted.push(...ids(await trigger.poll()).map(Number));
				expect(failures).toBeGreaterThan(5);
				expect(restarts).toBeGreaterThan(3);
				expect(new Set(emitted).size).toBe(emitted.length);
				expect([...emitted].sort((a, b) => a - b)).toEqual(list.rows.map((row) => Number(row.n)));
			});
		});
	}

	/** Rows in the order the trigger must emit them: by time, then by ID. */
	function expectedOrder(rows: IDataObject[]): unknown[] {
		return [...rows]
			.sort((a, b) => compareRfc3339Nano(String(a.created_at), String(b.created_at)) || (String(a.snapshot_id) < String(b.snapshot_id) ? -1 : 1))
			.map((row) => row.n);
	}
});

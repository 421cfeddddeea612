/**
 * CoinView Trigger in n8n-core's PollContext against a small in-test model of GET /snapshots
 * served by nock (order ASC/DESC, offset, limit ≤ 500, asset). The model is run with the offset
 * both exclusive and inclusive, since Mixin does not document which. Timestamps are nanosecond
 * text: many snapshots share one, others differ only in the last digit.
 */
import nock from 'nock';

import { canonicalRfc3339Nano } from '../../nodes/shared/polling';
import { createPoller } from '../helpers/poll';
import { ASSET_ID, HOST, edCredentials } from './fixtures';
import { Ledger, OTHER_ASSET, T0, id, nsToTime } from './ledger';


function poller(parameters: Record<string, unknown> = {}, staticData?: Record<string, unknown>) {
	return createPoller({
		type: 'coinViewTrigger',
		parameters: { direction: 'incoming', assetId: '', includeLast: 0, ...parameters },
		credentials: { coinViewApi: edCredentials },
		staticData: staticData as never,
	});
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each([
	['exclusive offset', false],
	['inclusive offset', true],
])('CoinView Trigger (%s)', (_name, inclusive) => {
	let ledger: Ledger;
	beforeEach(() => {
		ledger = new Ledger(inclusive);
		ledger.serve();
	});

	it('starts from now, then emits new incoming transfers once, oldest first; outgoing only when asked', async () => {
		ledger.burst(T0, 3, BigInt(1000));
		const trigger = poller();
		expect(await trigger.pollJson()).toEqual([]);
		const a = ledger.add(nsToTime(T0 + BigInt(5000)));
		ledger.add(nsToTime(T0 + BigInt(6000)), '-2');
		const b = ledger.add(nsToTime(T0 + BigInt(7000)), '0.5');
		const out = await trigger.pollJson();
		expect(out.map((s) => s.snapshot_id)).toEqual([a.snapshot_id, b.snapshot_id]);
		expect(await trigger.pollJson()).toEqual([]);
		// the cursor is canonical nanosecond text, never a number
		expect(trigger.nodeStaticData().cursor).toEqual({ ts: '2025-12-01T09:00:00.000007000Z', ids: [b.snapshot_id] });

		const all = poller({ direction: 'all' }, trigger.savedStaticData());
		const c = ledger.add(nsToTime(T0 + BigInt(8000)), '-1');
		expect((await all.pollJson()).map((s) => s.snapshot_id)).toEqual([c.snapshot_id]);
	});

	it('"include the last N" emits the newest N incoming transfers on first activation', async () => {
		const snaps = ledger.burst(T0, 5, BigInt(1));
		ledger.add(nsToTime(T0 + BigInt(10)), '-1');
		const out = await poller({ includeLast: 2 }).pollJson();
		expect(out.map((s) => s.snapshot_id)).toEqual([snaps[3].snapshot_id, snaps[4].snapshot_id]);
	});

	it('a burst of 1203 snapshots, many in the same nanosecond, is read completely in order across pages', async () => {
		const trigger = poller();
		ledger.add(nsToTime(T0));
		expect(await trigger.pollJson()).toEqual([]);
		const burst = [
			...ledger.burst(T0 + BigInt(1), 498, BigInt(1)),
			// 7 at one nanosecond, crossing the first page boundary (500)
			...ledger.burst(T0 + BigInt(1000), 7, BigInt(0)),
			// times that differ only in the last nanosecond digit, written with fewer digits too
			ledger.add('2025-12-01T09:00:00.00000200Z'),
			ledger.add('2025-12-01T09:00:00.000002001Z'),
			...ledger.burst(T0 + BigInt(3000), 696, BigInt(1)),
		];
		const out = await trigger.pollJson();
		expect(out).toHaveLength(burst.length);
		expect(new Set(out.map((s) => s.snapshot_id)).size).toBe(burst.length);
		const times = out.map((s) => canonicalRfc3339Nano(s.created_at) as string);
		expect([...times].sort()).toEqual(times);
		expect(ledger.requests.every((query) => Number(query.limit) <= 500 && query.order)).toBe(true);
		expect(await trigger.pollJson()).toEqual([]);
	});

	it('a failed page keeps the cursor; the next poll emits everything once', async () => {
		const trigger = poller();
		expect(await trigger.pollJson()).toEqual([]);
		ledger.burst(T0, 700, BigInt(1));
		const before = trigger.savedStaticData();
		// the second request of the next poll (the second page) fails
		ledger.failAt = ledger.requests.length + 1;
		await expect(trigger.pollJson()).rejects.toThrow(/server error/i);
		expect(trigger.savedStaticData()).toEqual(before);
		const out = await trigger.pollJson();
		expect(out).toHaveLength(700);
		expect(new Set(out.map((s) => s.snapshot_id)).size).toBe(700);
		expect(await trigger.pollJson()).toEqual([]);
	});

	it('survives a restart (static data carried over) without emitting twice', async () => {
		const first = poller();
		expect(await first.pollJson()).toEqual([]);
		ledger.burst(T0, 3, BigInt(0));
		expect(await first.pollJson()).toHaveLength(3);
		ledger.burst(T0, 2, BigInt(0));
		const second = poller({}, first.savedStaticData());
		expect(await second.pollJson()).toHaveLength(2);
	});

	it('manual mode returns the newest real incoming snapshot and does not touch the cursor', async () => {
		ledger.add(nsToTime(T0));
		const newest = ledger.add(nsToTime(T0 + BigInt(2)), '3');
		ledger.add(nsToTime(T0 + BigInt(3)), '-3');
		const trigger = poller();
		const out = await trigger.pollJson('manual');
		expect(out.map((s) => s.snapshot_id)).toEqual([newest.snapshot_id]);
		expect(trigger.savedStaticData()).toEqual({});
	});

	it('the asset filter is sent and checked; another asset gets its own cursor', async () => {
		const trigger = poller({ assetId: ASSET_ID });
		expect(await trigger.pollJson()).toEqual([]);
		ledger.add(nsToTime(T0 + BigInt(1)), '1', OTHER_ASSET);
		const mine = ledger.add(nsToTime(T0 + BigInt(2)), '1', ASSET_ID);
		expect((await trigger.pollJson()).map((s) => s.snapshot_id)).toEqual([mine.snapshot_id]);
		expect(ledger.requests.every((query) => query.asset === ASSET_ID)).toBe(true);
		// another asset filter starts afresh (from now), whatever the stored cursor says
		const other = poller({ assetId: OTHER_ASSET }, trigger.savedStaticData());
		expect(await other.pollJson()).toEqual([]);
		const next = ledger.add(nsToTime(T0 + BigInt(3)), '1', OTHER_ASSET);
		expect((await other.pollJson()).map((s) => s.snapshot_id)).toEqual([next.snapshot_id]);
	});
});

describe('CoinView Trigger: bad settings and bad answers', () => {
	it('rejects a bad asset ID before any request', async () => {
		const scope = nock(HOST).get(/.*/).reply(200, { data: [] });
		await expect(poller({ assetId: 'BTC' }).pollJson()).rejects.toThrow(/Asset ID: must be a UUID/);
		expect(scope.isDone()).toBe(false);
	});

	it('a snapshot without a valid created_at fails the poll and keeps the cursor', async () => {
		nock(HOST).get(/^\/snapshots/).reply(200, { data: [] });
		const trigger = poller();
		await trigger.pollJson();
		const before = trigger.savedStaticData();
		nock(HOST).get(/^\/snapshots/).reply(200, { data: [{ snapshot_id: id(), created_at: 'yesterday', amount: '1' }] });
		await expect(trigger.pollJson()).rejects.toThrow(/no valid "created_at"/);
		expect(trigger.savedStaticData()).toEqual(before);
	});

	it.each([
		['a number', 1.5],
		['missing', undefined],
		['not decimal text', '1,5'],
	])('a snapshot whose amount is %s fails the poll and keeps the cursor (it is not skipped for good)', async (_what, amount) => {
		nock(HOST).get(/^\/snapshots/).reply(200, { data: [] });
		const trigger = poller({ direction: 'all' });
		await trigger.pollJson();
		const before = trigger.savedStaticData();
		nock(HOST)
			.get(/^\/snapshots/)
			.reply(200, { data: [{ snapshot_id: id(), created_at: '2025-12-01T09:00:00.000000001Z', asset_id: ASSET_ID, amount }] });
		await expect(trigger.pollJson()).rejects.toThrow(/a snapshot whose amount is not decimal text/);
		expect(trigger.savedStaticData()).toEqual(before);
	});

	it('a Mixin error in a 202 answer fails the poll', async () => {
		nock(HOST).get(/^\/snapshots/).reply(202, { error: { status: 202, code: 401, description: 'Unauthorized' } });
		await expect(poller().pollJson()).rejects.toThrow(/Authentication failed/);
	});
});

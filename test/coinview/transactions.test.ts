/**
 * Transaction → Get Many against the in-test /snapshots model: Return All walks the offset across
 * pages without losing or repeating snapshots that share a nanosecond, Limit, After/Before, both
 * orders, the opponent filter, and answers that do not match the request.
 */
import nock from 'nock';

import { canonicalRfc3339Nano } from '../../nodes/shared/polling';
import { runNode } from '../helpers/engine';
import { ASSET_ID, HOST, OPPONENT_ID, edCredentials } from './fixtures';
import { Ledger, OTHER_ASSET, T0, nsToTime } from './ledger';

const list = (parameters: Record<string, unknown>) =>
	runNode({
		type: 'coinView',
		parameters: { resource: 'transaction', operation: 'getAll', order: 'DESC', filters: {}, ...parameters },
		credentials: { coinViewApi: edCredentials },
		continueOnFail: true,
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each([
	['exclusive offset', false],
	['inclusive offset', true],
])('Transaction → Get Many (%s)', (_name, inclusive) => {
	let ledger: Ledger;
	beforeEach(() => {
		ledger = new Ledger(inclusive);
		ledger.serve();
		ledger.burst(T0, 480, BigInt(1));
		// 30 in one nanosecond across the first page boundary, then more
		ledger.burst(T0 + BigInt(1000), 30, BigInt(0));
		ledger.burst(T0 + BigInt(2000), 600, BigInt(3), '-1');
	});

	it.each(['DESC', 'ASC'])('Return All (%s) returns every snapshot once, in order', async (order) => {
		const result = await list({ returnAll: true, order });
		expect(result.json).toHaveLength(1110);
		expect(new Set(result.json.map((s) => s.snapshot_id)).size).toBe(1110);
		const times = result.json.map((s) => canonicalRfc3339Nano(s.created_at) as string);
		const sorted = [...times].sort();
		expect(times).toEqual(order === 'ASC' ? sorted : sorted.reverse());
		expect(ledger.requests.every((query) => Number(query.limit) <= 500 && query.order === order)).toBe(true);
	});

	it('Limit asks for no more than needed', async () => {
		const result = await list({ returnAll: false, limit: 7 });
		expect(result.json).toHaveLength(7);
		expect(ledger.requests).toEqual([{ limit: '7', order: 'DESC' }]);
	});

	it('After and Before bound the list (exclusive), to the nanosecond', async () => {
		const result = await list({
			returnAll: true,
			order: 'ASC',
			filters: { after: nsToTime(T0 + BigInt(10)), before: nsToTime(T0 + BigInt(1000)) },
		});
		expect(result.json).toHaveLength(469);
		expect(result.json[0].created_at).toBe(nsToTime(T0 + BigInt(11)));
		expect(ledger.requests[0]).toMatchObject({ offset: '2025-12-01T09:00:00.000000010Z', order: 'ASC' });
	});
});

describe('Transaction → Get Many: filters and bad answers', () => {
	it('the opponent filter sends no order (Mixin: opponent takes no order); Oldest First with it is refused', async () => {
		const ledger = new Ledger(false);
		ledger.serve();
		ledger.add(nsToTime(T0), '1', ASSET_ID, OPPONENT_ID);
		const result = await list({ returnAll: true, filters: { opponent: OPPONENT_ID } });
		expect(result.json).toHaveLength(1);
		expect(ledger.requests[0]).toEqual({ limit: '500', opponent: OPPONENT_ID });
		const refused = await list({ returnAll: true, order: 'ASC', filters: { opponent: OPPONENT_ID } });
		expect(refused.json[0].error).toMatch(/Order: Oldest First cannot be combined with an Opponent ID/);
		expect(ledger.requests).toHaveLength(1);
	});

	it('a snapshot of another asset than asked is an error, never part of the result', async () => {
		nock(HOST).get(/^\/snapshots/).reply(200, {
			data: [{ snapshot_id: '00000000-0000-4000-8000-0000000000aa', created_at: nsToTime(T0), asset_id: OTHER_ASSET, amount: '1' }],
		});
		const result = await list({ returnAll: true, filters: { asset: ASSET_ID } });
		expect(result.json[0].error).toMatch(/another asset/);
	});

	it('snapshots out of the asked order are an error', async () => {
		nock(HOST).get(/^\/snapshots/).reply(200, {
			data: [
				{ snapshot_id: '00000000-0000-4000-8000-0000000000aa', created_at: nsToTime(T0), amount: '1' },
				{ snapshot_id: '00000000-0000-4000-8000-0000000000ab', created_at: nsToTime(T0 + BigInt(1)), amount: '1' },
			],
		});
		const result = await list({ returnAll: true });
		expect(result.json[0].error).toMatch(/out of the asked order/);
	});

	it('After later than Before is refused before sending', async () => {
		const scope = nock(HOST).get(/.*/).reply(200, { data: [] });
		const result = await list({ returnAll: true, filters: { after: '2020-01-02T00:00:00Z', before: '2020-01-01T00:00:00Z' } });
		expect(result.json[0].error).toMatch(/After: must be earlier than Before/);
		expect(scope.isDone()).toBe(false);
	});
});

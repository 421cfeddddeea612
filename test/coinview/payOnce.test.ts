/**
 * A CoinView transfer pays once: nock plays Mixin, n8n-core's engine runs the node with Retry On
 * Fail. Lost answers are looked up by trace ID (/transfers/trace, then /snapshots/trace) before
 * anything is reported or sent again; a trace ID used for another transfer is an error; a wrong
 * PIN is never tried twice.
 */
import nock from 'nock';

import { forgetPinRejections } from '../../nodes/CoinView/helpers/pinGuard';
import { forgetSentKeys } from '../../nodes/shared/idempotency';
import { runNode, runWorkflow } from '../helpers/engine';
import { ASSET_ID, HOST, OPPONENT_ID, edCredentials } from './fixtures';

const TRACE = '7c67e8e8-b142-488b-80a3-61d4d29c90bf';
const NOT_FOUND = { error: { status: 202, code: 404, description: 'The endpoint is not found.' } };

function snapshot(overrides: Record<string, unknown> = {}) {
	return {
		type: 'transfer',
		snapshot_id: 'ab56be4c-5b20-41c6-a9c3-244f9a433f35',
		opponent_id: OPPONENT_ID,
		asset_id: ASSET_ID,
		amount: '-0.01',
		trace_id: TRACE,
		memo: 'hello',
		created_at: '2018-05-03T10:08:34.859542588Z',
		...overrides,
	};
}

const parameters = (overrides: Record<string, unknown> = {}) => ({
	resource: 'transfer',
	operation: 'create',
	recipientId: OPPONENT_ID,
	asset: { mode: 'id', value: ASSET_ID },
	amount: '0.010',
	memo: 'hello',
	options: { traceId: TRACE },
	...overrides,
});

const credentials = { coinViewApi: edCredentials };

function reset(): Error {
	return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

const retrying = (overrides: Record<string, unknown> = {}) => ({
	name: 'Pay',
	type: 'coinView',
	parameters: parameters(overrides),
	retryOnFail: true,
	maxTries: 3,
	waitBetweenTries: 0,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	forgetSentKeys();
	forgetPinRejections();
});
afterAll(() => nock.enableNetConnect());

describe('Transfer → Create pays once', () => {
	it('a reset after sending: found by trace ID in the same try, nothing sent again', async () => {
		nock(HOST)
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.post('/transfers')
			.replyWithError(reset())
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, { data: snapshot() });
		const result = await runNode({ type: 'coinView', parameters: parameters(), credentials });
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ trace_id: TRACE, amount: '-0.01', alreadyExisted: false, confirmedByTraceLookup: true });
		expect(nock.isDone()).toBe(true);
	});

	it('Retry On Fail after a lost answer and a failed look-up: the retry looks up first (falls back to /snapshots/trace) and pays nothing again', async () => {
		const scope = nock(HOST)
			// a given trace ID is looked up before the first send
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.post('/transfers')
			.replyWithError(reset())
			// the look-up of the first try finds nothing yet
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			// the retry looks up before sending: /transfers/trace is gone, /snapshots/trace has it
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, { data: snapshot() });
		const result = await runWorkflow({ nodes: [retrying()], credentials });
		expect(result.error).toBeUndefined();
		expect(result.output('Pay')).toEqual([expect.objectContaining({ snapshot_id: snapshot().snapshot_id, alreadyExisted: true })]);
		expect(scope.isDone()).toBe(true);
	});

	it('the retry sends again (same trace ID, new PIN and token) when the look-up finds nothing', async () => {
		const pins: string[] = [];
		const scope = nock(HOST)
			.post('/transfers')
			.reply((_uri, body) => {
				pins.push((body as { pin: string }).pin);
				return [500, 'upstream reset'];
			})
			.post('/transfers')
			.reply((_uri, body) => {
				pins.push((body as { pin: string }).pin);
				return [200, { data: snapshot() }];
			});
		nock(HOST).get(`/transfers/trace/${TRACE}`).times(2).reply(202, NOT_FOUND).get(`/snapshots/trace/${TRACE}`).times(2).reply(202, NOT_FOUND);
		const result = await runWorkflow({ nodes: [retrying()], credentials });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(pins).toHaveLength(2);
		expect(pins[0]).not.toBe(pins[1]);
		expect(result.output('Pay')[0]).toMatchObject({ alreadyExisted: false });
	});

	it('a trace ID already used for a different transfer is an error, nothing new is paid', async () => {
		nock(HOST)
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.post('/transfers')
			.replyWithError(reset())
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, { data: snapshot({ amount: '-5', opponent_id: '11111111-2222-4333-8444-555555555555' }) });
		const result = await runNode({ type: 'coinView', parameters: parameters(), credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(/Trace ID 7c67e8e8-b142-488b-80a3-61d4d29c90bf is already used by a different transfer/);
		expect(result.json[0].errorDescription).toMatch(/Recipient ID is 11111111-2222-4333-8444-555555555555 there/);
		expect(result.json[0].errorDescription).toMatch(/Amount is 5 there, 0.010 here/);
	});

	it('a replayed answer for another transfer under the same trace ID is an error, not a success', async () => {
		nock(HOST)
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.post('/transfers')
			.reply(200, { data: snapshot({ amount: '-7' }) });
		const result = await runNode({ type: 'coinView', parameters: parameters(), credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(/already used by a different transfer/);
	});

	// Spec §12.4: the answer of POST /transfers is the sender's snapshot, amount negative ("-10").
	it.each([
		['the amount as a number', { amount: -0.01 }, /transfer record whose amount is missing or not decimal text/],
		['no amount', { amount: undefined }, /transfer record whose amount is missing or not decimal text/],
		['no opponent_id', { opponent_id: undefined }, /transfer record whose opponent_id is missing or not text/],
		['no asset_id', { asset_id: undefined }, /transfer record whose asset_id is missing or not text/],
	])('an answer with %s is a bad answer that may hide an executed transfer, not "nothing was paid"', async (_what, overrides, message) => {
		nock(HOST)
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.post('/transfers')
			.reply(200, { data: snapshot(overrides) });
		const result = await runNode({ type: 'coinView', parameters: parameters(), credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(message);
		expect(result.json[0].errorDescription).toMatch(/may have been executed under Trace ID 7c67e8e8-b142-488b-80a3-61d4d29c90bf/);
		expect(result.json[0].errorDescription).not.toMatch(/nothing new/);
	});

	it('a positive amount (a received snapshot) is not this transfer', async () => {
		nock(HOST)
			.get(`/transfers/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.get(`/snapshots/trace/${TRACE}`)
			.reply(202, NOT_FOUND)
			.post('/transfers')
			.reply(200, { data: snapshot({ amount: '0.01' }) });
		const result = await runNode({ type: 'coinView', parameters: parameters(), credentials, continueOnFail: true });
		expect(result.json[0].error).toMatch(/Trace ID 7c67e8e8-b142-488b-80a3-61d4d29c90bf is already used by a different transfer/);
		expect(result.json[0].errorDescription).toMatch(/Amount is \+0\.01 \(received, not sent\) there, 0\.010 here/);
		expect(result.json[0].errorDescription).toMatch(/check the wallet's transactions for trace ID 7c67e8e8-b142-488b-80a3-61d4d29c90bf/);
	});

	it('a given trace ID already paid (another execution) is returned with alreadyExisted, nothing is sent', async () => {
		const scope = nock(HOST).get(`/transfers/trace/${TRACE}`).reply(200, { data: snapshot() });
		const post = nock(HOST).post('/transfers').reply(200, {});
		const result = await runNode({ type: 'coinView', parameters: parameters(), credentials });
		expect(result.json[0]).toMatchObject({ trace_id: TRACE, alreadyExisted: true });
		expect(scope.isDone()).toBe(true);
		expect(post.isDone()).toBe(false);
	});

	it('an item retried after it succeeded is not sent again (Retry On Fail after a later item failed)', async () => {
		const scope = nock(HOST)
			.post('/transfers')
			.reply((_uri, body) => [200, { data: snapshot({ ...(body as object), amount: `-${(body as { amount: string }).amount}` }) }])
			.post('/transfers')
			.reply(202, { error: { status: 202, code: 500, description: 'Internal Server Error' } })
			.post('/transfers')
			.reply((_uri, body) => [200, { data: snapshot({ ...(body as object), amount: `-${(body as { amount: string }).amount}` }) }]);
		nock(HOST).get(/\/trace\//).times(4).reply(202, NOT_FOUND);
		const result = await runWorkflow({
			nodes: [
				{
					...retrying({ amount: '={{ $json.amount }}', options: {} }),
				},
			],
			credentials,
			input: [{ amount: '1' }, { amount: '2' }],
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const out = result.output('Pay');
		expect(out.map((item) => item.amount)).toEqual(['-1', '-2']);
		// derived trace IDs: one per item, the same on the retry
		expect(new Set(out.map((item) => item.trace_id)).size).toBe(2);
	});

	it('a wrong PIN (20119) is sent once: Retry On Fail and later items are refused without a request', async () => {
		let posts = 0;
		nock(HOST)
			.post('/transfers')
			.times(5)
			.reply(() => {
				posts++;
				return [202, { error: { status: 202, code: 20119, description: 'PIN incorrect' } }];
			});
		nock(HOST).get(/\/trace\//).times(10).reply(202, NOT_FOUND);
		const result = await runWorkflow({
			nodes: [{ ...retrying({ options: {} }) }],
			credentials,
			input: [{}, {}],
		});
		expect(result.error?.message).toMatch(/PIN/);
		expect(posts).toBe(1);
	});
});

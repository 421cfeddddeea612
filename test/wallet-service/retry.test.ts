/**
 * Entry → Create has no idempotency key. When the server executes an entry and the answer is
 * lost, the node must never create it twice: with Retry On Fail on it refuses to resend, and
 * items that already succeeded are answered from the earlier try.
 */
import { WalletServiceSimulator } from '../../sandbox/wallet-service';
import { runWorkflow } from '../helpers/engine';

describe('Wallet Service writes under lost answers and Retry On Fail', () => {
	const sim = new WalletServiceSimulator();
	let credentials: Record<string, { authorityConfigSecret: string; baseUrl: string }>;
	const originalCreate = sim.createEntry.bind(sim);

	beforeAll(async () => {
		await sim.listen();
		await sim.addSandboxAuthority();
		credentials = { walletServiceApi: { authorityConfigSecret: sim.sandboxClientConfig(), baseUrl: '' } };
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.createEntry = originalCreate;
	});

	/** The server executes the nth entry create (1-based), then closes the connection unanswered. */
	function loseAnswerOf(n: number) {
		let calls = 0;
		sim.createEntry = (req, authorityId) => {
			calls += 1;
			const result = originalCreate(req, authorityId);
			return calls === n ? 'drop' : result;
		};
	}

	const entryNode = (options: { retryOnFail?: boolean; continueOnFail?: boolean } = {}) => ({
		name: 'Entry',
		type: 'walletService',
		parameters: {
			resource: 'entry',
			operation: 'create',
			userId: '={{ $json.user }}',
			amount: 5,
			reason: 'deposit',
		},
		retryOnFail: options.retryOnFail,
		maxTries: 3,
		waitBetweenTries: 10,
		continueOnFail: options.continueOnFail,
	});
	const entryPosts = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/entry');

	it('single item, Retry On Fail on: one entry, and the resend is refused with the reason', async () => {
		sim.injectFault({ type: 'dropAfter', method: 'POST', path: '/entry$' });
		const result = await runWorkflow({
			nodes: [entryNode({ retryOnFail: true })],
			credentials,
			input: [{ user: 'alice' }],
			executionId: 'ws-single-retry',
		});
		expect(sim.entries).toHaveLength(1);
		expect(entryPosts()).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Not sent again: an earlier try of this entry got no answer, so it may have been executed',
		);
		expect(result.error?.description).toContain('Check the entries of user "alice"');
	});

	it('single item, Retry On Fail off: one entry, and the error says it may have been executed', async () => {
		sim.injectFault({ type: 'dropAfter', method: 'POST', path: '/entry$' });
		const result = await runWorkflow({
			nodes: [entryNode()],
			credentials,
			input: [{ user: 'alice' }],
			executionId: 'ws-single',
		});
		expect(sim.entries).toHaveLength(1);
		expect(result.error?.message).toBe('Wallet Service: the connection was closed without an answer');
		expect(result.error?.description).toMatch(
			/^The entry may have been executed: check the entries of user "alice" .* before running it again\./,
		);
	});

	it('3 items, only item 2 lost, Retry On Fail on: items 1 and 2 made once, item 3 never sent', async () => {
		loseAnswerOf(2);
		const result = await runWorkflow({
			nodes: [entryNode({ retryOnFail: true })],
			credentials,
			input: [{ user: 'u1' }, { user: 'u2' }, { user: 'u3' }],
			executionId: 'ws-batch-retry',
		});
		expect(sim.entries.map((entry) => entry.user_id)).toEqual(['u1', 'u2']);
		expect(entryPosts()).toHaveLength(2);
		expect(result.error?.message).toMatch(/^Not sent again/);
	});

	it('3 items, only item 2 lost, Retry On Fail and Continue On Fail on: 3 entries for 3 items', async () => {
		loseAnswerOf(2);
		const result = await runWorkflow({
			nodes: [entryNode({ retryOnFail: true, continueOnFail: true })],
			credentials,
			input: [{ user: 'u1' }, { user: 'u2' }, { user: 'u3' }],
			executionId: 'ws-batch-continue',
		});
		expect(result.error).toBeUndefined();
		expect(sim.entries.map((entry) => entry.user_id)).toEqual(['u1', 'u2', 'u3']);
		const output = result.output('Entry');
		expect(output[0]).toMatchObject({ user_id: 'u1' });
		expect(output[1].error).toBe('Wallet Service: the connection was closed without an answer');
		expect(output[1].errorDescription).toMatch(/^The entry may have been executed/);
		expect(output[2]).toMatchObject({ user_id: 'u3' });
	});

	it('3 items, only item 2 lost, Retry On Fail off: 2 entries and a clear error', async () => {
		loseAnswerOf(2);
		const result = await runWorkflow({
			nodes: [entryNode()],
			credentials,
			input: [{ user: 'u1' }, { user: 'u2' }, { user: 'u3' }],
			executionId: 'ws-batch',
		});
		expect(sim.entries.map((entry) => entry.user_id)).toEqual(['u1', 'u2']);
		expect(result.error?.description).toMatch(/^The entry may have been executed/);
	});

	it('two n8n instances with the same workflow and execution numbers each make their own entry', async () => {
		for (const instanceId of ['instance-a', 'instance-b']) {
			const result = await runWorkflow({
				nodes: [entryNode({ retryOnFail: true })],
				credentials,
				input: [{ user: 'alice' }],
				executionId: 'same-number',
				instanceId,
			});
			expect(result.error).toBeUndefined();
		}
		expect(sim.entries).toHaveLength(2);
	});
});

#!/usr/bin/env node
'use strict';
/**
 * Requests per poll of every polling trigger, against its simulator on loopback, polled in
 * n8n-core's PollContext (test/helpers/poll.ts) with static data kept between polls as n8n does:
 *
 * - an idle poll (nothing new since the last one);
 * - a poll after a burst of 5,000 new items (every one of them must be emitted once, in order);
 * - the poll after that (idle again).
 *
 * Counted from each simulator's own request log. Page sizes are each trigger's default.
 *
 *   npm run bench -- polling [quick]
 */
const { createPoller } = require('../test/helpers/poll.ts');
const { resetRateWindows } = require('../nodes/shared/rateLimit.ts');
const { quick, round, stats, writeResult } = require('./bench-lib');

const BURST = 5000;
const ROUNDS = quick() ? 1 : 3;

/**
 * @typedef {object} PollCase
 * @property {string} id
 * @property {string} label
 * @property {() => Promise<{ poller: any, requests: () => number, burst: () => string[], idOf: (item: any) => string, close: () => Promise<void> }>} setUp
 */

/** @type {PollCase[]} */
const CASES = [
	{
		id: 'quoinePublicExecutions',
		label: 'Quoine Trigger: New Public Execution',
		async setUp() {
			const { QuoineSimulator, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET } = require('../sandbox/quoine');
			const sim = new QuoineSimulator({ rateLimit: false });
			// The trigger starts from the time of the latest public execution it sees, or this machine's clock.
			let now = Math.floor(Date.now() / 1000);
			sim.clock = () => now;
			await sim.listen(0, '127.0.0.1');
			resetRateWindows();
			const poller = createPoller({
				type: 'quoineTrigger',
				parameters: { event: 'newPublicExecution', productId: { __rl: true, mode: 'id', value: '3' }, options: {} },
				credentials: { quoineApi: quoineCredentials(sim, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET) },
			});
			return {
				poller,
				requests: () => sim.requests.length,
				burst: () => {
					const ids = [];
					for (let i = 0; i < BURST; i++) {
						// 50 executions a second, as on a busy market
						if (i % 50 === 0) now += 1;
						ids.push(String(sim.addPublicExecution(3, { price: '300000.0', quantity: '0.01', taker_side: 'buy', created_at: now }).id));
					}
					now += 1;
					return ids;
				},
				idOf: (item) => String(item.id),
				close: () => sim.close(),
			};
		},
	},
	{
		id: 'quoineOwnExecutions',
		label: 'Quoine Trigger: New Own Execution',
		async setUp() {
			const { QuoineSimulator, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET, DEFAULT_USER_ID } = require('../sandbox/quoine');
			const sim = new QuoineSimulator({ rateLimit: false });
			let now = 1_700_000_000;
			sim.clock = () => now;
			sim.setBalance('USD', '100000000000.0');
			await sim.listen(0, '127.0.0.1');
			resetRateWindows();
			const poller = createPoller({
				type: 'quoineTrigger',
				parameters: { event: 'newOwnExecution', productId: { __rl: true, mode: 'id', value: '1' }, options: {} },
				credentials: { quoineApi: quoineCredentials(sim, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET) },
			});
			return {
				poller,
				requests: () => sim.requests.length,
				burst: () => {
					const placed = sim.submitOrder(DEFAULT_USER_ID, { order_type: 'limit', product_id: 1, side: 'buy', quantity: '100', price: '30000.0' });
					if ('error' in placed) throw new Error(`order rejected: ${JSON.stringify(placed.error.body)}`);
					const ids = [];
					for (let i = 0; i < BURST; i++) {
						if (i % 50 === 0) now += 1;
						ids.push(...sim.fillOrder(placed.order.id, '0.001').map((execution) => String(execution.id)));
					}
					now += 1;
					return ids;
				},
				idOf: (item) => String(item.id),
				close: () => sim.close(),
			};
		},
	},
	{
		id: 'quoineOrderStatus',
		label: 'Quoine Trigger: Order Status Changed (5,000 live orders, then all cancelled)',
		async setUp() {
			const { QuoineSimulator, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET, DEFAULT_USER_ID } = require('../sandbox/quoine');
			const sim = new QuoineSimulator({ rateLimit: false });
			let now = 1_700_000_000;
			sim.clock = () => now;
			sim.setBalance('USD', '100000000000.0');
			await sim.listen(0, '127.0.0.1');
			resetRateWindows();
			// Live orders before the trigger starts: placing them is no status change.
			const open = [];
			for (let i = 0; i < BURST; i++) {
				const placed = sim.submitOrder(DEFAULT_USER_ID, { order_type: 'limit', product_id: 1, side: 'buy', quantity: '0.01', price: '30000.0' });
				if ('error' in placed) throw new Error(`order rejected: ${JSON.stringify(placed.error.body)}`);
				open.push(placed.order.id);
			}
			now += 1;
			const poller = createPoller({
				type: 'quoineTrigger',
				parameters: { event: 'orderStatusChanged', filters: {}, options: {} },
				credentials: { quoineApi: quoineCredentials(sim, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET) },
			});
			return {
				poller,
				requests: () => sim.requests.length,
				burst: () => {
					const ids = [];
					for (let i = 0; i < open.length; i++) {
						if (i % 50 === 0) now += 1;
						sim.cancelOrderById(open[i]);
						ids.push(String(open[i]));
					}
					now += 1;
					return ids;
				},
				idOf: (item) => String(item.id),
				close: () => sim.close(),
			};
		},
	},
	{
		id: 'coinViewIncoming',
		label: 'CoinView Trigger: incoming transfers',
		async setUp() {
			const { CoinViewSimulator, ASSET } = require('../sandbox/coinview');
			const sim = new CoinViewSimulator();
			await sim.listen();
			const wallet = await sim.createWallet({ kind: 'ed25519', balances: { [ASSET.USDT]: '1000000' } });
			const poller = createPoller({
				type: 'coinViewTrigger',
				parameters: { direction: 'incoming', assetId: '', includeLast: 0 },
				credentials: {
					coinViewApi: {
						source: 'fields',
						userId: wallet.userId,
						sessionId: wallet.sessionId,
						pinToken: wallet.serverPublicKey,
						privateKey: wallet.privateKey,
						pinSecret: wallet.pin,
						endpoint: 'custom',
						baseUrl: sim.directUrl,
						customMode: 'direct',
					},
				},
			});
			return {
				poller,
				requests: () => sim.calls.length,
				burst: () => sim.incoming({ user_id: wallet.userId, count: BURST }).map((snapshot) => String(snapshot.snapshot_id)),
				idOf: (item) => String(item.snapshot_id),
				close: () => sim.close(),
			};
		},
	},
];

function quoineCredentials(sim, tokenId, secret) {
	return { apiTokenId: tokenId, apiSecret: secret, exchange: 'custom', baseUrl: sim.url, vendorId: '', language: '' };
}

async function measure(pollCase) {
	const context = await pollCase.setUp();
	try {
		const { poller, requests } = context;
		const counted = async () => {
			const before = requests();
			const started = process.hrtime.bigint();
			const items = await poller.pollJson();
			return { items, requests: requests() - before, ms: Number(process.hrtime.bigint() - started) / 1e6 };
		};
		await counted(); // first activation: sets the cursor to now
		const idle = await counted();
		if (idle.items.length !== 0) throw new Error(`an idle poll emitted ${idle.items.length} items`);
		const expected = context.burst();
		// A trigger may spread a long backlog over several polls; count every poll until it has all.
		let burstRequests = 0;
		let burstMs = 0;
		let polls = 0;
		const seen = [];
		while (seen.length < expected.length && polls < 20) {
			const poll = await counted();
			polls += 1;
			burstRequests += poll.requests;
			burstMs += poll.ms;
			seen.push(...poll.items.map(context.idOf));
			if (poll.items.length === 0) break;
		}
		if (seen.length !== expected.length || seen.some((id, index) => id !== expected[index])) {
			throw new Error(`the burst was not emitted exactly once in order (${seen.length} of ${expected.length})`);
		}
		const after = await counted();
		if (after.items.length !== 0) throw new Error(`the poll after the burst emitted ${after.items.length} items again`);
		return { idle: idle.requests, burst: burstRequests, burstPolls: polls, burstMs, after: after.requests };
	} finally {
		await context.close();
	}
}

async function main() {
	const results = [];
	for (const pollCase of CASES) {
		const runs = [];
		let error;
		try {
			for (let r = 0; r < ROUNDS; r++) runs.push(await measure(pollCase));
		} catch (failure) {
			error = /** @type {Error} */ (failure).message;
		}
		if (error) {
			results.push({ id: pollCase.id, label: pollCase.label, error });
			process.stdout.write(`${pollCase.label}: failed: ${error}\n`);
			continue;
		}
		const row = {
			id: pollCase.id,
			label: pollCase.label,
			burstItems: BURST,
			idleRequests: stats(runs.map((r) => r.idle)),
			burstRequests: stats(runs.map((r) => r.burst)),
			burstPolls: stats(runs.map((r) => r.burstPolls)),
			burstMs: stats(runs.map((r) => round(r.burstMs, 0))),
			afterBurstRequests: stats(runs.map((r) => r.after)),
		};
		results.push(row);
		process.stdout.write(
			`${pollCase.label}: idle poll ${row.idleRequests.median} request(s); ${BURST} new items: ${row.burstRequests.median} requests over ${row.burstPolls.median} poll(s), ${row.burstMs.median} ms; next poll ${row.afterBurstRequests.median}\n`,
		);
	}
	writeResult('polling', { rounds: ROUNDS, triggers: results });
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);

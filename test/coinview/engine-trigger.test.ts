/**
 * The CoinView Trigger against the CoinView / Mixin simulator, polled in n8n-core's PollContext:
 * first activation, manual mode, bursts beyond a page of 500, timestamps equal to the nanosecond or
 * differing only in nanoseconds (Go's RFC3339Nano drops trailing zeros, so text order is not time
 * order), and 200 random polls with faults, n8n restarts and server restarts that must lose and
 * repeat nothing.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { ASSET, CoinViewSimulator, OTHER_USERS, parseTime } from '../../sandbox/coinview';
import { rateLimitRetry } from '../../nodes/CoinView/transport';
import { createPoller } from '../helpers/poll';

const sim = new CoinViewSimulator();

interface FreshWallet {
	userId: string;
	sessionId: string;
	pin: string;
	pinToken: string;
	serverPublicKey: string;
	privateKey: string;
}

let wallet: FreshWallet;

function credentials(mode: 'direct' | 'relay' = 'direct'): Record<string, ICredentialDataDecryptedObject> {
	return {
		coinViewApi: {
			source: 'fields',
			userId: wallet.userId,
			sessionId: wallet.sessionId,
			pinToken: wallet.serverPublicKey,
			privateKey: wallet.privateKey,
			pinSecret: wallet.pin,
			endpoint: 'custom',
			baseUrl: mode === 'direct' ? sim.directUrl : sim.relayUrl,
			customMode: mode,
		},
	};
}

const params = (overrides: IDataObject = {}): IDataObject => ({ direction: 'incoming', assetId: '', includeLast: 0, ...overrides });

function poller(parameters: IDataObject, staticData?: IDataObject, mode: 'direct' | 'relay' = 'direct') {
	return createPoller({ type: 'coinViewTrigger', parameters, credentials: credentials(mode), staticData });
}

/** Incoming transfers to the test wallet. */
const incoming = (options: Parameters<CoinViewSimulator['incoming']>[0] = {}) =>
	sim.incoming({ user_id: wallet.userId, ...options });

/** Outgoing transfers of the test wallet (negative snapshots), made by the sandbox. */
const outgoing = (count: number) =>
	sim.incoming({ user_id: OTHER_USERS[0].user_id, from: wallet.userId, count, amount: '0.5' });

const nsOf = (item: IDataObject) => parseTime(String(item.created_at)) as bigint;

beforeAll(async () => {
	// The random runs restart the server's listener; each listen() adds a one-time error listener.
	sim.server.setMaxListeners(100);
	await sim.listen();
});
afterAll(async () => await sim.close());
beforeEach(async () => {
	sim.reset();
	wallet = (await sim.createWallet({
		kind: 'ed25519',
		balances: { [ASSET.USDT]: '1000000', [ASSET.BTC]: '10' },
	})) as unknown as FreshWallet;
});

describe('CoinView Trigger', () => {
	describe('first activation and manual mode', () => {
		it('starts from now: nothing old, then only what is new', async () => {
			incoming({ count: 5 });
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			expect(await trigger.poll()).toBeNull();
			const fresh = incoming({ count: 3 });
			outgoing(2);
			const items = await trigger.pollJson();
			expect(items.map((item) => item.snapshot_id)).toEqual(fresh.map((s) => s.snapshot_id));
			expect(await trigger.poll()).toBeNull();
			expect(sim.calls.every((call) => call.ok)).toBe(true);
			// Polling reads oldest first.
			expect(sim.calls.slice(1).every((call) => String(call.uri).includes('order=ASC'))).toBe(true);
		});

		it('emits the last N incoming transfers once when asked to, oldest first', async () => {
			const old = incoming({ count: 6 });
			outgoing(3);
			const trigger = poller(params({ includeLast: 4 }));
			const items = await trigger.pollJson();
			expect(items.map((item) => item.snapshot_id)).toEqual(old.slice(2).map((s) => s.snapshot_id));
			expect(await trigger.poll()).toBeNull();
		});

		it('manual mode returns the newest real incoming snapshot and does not move the cursor', async () => {
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			const first = incoming({ count: 2 });
			outgoing(1);
			const sample = await trigger.pollJson('manual');
			expect(sample.map((item) => item.snapshot_id)).toEqual([first[1].snapshot_id]);
			const items = await trigger.pollJson();
			expect(items.map((item) => item.snapshot_id)).toEqual(first.map((s) => s.snapshot_id));
		});

		it('watches outgoing transfers and an asset filter when asked to', async () => {
			const out = poller(params({ direction: 'outgoing' }));
			const btc = poller(params({ assetId: ASSET.BTC }));
			expect(await out.poll()).toBeNull();
			expect(await btc.poll()).toBeNull();
			const sent = outgoing(2);
			incoming({ count: 2 });
			const btcIn = incoming({ count: 2, asset_id: ASSET.BTC, amount: '0.01' });
			expect((await out.pollJson()).map((item) => item.snapshot_id)).toEqual(sent.map((s) => s.trace_id).map(
				(trace) => sim.snapshotsOf(wallet.userId).find((s) => s.trace_id === trace && s.amount.startsWith('-'))?.snapshot_id,
			));
			expect((await btc.pollJson()).map((item) => item.snapshot_id)).toEqual(btcIn.map((s) => s.snapshot_id));
		});
	});

	describe('bursts and timestamps', () => {
		it('reads a burst larger than a page completely and in order, in one poll (relay mode too)', async () => {
			for (const mode of ['direct', 'relay'] as const) {
				const trigger = poller(params(), undefined, mode);
				expect(await trigger.poll()).toBeNull();
				const burst = incoming({ count: 1234 });
				const items = await trigger.pollJson();
				expect(items.map((item) => item.snapshot_id)).toEqual(burst.map((s) => s.snapshot_id));
				expect(await trigger.poll()).toBeNull();
			}
		});

		it('keeps snapshots with equal timestamps, with nanosecond-only differences and with whole seconds', async () => {
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			const expected = [
				...incoming({ count: 7, timestamps: 'nanos' }),
				...incoming({ count: 5, timestamps: 'same' }),
				...incoming({ count: 3, timestamps: 'seconds' }),
			];
			// Trailing zeros dropped: the first of the nanosecond group is shorter text.
			expect(expected[0].created_at.length).toBeLessThan(expected[1].created_at.length);
			const items = await trigger.pollJson();
			expect(new Set(items.map((item) => item.snapshot_id))).toEqual(new Set(expected.map((s) => s.snapshot_id)));
			expect(items).toHaveLength(expected.length);
			for (let index = 1; index < items.length; index++) expect(nsOf(items[index]) >= nsOf(items[index - 1])).toBe(true);
			// More at the very same nanosecond as the last emitted ones are still new.
			const sameAgain = incoming({ count: 2, timestamps: 'same' });
			expect((await trigger.pollJson()).map((item) => item.snapshot_id).sort()).toEqual(sameAgain.map((s) => s.snapshot_id).sort());
		});

		it('a group of equal timestamps that straddles a page boundary is read once', async () => {
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			const expected = [...incoming({ count: 450 }), ...incoming({ count: 200, timestamps: 'same' }), ...incoming({ count: 400 })];
			const items = await trigger.pollJson();
			expect(items).toHaveLength(expected.length);
			expect(new Set(items.map((item) => item.snapshot_id)).size).toBe(expected.length);
		});
	});

	describe('faults', () => {
		const defaults = { ...rateLimitRetry };
		beforeEach(() => Object.assign(rateLimitRetry, { maxWaitMs: 50, firstBackoffMs: 1 }));
		afterEach(() => Object.assign(rateLimitRetry, defaults));

		it('does not move the cursor on 500, 429 beyond the wait, a dropped or unreadable answer, and loses nothing', async () => {
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			const expected = incoming({ count: 700 });
			const faults = [
				{ type: 'error', code: 500, mixinPath: '^/snapshots$' },
				{ type: 'error', code: 429, mixinPath: '^/snapshots$', skip: 1, times: 0 },
				{ type: 'drop', mixinPath: '^/snapshots$', times: 4 },
				{ type: 'nonjson', mixinPath: '^/snapshots$', skip: 1, times: 4 },
				{ type: 'status', status: 200, body: { data: 'truncated' }, mixinPath: '^/snapshots$', times: 4 },
			];
			for (const fault of faults) {
				sim.injectFault(fault);
				await expect(trigger.poll()).rejects.toThrow();
				sim.clearFaults();
			}
			const items = await trigger.pollJson();
			expect(items.map((item) => item.snapshot_id)).toEqual(expected.map((s) => s.snapshot_id));
		});

		it('waits out a single 429 within the poll and loses nothing', async () => {
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			const expected = incoming({ count: 600 });
			sim.injectFault({ type: 'error', code: 429, mixinPath: '^/snapshots$', skip: 1 });
			const items = await trigger.pollJson();
			expect(items.map((item) => item.snapshot_id)).toEqual(expected.map((s) => s.snapshot_id));
			expect(sim.calls.filter((call) => call.errorCode === 429)).toHaveLength(1);
		});

		it('an authentication failure (401) is an error, not an empty poll', async () => {
			const trigger = poller(params());
			expect(await trigger.poll()).toBeNull();
			sim.clockSkewMs = 3 * 3600 * 1000;
			await expect(trigger.poll()).rejects.toThrow(/401|credential|clock/i);
		});
	});

	describe('random runs: no loss, no duplicates', () => {
		/** Small deterministic generator, so a failure can be replayed. */
		function random(seed: number) {
			let state = seed >>> 0;
			const next = () => {
				state = (state + 0x6d2b79f5) >>> 0;
				let t = state;
				t = Math.imul(t ^ (t >>> 15), t | 1);
				t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
				return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
			};
			return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
		}

		const FAULTS = [
			{ type: 'error', code: 500 },
			{ type: 'error', code: 429 },
			{ type: 'error', code: 10105 },
			{ type: 'drop' },
			{ type: 'resetAfter' },
			{ type: 'nonjson' },
		];

		it.each([
			['incoming, direct', params(), 'direct', 20261201],
			['incoming USDT only, relay', params({ assetId: ASSET.USDT }), 'relay', 4242],
		] as const)('%s: 200 polls with bursts, equal timestamps, page boundaries, faults and restarts', async (_name, parameters, mode, seed) => {
			const rng = random(seed);
			incoming({ count: 30 });
			let trigger = poller(parameters, undefined, mode);
			expect(await trigger.poll()).toBeNull();
			let saved = trigger.savedStaticData();
			const expected: string[] = [];
			const emitted: string[] = [];
			let lastNs = 0n;
			let failures = 0;
			let restarts = 0;
			let bigBursts = 0;
			let serverRestarts = 0;
			for (let poll = 0; poll < 200; poll++) {
				const roll = rng.next();
				const count = roll < 0.04 ? rng.int(501, 1100) : roll < 0.2 ? rng.int(5, 60) : rng.int(0, 3);
				if (count > 500) bigBursts += 1;
				if (count > 0) {
					const kinds = ['distinct', 'distinct', 'same', 'nanos', 'seconds'] as const;
					const timestamps = count > 200 ? 'distinct' : kinds[rng.int(0, kinds.length - 1)];
					const asset = rng.next() < 0.3 ? ASSET.BTC : ASSET.USDT;
					const made = incoming({ count, timestamps, asset_id: asset, amount: asset === ASSET.BTC ? '0.001' : '1.25' });
					if (!parameters.assetId || parameters.assetId === asset) expected.push(...made.map((s) => s.snapshot_id));
				}
				if (rng.next() < 0.15) outgoing(rng.int(1, 3));
				if (rng.next() < 0.2) {
					const fault = FAULTS[rng.int(0, FAULTS.length - 1)];
					sim.injectFault({ ...fault, mixinPath: '^/snapshots$', skip: rng.int(0, 2) });
				}
				if (rng.next() < 0.06) {
					trigger = poller(parameters, saved, mode);
					restarts += 1;
				}
				if (rng.next() < 0.03) {
					// The server restarts (same state, same port): open connections are cut.
					const port = Number(new URL(sim.url).port);
					await sim.close();
					await sim.listen(port);
					serverRestarts += 1;
				}
				try {
					const result = await trigger.poll();
					const items = (result?.[0] ?? []).map((item) => item.json);
					for (const item of items) {
						expect(Number(String(item.amount))).toBeGreaterThan(0);
						const ns = nsOf(item);
						expect(ns >= lastNs).toBe(true);
						lastNs = ns;
						emitted.push(String(item.snapshot_id));
					}
					// n8n saves the static data when a poll emits (and at activation).
					if (result) saved = trigger.savedStaticData();
				} catch {
					failures += 1;
				}
				sim.clearFaults();
			}
			for (let index = 0; index < 3; index++) {
				for (const item of await trigger.pollJson()) emitted.push(String(item.snapshot_id));
			}
			expect(new Set(emitted).size).toBe(emitted.length);
			expect(emitted.length).toBe(expected.length);
			expect(new Set(emitted)).toEqual(new Set(expected));
			expect(failures).toBeGreaterThan(5);
			expect(restarts).toBeGreaterThan(3);
			expect(bigBursts).toBeGreaterThan(2);
			expect(serverRestarts).toBeGreaterThan(1);
			expect(expected.length).toBeGreaterThan(2000);
		});
	});
});

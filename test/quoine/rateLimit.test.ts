/**
 * The pacing window and 429 retry helper (nodes/shared/rateLimit.ts) with a fake clock, and the
 * product picker's search with a stubbed request helper.
 */
import type { ILoadOptionsFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { QuoineApi } from '../../credentials/QuoineApi.credentials';
import { searchProducts } from '../../nodes/Quoine/methods/listSearch';
import {
	RateLimitWaitError,
	acquireSlot,
	defaultBackoffMs,
	resetRateWindows,
	retryOn429,
} from '../../nodes/shared/rateLimit';
import { HOST, credentials } from './fixtures';

function fakeClock(start = 1_000_000) {
	let now = start;
	const waits: number[] = [];
	return {
		waits,
		now: () => now,
		wait: async (ms: number) => {
			waits.push(ms);
			now += ms;
		},
	};
}

describe('acquireSlot (sliding window)', () => {
	beforeEach(() => resetRateWindows());

	it('lets `limit` requests through, then waits until the oldest leaves the window', async () => {
		const clock = fakeClock();
		const window = { limit: 3, windowMs: 1000 };
		for (let i = 0; i < 3; i++) expect(await acquireSlot('k', window, 10_000, clock)).toBe(0);
		expect(await acquireSlot('k', window, 10_000, clock)).toBe(1001);
		expect(clock.waits).toEqual([1001]);
	});

	it('keeps keys apart', async () => {
		const clock = fakeClock();
		const window = { limit: 1, windowMs: 1000 };
		await acquireSlot('a', window, 0, clock);
		expect(await acquireSlot('b', window, 0, clock)).toBe(0);
		await expect(acquireSlot('a', window, 0, clock)).rejects.toBeInstanceOf(RateLimitWaitError);
	});

	it('refuses a wait longer than allowed without waiting', async () => {
		const clock = fakeClock();
		const window = { limit: 1, windowMs: 300_000 };
		await acquireSlot('k', window, 0, clock);
		const error = await acquireSlot('k', window, 60_000, clock).catch((e) => e);
		expect(error).toBeInstanceOf(RateLimitWaitError);
		expect(error.message).toBe(
			'the request budget of 1 per 300 s is used up and the next slot frees in 301 s, longer than the allowed wait of 60 s',
		);
		expect(clock.waits).toEqual([]);
	});

	it('a limit of 0 turns pacing off', async () => {
		const clock = fakeClock();
		for (let i = 0; i < 1000; i++) await acquireSlot('k', { limit: 0, windowMs: 1000 }, 0, clock);
		expect(clock.waits).toEqual([]);
	});
});

describe('retryOn429', () => {
	const tooMany = (retryAfter?: number) => Object.assign(new Error('429'), { status: 429, retryAfter });
	const retryAfterOf = (error: unknown) => {
		const e = error as { status?: number; retryAfter?: number };
		return e.status === 429 ? (e.retryAfter ?? null) : undefined;
	};
	const giveUp = (_e: unknown, waited: number, next: number, sends: number) =>
		new Error(`gave up after ${sends} sends and ${waited} ms, next ${next} ms`);

	it('uses Retry-After, then backs off 1 s, 2 s, 4 s … when there is none', async () => {
		const clock = fakeClock();
		const answers = [tooMany(5000), tooMany(), tooMany(), tooMany(), 'done'];
		const result = await retryOn429(
			async () => {
				const next = answers.shift();
				if (next instanceof Error) throw next;
				return next;
			},
			{ maxWaitMs: 60_000, retryAfterOf, onGiveUp: giveUp, ...clock },
		);
		expect(result).toBe('done');
		// attempt 1 → Retry-After 5000; attempts 2, 3, 4 → 2000, 4000, 8000.
		expect(clock.waits).toEqual([5000, 2000, 4000, 8000]);
		expect([1, 2, 3, 7, 10].map(defaultBackoffMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
	});

	it('gives up when the next wait would pass the maximum', async () => {
		const clock = fakeClock();
		let sends = 0;
		const error = await retryOn429(
			async () => {
				sends++;
				throw tooMany(4000);
			},
			{ maxWaitMs: 10_000, retryAfterOf, onGiveUp: giveUp, ...clock },
		).catch((e) => e);
		expect(error.message).toBe('gave up after 3 sends and 8000 ms, next 4000 ms');
		expect(sends).toBe(3);
	});

	it('stops after maxAttempts even when the server keeps asking for no wait', async () => {
		const clock = fakeClock();
		let sends = 0;
		await expect(
			retryOn429(
				async () => {
					sends++;
					throw tooMany(0);
				},
				{ maxWaitMs: 10_000, maxAttempts: 5, retryAfterOf, onGiveUp: giveUp, ...clock },
			),
		).rejects.toThrow('gave up after 5 sends and 0 ms, next 0 ms');
		expect(sends).toBe(5);
	});

	it('passes every other error on at once, unchanged', async () => {
		const clock = fakeClock();
		const original = new Error('500');
		let sends = 0;
		const error = await retryOn429(
			async () => {
				sends++;
				throw original;
			},
			{ maxWaitMs: 10_000, retryAfterOf, onGiveUp: giveUp, ...clock },
		).catch((e) => e);
		expect(error).toBe(original);
		expect(sends).toBe(1);
		expect(clock.waits).toEqual([]);
	});
});

describe('product picker', () => {
	beforeEach(() => resetRateWindows());

	it('loads GET /products unsigned and filters by currency pair', async () => {
		const sent: IHttpRequestOptions[] = [];
		const credential = new QuoineApi();
		const context = {
			getNode: () => ({ name: 'Quoine' }),
			getCredentials: async () => credentials.quoineApi,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const signed = await credential.authenticate(credentials.quoineApi, options);
					sent.push(signed);
					return {
						statusCode: 200,
						headers: {},
						body: [
							{ id: 5, currency_pair_code: 'BTCJPY', name: 'BTC/JPY' },
							{ id: 1, currency_pair_code: 'BTCUSD', name: 'BTC/USD' },
							{ id: 27, currency_pair_code: 'ETHBTC', name: 'ETH/BTC' },
						],
					};
				},
			},
		} as unknown as ILoadOptionsFunctions;

		const all = await searchProducts.call(context);
		expect(all.results.map((r) => r.value)).toEqual(['5', '1', '27']);
		expect(all.results[1].name).toBe('BTCUSD (ID 1)');

		const filtered = await searchProducts.call(context, 'btc/usd');
		expect(filtered.results).toEqual([{ name: 'BTCUSD (ID 1)', value: '1' }]);
		expect(sent[0].url).toBe('/products');
		expect(sent[0].baseURL).toBe(HOST);
		expect(sent[0].headers?.['X-Quoine-Auth']).toBeUndefined();
		expect(sent[0].headers?.['X-Quoine-API-Version']).toBe('2');
	});
});

/**
 * The simulators' latency setting (sandbox/common/server.js), which the benchmarks use to put a
 * network's round trip in front of every answer.
 */
import { Simulator } from '../../sandbox/common/server';

describe('simulator latency', () => {
	const sim = new Simulator('latency-test');
	sim.route('GET', '/thing', () => ({ status: 200, body: { ok: true } }));
	let url: string;

	beforeAll(async () => {
		url = await sim.listen();
	});
	afterAll(async () => await sim.close());
	afterEach(() => sim.setLatency(0));

	const setLatency = async (ms: unknown) =>
		await fetch(`${url}/__sandbox/latency`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ms }),
		});

	it('is set over /__sandbox/latency and kept by reset()', async () => {
		const response = await setLatency(25);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true, latencyMs: 25 });
		sim.reset();
		expect(sim.latencyMs).toBe(25);
	});

	it.each([[-1], [1.5], ['20'], [null], [10001]])('refuses %p and keeps the earlier value', async (ms) => {
		sim.setLatency(5);
		const response = await setLatency(ms);
		expect(response.status).toBe(500);
		expect(((await response.json()) as { error: string }).error).toContain('latency: ms must be a whole number from 0 to 10000');
		expect(sim.latencyMs).toBe(5);
	});

	it('holds the answer back after the request was handled, and then answers normally', async () => {
		sim.setLatency(1000);
		const before = sim.requests.length;
		let answered = false;
		const pending = fetch(`${url}/thing`).then(async (response) => {
			answered = true;
			return { status: response.status, body: await response.json() };
		});
		// The handler has run (the request is logged) while the answer is still held back.
		// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
		while (sim.requests.length === before) await new Promise((resolve) => setImmediate(resolve));
		expect(answered).toBe(false);
		expect(await pending).toEqual({ status: 200, body: { ok: true } });
	});

	it('does not delay the /__sandbox/ routes', async () => {
		sim.setLatency(10000);
		const response = await fetch(`${url}/__sandbox/requests`);
		expect(response.status).toBe(200);
	});
});

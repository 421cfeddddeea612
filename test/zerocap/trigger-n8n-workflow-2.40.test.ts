/**
 * The Zerocap Trigger on n8n-workflow 2.40, which no longer exports `sleepWithAbort` (its
 * `sleep(ms, signal)` takes the signal). The module is replaced by the installed one without
 * `sleepWithAbort` and with 2.40's sleep; the trigger then runs through n8n-core's TriggerContext
 * against the simulator: it must subscribe, deliver, and reconnect after a drop. A wait that fails
 * in an unexpected way must reach emitError and stop the stream, never leave a silent trigger.
 */
import type { IDataObject } from 'n8n-workflow';

type Harness = typeof import('./trigger-harness');
type Simulator = typeof import('../../sandbox/zerocap');
type Stream = typeof import('../../nodes/Zerocap/transport/stream');

/**
 * n8n-workflow 2.40's sleep (@n8n/utils dist/sleep.cjs): without a signal a plain wait; with one,
 * it rejects with the abort reason when the signal fires. The installed 2.8's two functions have
 * exactly these two behaviours.
 */
const installed = jest.requireActual<{
	sleep: (ms: number) => Promise<void>;
	sleepWithAbort: (ms: number, signal: AbortSignal) => Promise<void>;
}>('n8n-workflow');
async function sleep240(ms: number, abortSignal?: AbortSignal): Promise<void> {
	if (!abortSignal) return await installed.sleep(ms);
	return await installed.sleepWithAbort(ms, abortSignal);
}

const realSleep = sleep240;

/** Loads the harness, the simulator and the stream module against a replacement n8n-workflow. */
function loadWith(sleep: unknown): { harness: Harness; simulator: Simulator; stream: Stream } {
	const rest: Record<string, unknown> = { ...jest.requireActual<Record<string, unknown>>('n8n-workflow') };
	delete rest.sleepWithAbort;
	const module = { ...rest, sleep };
	let loaded: { harness: Harness; simulator: Simulator; stream: Stream } | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => module);
		loaded = {
			harness: jest.requireActual('./trigger-harness'),
			simulator: jest.requireActual('../../sandbox/zerocap'),
			stream: jest.requireActual('../../nodes/Zerocap/transport/stream'),
		};
	});
	jest.dontMock('n8n-workflow');
	return loaded as { harness: Harness; simulator: Simulator; stream: Stream };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await realSleep(5);
	}
}

const FAST = { reconnectDelay: 10, maxReconnectDelay: 100, pingInterval: 50 };

describe('Zerocap Trigger on n8n-workflow 2.40 (no sleepWithAbort)', () => {
	it('subscribes, delivers, pings and reconnects after a dropped connection', async () => {
		const sleep = jest.fn(sleep240);
		const { harness, simulator, stream } = loadWith(sleep);
		const sim = new simulator.ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
		await sim.listen();
		harness.useDefaultWebSocket();
		const run = await harness.activateTrigger(
			{ event: 'orderUpdated', options: FAST },
			{
				apiKey: simulator.SANDBOX_API_KEY,
				apiSecret: simulator.SANDBOX_API_SECRET,
				environment: 'custom',
				restBaseUrl: sim.restUrl,
				webSocketUrl: sim.wsUrl,
				signatureScheme: 'timestamp',
			},
		);
		const subscribed = () => [...sim.clients].filter((client) => client.orders).length;
		try {
			await until(() => subscribed() === 1, 'the subscription');
			const first = sim.addOrder({ symbol: 'USDT/AUD', side: 'sell', type: 'limit', amount: '10', price: '1.5' });
			await run.waitForItems(1);
			expect(run.items[0]).toMatchObject({ orderId: first.id, status: 'open' });

			expect(sim.dropAllConnections()).toBe(1);
			await until(() => subscribed() === 1 && sim.connectionCount === 1, 'a new subscription after the drop');
			sim.fillOrder(first.id);
			await run.waitForItems(2);
			expect(run.items[1]).toMatchObject({ orderId: first.id, status: 'closed' });
			expect(run.errors).toEqual([]);
			// The trigger's waits went through 2.40's sleep, with a signal.
			expect(sleep.mock.calls.some(([, signal]) => signal instanceof AbortSignal)).toBe(true);
		} finally {
			await run.close();
			stream.setWebSocketFactory(undefined);
			await until(() => sim.connectionCount === 0, 'the connection to close');
			await sim.close();
		}
	});

	it('reports a wait that fails unexpectedly through emitError and closes the stream', async () => {
		// Only the abortable form is broken (the harness and simulator sleep without a signal).
		const brokenSleep = jest.fn(async (ms: number, signal?: AbortSignal) => {
			if (signal) throw new TypeError('(0 , n8n_workflow_1.sleep) is not a function');
			await realSleep(ms);
		});
		const { harness, simulator, stream } = loadWith(brokenSleep);
		const sim = new simulator.ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
		await sim.listen();
		harness.useDefaultWebSocket();
		const credentials: IDataObject = {
			apiKey: simulator.SANDBOX_API_KEY,
			apiSecret: simulator.SANDBOX_API_SECRET,
			environment: 'custom',
			restBaseUrl: sim.restUrl,
			webSocketUrl: sim.wsUrl,
			signatureScheme: 'timestamp',
		};
		const run = await harness.activateTrigger({ event: 'orderUpdated', options: FAST }, credentials as never);
		try {
			const error = await run.waitForError();
			expect(error.message).toBe(
				'Zerocap Trigger stopped after an unexpected error: (0 , n8n_workflow_1.sleep) is not a function',
			);
			expect(run.errors).toHaveLength(1);
			// Stopped, not left half-alive: the socket is closed and nothing reconnects.
			await until(() => sim.connectionCount === 0, 'the connection to close');
			const withSignal = () => brokenSleep.mock.calls.filter(([, signal]) => signal).length;
			const calls = withSignal();
			expect(calls).toBeGreaterThan(0);
			await realSleep(100);
			expect(withSignal()).toBe(calls);
			expect(sim.connectionCount).toBe(0);

			// Manual mode ("Fetch Test Event") rejects instead of waiting for ever.
			const manual = await harness.runManualTrigger({ event: 'orderUpdated', options: FAST }, credentials as never);
			await expect(manual.data).rejects.toThrow('Zerocap Trigger stopped after an unexpected error');
			await manual.response.closeFunction?.();
		} finally {
			await run.close();
			stream.setWebSocketFactory(undefined);
			await sim.close();
		}
	});
});

/**
 * abortableSleep on both n8n-workflow APIs: 2.8 (sleepWithAbort(ms, signal); sleep(ms) ignores a
 * second argument) and 2.40 (no sleepWithAbort; sleep(ms, signal) rejects with the abort reason).
 * The 2.40 module is simulated by mocking n8n-workflow with 2.40's own sleep (copied from
 * @n8n/utils 2.40 dist/sleep.cjs).
 */
import * as realWorkflow from 'n8n-workflow';

type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<boolean>;

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

/** Loads nodes/shared/sleep against a replacement n8n-workflow module. */
function loadWith(moduleFactory: () => Record<string, unknown>): { abortableSleep: AbortableSleep; module: Record<string, unknown> } {
	let loaded: { abortableSleep: AbortableSleep } | undefined;
	const module = moduleFactory();
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => module);
		loaded = jest.requireActual<{ abortableSleep: AbortableSleep }>('../../nodes/shared/sleep');
	});
	jest.dontMock('n8n-workflow');
	return { abortableSleep: (loaded as { abortableSleep: AbortableSleep }).abortableSleep, module };
}

/** The 2.40 module: everything of 2.8 except sleepWithAbort, and 2.40's sleep. */
function workflow240(sleep: unknown = jest.fn(sleep240)): Record<string, unknown> {
	const rest: Record<string, unknown> = { ...jest.requireActual<Record<string, unknown>>('n8n-workflow') };
	delete rest.sleepWithAbort;
	return { ...rest, sleep };
}

describe('abortableSleep', () => {
	it('on n8n-workflow 2.8 (the installed one) uses sleepWithAbort: true after the time, false on abort', async () => {
		expect(typeof (realWorkflow as unknown as Record<string, unknown>).sleepWithAbort).toBe('function');
		const { abortableSleep } = jest.requireActual('../../nodes/shared/sleep') as { abortableSleep: AbortableSleep };
		expect(await abortableSleep(5, new AbortController().signal)).toBe(true);

		const controller = new AbortController();
		const waiting = abortableSleep(60_000, controller.signal);
		controller.abort();
		expect(await waiting).toBe(false);

		expect(await abortableSleep(60_000, controller.signal)).toBe(false); // already aborted
	});

	it('on n8n-workflow 2.8 a signal-less sleep is never used (it would ignore the abort)', async () => {
		const sleepWithAbort = jest.fn(async () => undefined);
		const sleep = jest.fn(async () => undefined);
		const { abortableSleep } = loadWith(() => ({ ...(jest.requireActual('n8n-workflow') as object), sleepWithAbort, sleep }));
		const signal = new AbortController().signal;
		expect(await abortableSleep(7, signal)).toBe(true);
		expect(sleepWithAbort).toHaveBeenCalledWith(7, signal);
		expect(sleep).not.toHaveBeenCalled();
	});

	it('on n8n-workflow 2.40 (no sleepWithAbort) passes the signal to sleep(ms, signal)', async () => {
		const { abortableSleep, module } = loadWith(() => workflow240());
		expect('sleepWithAbort' in module).toBe(false);
		const signal = new AbortController().signal;
		expect(await abortableSleep(5, signal)).toBe(true);
		expect(module.sleep).toHaveBeenCalledWith(5, signal);

		const controller = new AbortController();
		const waiting = abortableSleep(60_000, controller.signal);
		controller.abort(new Error('trigger closed'));
		expect(await waiting).toBe(false);
		expect(await abortableSleep(60_000, controller.signal)).toBe(false);
	});

	it('ends the wait on abort even where sleep ignores the signal', async () => {
		const { abortableSleep } = loadWith(() => workflow240(async () => await new Promise(() => undefined)));
		const controller = new AbortController();
		const waiting = abortableSleep(60_000, controller.signal);
		controller.abort();
		expect(await waiting).toBe(false);
	});

	it('throws what a broken sleep throws instead of reporting an abort', async () => {
		const { abortableSleep } = loadWith(() =>
			workflow240(() => {
				throw new TypeError('(0 , n8n_workflow_1.sleep) is not a function');
			}),
		);
		await expect(abortableSleep(5, new AbortController().signal)).rejects.toThrow(TypeError);

		const none = loadWith(() => ({ ...workflow240(), sleep: undefined }));
		await expect(none.abortableSleep(5, new AbortController().signal)).rejects.toThrow(
			'n8n-workflow exports neither sleepWithAbort nor sleep',
		);
	});
});

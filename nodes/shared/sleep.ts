import * as workflow from 'n8n-workflow';

/**
 * A wait that an AbortSignal can end early, on every n8n-workflow this package supports.
 *
 * n8n-workflow up to 2.3x exports `sleepWithAbort(ms, signal)` (rejects on abort), and its
 * `sleep(ms)` ignores a second argument. n8n-workflow 2.40 removed `sleepWithAbort`; there
 * `sleep(ms, signal)` takes the signal. Importing a name that one version lacks compiles, but
 * fails at run time with "(0 , n8n_workflow_1.sleepWithAbort) is not a function", so the helper
 * looks the function up on the module object when it is called.
 */
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

function sleepFunction(): Sleep {
	const module = workflow as unknown as { sleepWithAbort?: unknown; sleep?: unknown };
	if (typeof module.sleepWithAbort === 'function') return module.sleepWithAbort as Sleep;
	// Without sleepWithAbort, sleep(ms, signal) is the abortable form (n8n-workflow 2.40+).
	if (typeof module.sleep === 'function') return module.sleep as Sleep;
	throw new TypeError('n8n-workflow exports neither sleepWithAbort nor sleep');
}

/**
 * Waits `ms` milliseconds, or less when `signal` aborts. Resolves true when the time passed and
 * false when the signal aborted (before or during the wait). Any other failure is thrown, so a
 * caller never mistakes a broken wait for an abort.
 */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
	if (signal.aborted) return false;
	const run = sleepFunction();
	let onAbort: () => void = () => undefined;
	// Ends the wait on abort even where the sleep ignores the signal.
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	// A sleep that throws at once (not a function, say) rejects this promise instead of escaping.
	const slept = new Promise<void>((resolve, reject) => {
		run(Math.max(0, ms), signal).then(resolve, reject);
	});
	let failure: { error: unknown } | undefined;
	await Promise.race([slept, aborted]).catch((error: unknown) => {
		if (!signal.aborted) failure = { error };
	});
	signal.removeEventListener('abort', onAbort);
	if (failure) throw failure.error;
	// A sleep that resolves (instead of rejecting) on abort still reports the abort.
	return !signal.aborted;
}

'use strict';
/**
 * Runtime probes for the Zerocap Trigger tests, in plain JavaScript because they touch Node's
 * globals and process, which the TypeScript lint keeps out of .ts files.
 */

/**
 * Runs `fn` with the global WebSocket removed (as on Node.js 20 without --experimental-websocket),
 * then puts it back.
 * @template T @param {() => Promise<T>} fn @returns {Promise<T>}
 */
async function withoutGlobalWebSocket(fn) {
	const had = Object.prototype.hasOwnProperty.call(globalThis, 'WebSocket');
	const saved = globalThis.WebSocket;
	delete globalThis.WebSocket;
	try {
		return await fn();
	} finally {
		if (had) globalThis.WebSocket = saved;
	}
}

/** Number of pending timers (setTimeout / setInterval) in this process. */
function activeTimerCount() {
	return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

/** Milliseconds from a monotonic clock, for benchmarks. */
function nowMs() {
	return Number(process.hrtime.bigint()) / 1e6;
}

module.exports = { withoutGlobalWebSocket, activeTimerCount, nowMs };

'use strict';
/**
 * A small HTTP framework for the API simulators: routing, JSON bodies, a request log and fault
 * injection. It imports nothing from nodes/ or credentials/, so a bug shared with the node code
 * cannot hide a mismatch with the documented API.
 *
 * Simulators are plain JavaScript: they are development tools, never shipped, and they need
 * Node's http module and timers, which the community-node rules reserve for tooling.
 */
const { createServer } = require('node:http');

/**
 * @typedef {object} SimRequest
 * @property {string} method
 * @property {string} path Path without the query string.
 * @property {string} rawQuery The raw query string without '?', exactly as sent.
 * @property {URLSearchParams} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} rawBody
 * @property {any} body Parsed JSON body, or undefined.
 * @property {Record<string, string>} params
 *
 * @typedef {object} SimResponse
 * @property {number} status
 * @property {any} [body]
 * @property {string} [text] Sent as is instead of JSON.
 * @property {Record<string, string>} [headers]
 *
 * @typedef {SimResponse | 'drop'} SimResult A handler may answer, or drop the connection.
 * @typedef {(request: SimRequest) => SimResult | Promise<SimResult>} Handler
 *
 * @typedef {object} Fault
 * @property {'status' | 'slow' | 'drop' | 'dropAfter' | 'nonjson' | 'truncated'} type "dropAfter" runs the
 *   request (the server executes it) and then closes the connection without an answer: a lost answer.
 *   "truncated" runs the request and answers 200 with the first half of its JSON body.
 *   "nonjson" answers an HTML page (`text` replaces the default short one) without running the request.
 * @property {number} [status] For "status": the status to answer with (default 500).
 * @property {number} [delayMs] For "slow": delay before the normal answer (default 2000 ms).
 * @property {string} [method] Only requests with this method.
 * @property {string} [path] Only requests whose path matches this regular expression.
 * @property {number} [times] How many requests it affects (default 1; 0 = until cleared).
 * @property {any} [body] For "status": the body to answer with.
 * @property {string} [text] For "nonjson": the page to answer with.
 * @property {Record<string, string>} [headers]
 */

const MAX_LOG = 5000;

class Simulator {
	/** @param {string} name */
	constructor(name) {
		this.name = name;
		/** @type {Array<{ method: string, pattern: RegExp, keys: string[], handler: Handler }>} */
		this.routes = [];
		/** @type {Array<Fault & { remaining: number }>} */
		this.faults = [];
		/** @type {Array<{ method: string, path: string, rawQuery: string, headers: object, rawBody: string, status: number | 'dropped', at: number }>} */
		this.requests = [];
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		/** @type {(() => void) | undefined} Called by reset(). */
		this.onReset = undefined;
		/** Delay before every answer (not the /__sandbox/ routes): a network's round trip, for benchmarks. */
		this.latencyMs = 0;
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.route('POST', '/__sandbox/faults', ({ body }) => {
			this.injectFault(body);
			return { status: 200, body: { ok: true, faults: this.faults.length } };
		});
		this.route('DELETE', '/__sandbox/faults', () => {
			this.clearFaults();
			return { status: 200, body: { ok: true } };
		});
		this.route('POST', '/__sandbox/latency', ({ body }) => {
			this.setLatency(body?.ms);
			return { status: 200, body: { ok: true, latencyMs: this.latencyMs } };
		});
		this.route('GET', '/__sandbox/requests', () => ({ status: 200, body: this.requests }));
		this.route('POST', '/__sandbox/reset', () => {
			this.reset();
			return { status: 200, body: { ok: true } };
		});
	}

	/**
	 * Registers a route; `:name` segments become params.
	 * @param {string} method @param {string} path @param {Handler} handler
	 */
	route(method, path, handler) {
		/** @type {string[]} */
		const keys = [];
		const source = path
			.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
			.replace(/\/:([A-Za-z_]+)/g, (_match, key) => {
				keys.push(key);
				return '/([^/]+)';
			});
		this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), keys, handler });
		return this;
	}

	/** @param {Fault} fault */
	injectFault(fault) {
		const times = fault.times ?? 1;
		this.faults.push({ ...fault, remaining: times === 0 ? Number.POSITIVE_INFINITY : times });
	}

	clearFaults() {
		this.faults = [];
	}

	/** Delays every answer by `ms` (0 to 10,000; 0 switches it off). reset() leaves it as it is. @param {unknown} ms */
	setLatency(ms) {
		if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 10000) {
			throw new Error('latency: ms must be a whole number from 0 to 10000');
		}
		this.latencyMs = ms;
	}

	reset() {
		this.clearFaults();
		this.requests.length = 0;
		if (this.onReset) this.onReset();
	}

	/** @param {number} [port] @param {string} [host] @returns {Promise<string>} the base URL */
	async listen(port = 0, host = '127.0.0.1') {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => resolve(undefined));
		});
		return this.url;
	}

	get url() {
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		return `http://127.0.0.1:${address.port}`;
	}

	async close() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	/** @param {string} method @param {string} path */
	takeFault(method, path) {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === method) &&
				(!fault.path || new RegExp(fault.path).test(path)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async handle(req, res) {
		const rawBody = await readBody(req);
		const url = req.url ?? '/';
		const questionMark = url.indexOf('?');
		const path = questionMark === -1 ? url : url.slice(0, questionMark);
		const rawQuery = questionMark === -1 ? '' : url.slice(questionMark + 1);
		const method = (req.method ?? 'GET').toUpperCase();
		const isAdmin = path.startsWith('/__sandbox/');
		/** @type {any} */
		const log = isAdmin
			? undefined
			: { method, path, rawQuery, headers: req.headers, rawBody, status: 0, at: Date.now() };
		if (log) {
			this.requests.push(log);
			if (this.requests.length > MAX_LOG) this.requests.splice(0, this.requests.length - MAX_LOG);
		}

		/** @type {SimResult} */
		let result;
		const fault = isAdmin ? undefined : this.takeFault(method, path);
		if (fault?.type === 'drop') {
			result = 'drop';
		} else if (fault?.type === 'status') {
			const status = fault.status ?? 500;
			result = { status, body: fault.body ?? { error: `injected ${status}` }, headers: fault.headers };
		} else if (fault?.type === 'nonjson') {
			result = {
				status: fault.status ?? 200,
				text: fault.text ?? '<html><body>502 Bad Gateway</body></html>',
				headers: { 'content-type': 'text/html' },
			};
		} else {
			if (fault?.type === 'slow') await delay(fault.delayMs ?? 2000);
			result = await this.dispatch(method, path, rawQuery, req, rawBody);
			if (fault?.type === 'dropAfter') result = 'drop';
			if (fault?.type === 'truncated' && result !== 'drop') {
				const whole = result.text ?? JSON.stringify(result.body ?? {});
				result = {
					status: 200,
					text: whole.slice(0, Math.max(1, Math.floor(whole.length / 2))),
					headers: { 'content-type': 'application/json; charset=utf-8' },
				};
			}
		}

		if (!isAdmin && this.latencyMs > 0) await delay(this.latencyMs);
		if (result === 'drop') {
			if (log) log.status = 'dropped';
			req.socket.destroy();
			return;
		}
		if (log) log.status = result.status;
		/** @type {Record<string, string>} */
		const headers = { ...(result.headers ?? {}) };
		let payload = '';
		if (result.text !== undefined) {
			payload = result.text;
			headers['content-type'] ??= 'text/plain; charset=utf-8';
		} else if (result.body !== undefined) {
			payload = JSON.stringify(result.body);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		res.writeHead(result.status, headers);
		res.end(payload);
	}

	/**
	 * @param {string} method @param {string} path @param {string} rawQuery
	 * @param {import('node:http').IncomingMessage} req @param {string} rawBody
	 * @returns {Promise<SimResult>}
	 */
	async dispatch(method, path, rawQuery, req, rawBody) {
		let pathMatched = false;
		for (const route of this.routes) {
			const match = route.pattern.exec(path);
			if (!match) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			/** @type {Record<string, string>} */
			const params = {};
			route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1])));
			let body;
			if (rawBody !== '') {
				try {
					body = JSON.parse(rawBody);
				} catch {
					body = undefined;
				}
			}
			try {
				return await route.handler({
					method,
					path,
					rawQuery,
					query: new URLSearchParams(rawQuery),
					headers: req.headers,
					rawBody,
					body,
					params,
				});
			} catch (error) {
				return { status: 500, body: { error: `simulator error: ${/** @type {Error} */ (error).message}` } };
			}
		}
		return pathMatched
			? { status: 405, body: { error: 'method not allowed' } }
			: { status: 404, body: { error: 'not found' } };
	}
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/** @param {number} ms */
function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { Simulator, delay };

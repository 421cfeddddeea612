'use strict';
/**
 * Runs an n8n host: its CLI (import, execute, publish) and `n8n start`, each with an isolated user
 * folder (the package installed in its .n8n/nodes/, or in N8N_CUSTOM_EXTENSIONS) and everything
 * that phones home off.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');

/**
 * @typedef {object} InstanceOptions
 * @property {string} bin path of n8n's bin/n8n
 * @property {string} [node] the Node.js binary that runs it (default: this one)
 * @property {boolean} [webSocketFlag] start Node.js with --experimental-websocket (Node.js 20)
 * @property {string} userFolder N8N_USER_FOLDER
 * @property {string} [extensionsDir] N8N_CUSTOM_EXTENSIONS, when the package is loaded from there
 * @property {number} port the editor and REST port
 * @property {number} brokerPort the task broker port of `n8n start`
 * @property {number} [cliBrokerPort] the task broker port of CLI commands (default brokerPort + 1)
 * @property {string} logFile where `n8n start` output goes
 * @property {string} [listenAddress]
 */

class N8nInstance {
	/** @param {InstanceOptions} options */
	constructor(options) {
		this.options = options;
		/** @type {import('node:child_process').ChildProcess | undefined} */
		this.process = undefined;
		this.output = '';
		/** Output of the CLI runs that succeeded, for the log check. */
		this.cliOutput = '';
		this.url = `http://localhost:${options.port}`;
		fs.mkdirSync(options.userFolder, { recursive: true });
	}

	/** @param {Record<string, string>} [extra] */
	env(extra = {}) {
		// Node 20 has WebSocket only behind this flag (the Zerocap Trigger needs it); Node 24 has it built in.
		const nodeOptions = [
			...(process.env.NODE_OPTIONS ?? '').split(' ').filter((option) => option && option !== '--experimental-websocket'),
			...(this.options.webSocketFlag ? ['--experimental-websocket'] : []),
		].join(' ');
		/** @type {Record<string, string | undefined>} */
		const env = { ...process.env };
		for (const key of Object.keys(env)) {
			if (/^npm_(config|package|lifecycle)_/i.test(key)) delete env[key];
		}
		delete env.N8N_CUSTOM_EXTENSIONS;
		return {
			...env,
			NODE_OPTIONS: nodeOptions,
			NODE_NO_WARNINGS: '1',
			N8N_USER_FOLDER: this.options.userFolder,
			...(this.options.extensionsDir ? { N8N_CUSTOM_EXTENSIONS: this.options.extensionsDir } : {}),
			// Unverified community packages are on by default in 2.x and off in n8n v3.
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_PORT: String(this.options.port),
			N8N_LISTEN_ADDRESS: this.options.listenAddress ?? '::',
			N8N_RUNNERS_BROKER_PORT: String(this.options.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			...extra,
		};
	}

	/**
	 * Runs an n8n CLI command to its end.
	 * @param {string[]} args
	 * @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
	 * @returns {Promise<{ status: number | null, stdout: string, stderr: string, ms: number }>}
	 */
	cli(args, options = {}) {
		const started = Date.now();
		return new Promise((resolve, reject) => {
			const child = spawn(this.options.node ?? process.execPath, [this.options.bin, ...args], {
				env: this.env({
					// A CLI run must not clash with the broker of a running `n8n start`.
					N8N_RUNNERS_BROKER_PORT: String(this.options.cliBrokerPort ?? this.options.brokerPort + 1),
					// --rawOutput prints plain JSON only at this level (debug logs it with colours).
					N8N_LOG_LEVEL: 'info',
					NO_COLOR: '1',
					...(options.env ?? {}),
				}),
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				stderr += `\n(killed after ${options.timeoutMs} ms)`;
			}, options.timeoutMs ?? 120000);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (status) => {
				clearTimeout(timer);
				if (status === 0) this.cliOutput += `${stdout}\n${stderr}\n`;
				resolve({ status, stdout, stderr, ms: Date.now() - started });
			});
		});
	}

	/** Runs a CLI command and throws with its output when it fails. @param {string[]} args */
	async cliOk(args) {
		const result = await this.cli(args);
		if (result.status !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	/**
	 * Starts `n8n start` and waits until the editor answers.
	 * @param {{ inherit?: boolean, timeoutMs?: number }} [options] inherit: also show n8n's output
	 */
	async start(options = {}) {
		fs.mkdirSync(path.dirname(this.options.logFile), { recursive: true });
		const log = fs.createWriteStream(this.options.logFile);
		const child = spawn(this.options.node ?? process.execPath, [this.options.bin, 'start'], {
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.process = child;
		/** @param {Buffer} chunk */
		const onData = (chunk) => {
			this.output += chunk.toString();
			log.write(chunk);
			if (options.inherit) process.stdout.write(chunk);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		this.exited.then(() => log.end());

		const deadline = Date.now() + (options.timeoutMs ?? 180000);
		let done = false;
		this.exited.then(() => (done = true));
		while (Date.now() < deadline) {
			if (done) throw new Error(`n8n start exited early; see ${this.options.logFile}\n${this.output.slice(-3000)}`);
			try {
				const response = await fetch(`${this.url}/healthz/readiness`);
				if (response.ok && /Editor is now accessible/.test(this.output)) return;
			} catch {
				// not listening yet
			}
			await delay(500);
		}
		throw new Error(`n8n did not become ready in time; see ${this.options.logFile}`);
	}

	/** Stops `n8n start` (SIGTERM, then SIGKILL after a grace period). */
	async stop() {
		const child = this.process;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const killer = setTimeout(() => child.kill('SIGKILL'), 20000);
		await this.exited;
		clearTimeout(killer);
	}
}

/** A small client of n8n's internal REST API with the session cookie of one user. */
class RestClient {
	/** @param {string} baseUrl */
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
		// The auth cookie is bound to the browser ID sent with it.
		this.browserId = randomUUID();
	}

	/**
	 * @param {string} method @param {string} urlPath @param {unknown} [body]
	 * @returns {Promise<{ status: number, body: any }>}
	 */
	async request(method, urlPath, body) {
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		for (const line of setCookie) {
			const auth = /^(n8n-auth=[^;]*)/.exec(line);
			if (auth) this.cookie = auth[1];
		}
		const text = await response.text();
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		return { status: response.status, body: parsed };
	}

	/** @param {string} method @param {string} urlPath @param {unknown} [body] */
	async ok(method, urlPath, body) {
		const result = await this.request(method, urlPath, body);
		if (result.status >= 400) {
			throw new Error(`${method} ${urlPath} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
		}
		return result.body?.data ?? result.body;
	}

	/** Whether the instance still asks for its owner account. */
	async needsOwnerSetup() {
		const settings = await this.ok('GET', '/rest/settings');
		return Boolean(settings.userManagement?.showSetupOnFirstLoad);
	}

	/** @param {{ email: string, password: string, firstName: string, lastName: string }} owner */
	async setupOwner(owner) {
		return await this.ok('POST', '/rest/owner/setup', owner);
	}

	/** @param {string} email @param {string} password */
	async login(email, password) {
		return await this.ok('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}
}

/** @param {number} ms */
function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Finds the JSON document that `n8n execute --rawOutput` prints among its log lines (some come
 * before it, and a late one can follow it). The document starts with "{" and ends with "}", each
 * alone on a line.
 * @param {string} stdout
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end] !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

module.exports = { N8nInstance, RestClient, delay, parseRawOutput };

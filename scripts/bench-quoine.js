#!/usr/bin/env node
'use strict';
/**
 * Quoine benchmark: N items through Product → Get in n8n-core's engine (WorkflowExecute, the
 * same harness the tests use) against a plain loop sending the same HTTP requests with Node's
 * http module, both against the simulator on loopback. A second pair does the same for a signed
 * call (Account → Get Main Asset), the loop signing its own X-Quoine-Auth JWT with node:crypto.
 *
 * The simulator runs in a child process with its rate limit off, so its work is not counted in
 * this process's time or memory. The node's own pacing is switched off the same way
 * (Requests per 5 Minutes = 0).
 *
 * Also the engine with Concurrency 1, so that it sends in the same order as the loop: the ratio
 * of that run to the request helper loop is what the engine itself costs (target ≤ 1.1).
 *
 *   npx tsx scripts/bench-quoine.js [items]      (or: npm run bench -- quoine)
 */
const http = require('node:http');
const { createHmac } = require('node:crypto');
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const { runWorkflow } = require('../test/helpers/engine.ts');
const { QuoineApi } = require('../credentials/QuoineApi.credentials.ts');
// n8n-core's request helper, which httpRequestWithAuthentication ends in: a baseline that has
// n8n's HTTP stack but not the engine, the node or its item loop.
const { httpRequest } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions.js');

const { round, stats, writeResult } = require('./bench-lib');

const QUICK = process.env.BENCH_QUICK === '1';
const ITEMS = Number(process.argv[2] ?? (QUICK ? 300 : 1000));
const ROUNDS = QUICK ? 3 : 5;
const TOKEN_ID = 'sandbox-token';
const SECRET = 'sandbox-secret';
// The loop signs with its own token: nonces must increase per token, and the node's counter and
// this script's are separate.
const LOOP_TOKEN_ID = 'bench-loop-token';
const LOOP_SECRET = 'bench-loop-secret';

function startSimulator() {
	const code = `
		const { QuoineSimulator } = require(${JSON.stringify(join(__dirname, '..', 'sandbox', 'quoine'))});
		const sim = new QuoineSimulator({ rateLimit: false });
		sim.addToken(${JSON.stringify(LOOP_TOKEN_ID)}, ${JSON.stringify(LOOP_SECRET)});
		sim.listen(0, '127.0.0.1').then((url) => process.stdout.write(url + '\\n'));
		process.on('message', () => sim.close().then(() => process.exit(0)));
	`;
	const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
	return new Promise((resolve, reject) => {
		let text = '';
		child.stdout.on('data', (chunk) => {
			text += chunk;
			const line = text.split('\n')[0];
			if (text.includes('\n')) resolve({ url: line.trim(), stop: () => child.send('stop') });
		});
		child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
}

/** Samples RSS every 20 ms while `fn` runs; returns its result, the time and the peak. */
async function measure(fn) {
	if (global.gc) global.gc();
	let peak = process.memoryUsage().rss;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 20);
	const start = process.hrtime.bigint();
	try {
		const result = await fn();
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, ms, peak };
	} finally {
		clearInterval(timer);
	}
}

function base64url(text) {
	return Buffer.from(text).toString('base64url');
}

let lastNonce = 0;
function jwt(path) {
	lastNonce = Math.max(Date.now(), lastNonce + 1);
	const input = `${base64url('{"typ":"JWT","alg":"HS256"}')}.${base64url(
		JSON.stringify({ path, nonce: lastNonce, token_id: LOOP_TOKEN_ID }),
	)}`;
	return `${input}.${createHmac('sha256', LOOP_SECRET).update(input).digest('base64url')}`;
}

/** n8n's request helper opens a new connection per request (Connection: close); so does this agent. */
const closeAgent = new http.Agent({ keepAlive: false });
/** For reference: one kept-alive connection per run, which n8n's helper does not use. */
const keepAliveAgent = 'keep-alive';

function get(baseUrl, path, signed, agent) {
	const headers = {
		Accept: 'application/json',
		'User-Agent': 'n8n-nodes-crypto-suite',
		'X-Quoine-API-Version': '2',
	};
	if (signed) headers['X-Quoine-Auth'] = jwt(path);
	return new Promise((resolve, reject) => {
		const request = http.request(`${baseUrl}${path}`, { method: 'GET', headers, agent }, (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => {
				if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}`));
				else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			});
		});
		request.on('error', reject);
		request.end();
	});
}

async function plainLoop(baseUrl, items, path, signed, mode = 'close') {
	// A fresh keep-alive agent per run: a socket left idle between runs may be closed by the server.
	const agent = mode === keepAliveAgent ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : closeAgent;
	const out = [];
	try {
		for (let i = 0; i < items; i++) out.push({ json: await get(baseUrl, path, signed, agent) });
	} finally {
		if (agent !== closeAgent) agent.destroy();
	}
	return out;
}

const credentialType = new QuoineApi();

async function helperLoop(baseUrl, items, path, signed) {
	const credentials = { apiTokenId: TOKEN_ID, apiSecret: SECRET, exchange: 'custom', baseUrl };
	const out = [];
	for (let i = 0; i < items; i++) {
		const headers = { 'User-Agent': 'n8n-nodes-crypto-suite' };
		if (!signed) headers['x-n8n-quoine-public'] = '1';
		const options = await credentialType.authenticate(credentials, { method: 'GET', url: path, headers });
		const response = await httpRequest({ ...options, json: true, returnFullResponse: true, ignoreHttpStatusErrors: true });
		if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
		out.push({ json: response.body });
	}
	return out;
}

async function engineRun(baseUrl, items, parameters, concurrency) {
	const requestOptions = { requestsPerWindow: 0, ...(concurrency ? { concurrency } : {}) };
	const run = await runWorkflow({
		nodes: [{ name: 'Quoine', type: 'quoine', parameters: { ...parameters, requestOptions } }],
		credentials: {
			quoineApi: { apiTokenId: TOKEN_ID, apiSecret: SECRET, exchange: 'custom', baseUrl, vendorId: '', language: '' },
		},
		input: Array.from({ length: items }, (_, index) => ({ index })),
	});
	if (run.error) throw run.error;
	const output = run.output('Quoine');
	if (output.length !== items) throw new Error(`expected ${items} items, got ${output.length}`);
	return output;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function pair(baseUrl, label, parameters, path, signed) {
	const variants = {
		engine: () => engineRun(baseUrl, ITEMS, parameters),
		// Signed calls run one at a time whatever the Concurrency says: the default run is that already.
		...(signed ? {} : { engineSequential: () => engineRun(baseUrl, ITEMS, parameters, 1) }),
		helper: () => helperLoop(baseUrl, ITEMS, path, signed),
		plain: () => plainLoop(baseUrl, ITEMS, path, signed),
		keepAlive: () => plainLoop(baseUrl, ITEMS, path, signed, keepAliveAgent),
	};
	// Warm-up: JIT, sockets, module loading.
	await engineRun(baseUrl, 200, parameters);
	await helperLoop(baseUrl, 200, path, signed);
	await plainLoop(baseUrl, 200, path, signed);
	await plainLoop(baseUrl, 200, path, signed, keepAliveAgent);
	const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
	// Interleaved rounds, so a busy moment on the machine hits every variant alike.
	for (let r = 0; r < ROUNDS; r++) {
		for (const [name, run] of Object.entries(variants)) samples[name].push(await measure(run));
	}
	if (!samples.engineSequential) samples.engineSequential = samples.engine;
	const result = { label, samples };
	for (const [name, list] of Object.entries(samples)) {
		result[name] = { ms: median(list.map((m) => m.ms)), peak: Math.max(...list.map((m) => m.peak)) };
	}
	return result;
}

async function main() {
	const sim = await startSimulator();
	try {
		const results = [
			await pair(
				sim.url,
				'Product → Get (public)',
				{ resource: 'product', operation: 'get', productId: { __rl: true, mode: 'id', value: '1' } },
				'/products/1',
				false,
			),
			await pair(sim.url, 'Account → Get Main Asset (signed)', { resource: 'account', operation: 'getMainAsset' }, '/accounts/main_asset', true),
		];
		process.stdout.write(
			`Quoine: ${ITEMS} items, median of ${ROUNDS} rounds, simulator in a child process on loopback, Node ${process.version}\n\n`,
		);
		const perItem = (ms) => `${ms.toFixed(0)} ms (${((ms * 1000) / ITEMS).toFixed(0)} µs/item)`;
		process.stdout.write(
			'| operation | n8n engine | plain loop, same requests (new connection each, as n8n) | ratio | n8n-core request helper loop | ratio | plain loop, keep-alive | ratio | peak RSS engine | peak RSS plain loop |\n|---|---|---|---|---|---|---|---|---|---|\n',
		);
		for (const r of results) {
			const ratio = (other) => (r.engine.ms / other.ms).toFixed(2);
			process.stdout.write(
				`| ${r.label} | ${perItem(r.engine.ms)} | ${perItem(r.plain.ms)} | ${ratio(r.plain)} | ${perItem(r.helper.ms)} | ${ratio(r.helper)} | ${perItem(r.keepAlive.ms)} | ${ratio(r.keepAlive)} | ${mb(r.engine.peak)} | ${mb(r.plain.peak)} |\n`,
			);
		}
		// Ratios per round (the variants of a round ran back to back), then their median and spread.
		const ratioStats = (r, a, b) => stats(r.samples[a].map((m, i) => round(m.ms / r.samples[b][i].ms, 3)));
		const msStats = (r, name) => stats(r.samples[name].map((m) => round(m.ms, 0)));
		writeResult('quoine', {
			items: ITEMS,
			rounds: ROUNDS,
			operations: results.map((r) => ({
				label: r.label,
				engineMs: msStats(r, 'engine'),
				engineSequentialMs: msStats(r, 'engineSequential'),
				helperMs: msStats(r, 'helper'),
				plainMs: msStats(r, 'plain'),
				keepAliveMs: msStats(r, 'keepAlive'),
				ratioSequential: ratioStats(r, 'engineSequential', 'helper'),
				ratioDefault: ratioStats(r, 'engine', 'helper'),
				ratioPlain: ratioStats(r, 'engineSequential', 'plain'),
				enginePeakMb: Math.round(r.engine.peak / 1024 / 1024),
			})),
		});
		for (const r of results) {
			const ratio = ratioStats(r, 'engineSequential', 'helper');
			process.stdout.write(
				`${r.label}: engine at Concurrency 1 / request helper loop = ${ratio.median.toFixed(2)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}), target ≤ 1.1\n`,
			);
		}
		const worst = Math.max(...results.map((r) => r.engine.ms / r.plain.ms));
		process.stdout.write(
			`\nTarget ratio ≤ 1.3 against the plain loop of the same requests: ${worst <= 1.3 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}). Load average at the end: ${require('node:os').loadavg().map((l) => l.toFixed(1)).join(' ')}\n`,
		);
	} finally {
		sim.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);

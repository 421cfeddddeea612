#!/usr/bin/env node
'use strict';
/**
 * Small figures of the package, each the median of several interleaved runs:
 *
 * - signing cost per request of every credential (its `authenticate`, as n8n calls it for each
 *   request), with the credential's own key types;
 * - cold load time of the package's built modules (dist/, what n8n loads) in a fresh Node.js
 *   process that has already loaded n8n-workflow;
 * - packed size (`npm pack --dry-run --json`);
 * - peak memory of one node run over 10,000 items (Wallet Service Wallet → Get Many in n8n-core's
 *   engine against the simulator in a child process), in a fresh process each time.
 *
 *   npm run bench -- misc [quick]      (needs dist/: npm run build)
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { quick, round, stats, writeResult } = require('./bench-lib');

const ROOT = path.resolve(__dirname, '..');
const QUICK = quick();

/** Runs `fn` `count` times and returns µs per call. */
async function perCall(fn, count) {
	const start = process.hrtime.bigint();
	for (let i = 0; i < count; i++) await fn();
	return Number(process.hrtime.bigint() - start) / 1e3 / count;
}

async function signingCosts() {
	const { WalletServiceApi } = require('../credentials/WalletServiceApi.credentials.ts');
	const { QuoineApi } = require('../credentials/QuoineApi.credentials.ts');
	const { ZerocapApi } = require('../credentials/ZerocapApi.credentials.ts');
	const { CoinViewApi } = require('../credentials/CoinViewApi.credentials.ts');
	const { CryptoCoinApi } = require('../credentials/CryptoCoinApi.credentials.ts');
	const { sandboxAuthority } = require('../sandbox/wallet-service');
	const coinview = require('../test/coinview/fixtures.ts');

	const request = (extra = {}) => ({ method: 'GET', url: '/me', headers: {}, ...extra });
	const walletConfig = JSON.stringify({ ...sandboxAuthority.client_config, api_base_url: 'http://wallet.test' });
	/** @type {Array<{ id: string, label: string, run: () => Promise<unknown> }>} */
	const cases = [
		{
			id: 'walletServiceApi',
			label: 'Wallet Service: ES256 JWT (signed once per configuration, then reused)',
			run: () => new WalletServiceApi().authenticate({ authorityConfigSecret: walletConfig, baseUrl: '' }, request()),
		},
		{
			id: 'walletServiceApiFresh',
			label: 'Wallet Service: ES256 JWT signed anew (a new configuration each time)',
			run: (() => {
				const credential = new WalletServiceApi();
				let n = 0;
				return () =>
					credential.authenticate(
						{ authorityConfigSecret: JSON.stringify({ ...JSON.parse(walletConfig), api_base_url: `http://wallet${n++}.test` }), baseUrl: '' },
						request(),
					);
			})(),
		},
		{
			id: 'quoineApi',
			label: 'Quoine: HS256 JWT with path, nonce and token ID',
			run: () =>
				new QuoineApi().authenticate(
					{ apiTokenId: '123', apiSecret: 'secret', exchange: 'custom', baseUrl: 'http://quoine.test', vendorId: '', language: '' },
					request({ url: '/accounts/main_asset' }),
				),
		},
		{
			id: 'zerocapApi',
			label: 'Zerocap: HMAC-SHA256 of the Unix time',
			run: () =>
				new ZerocapApi().authenticate(
					{ apiKey: 'key', apiSecret: 'secret', environment: 'custom', restBaseUrl: 'http://zerocap.test/v2', webSocketUrl: 'ws://zerocap.test/v2', signatureScheme: 'timestamp' },
					request(),
				),
		},
		{
			id: 'coinViewApiEd25519',
			label: 'CoinView: Ed25519 signed JWT over method, URI and body hash',
			run: () => new CoinViewApi().authenticate(coinview.edCredentials, request({ url: '/me' })),
		},
		{
			id: 'coinViewApiRsa',
			label: 'CoinView: RS512 signed JWT (RSA key)',
			run: () => new CoinViewApi().authenticate(coinview.rsaCredentials, request({ url: '/me' })),
		},
		{
			id: 'cryptoCoinApi',
			label: 'CryptoCoin.pro: Bearer token from the login (no signature per request)',
			run: (() => {
				const { TOKEN_FIELD, TOKEN_FOR_FIELD, TOKEN_USER_FIELD, sessionFor } = require('../nodes/CryptoCoin/transport/auth.ts');
				const credentials = { environment: 'custom', baseUrl: 'http://cryptocoin.test', authType: 'user', email: 'a@b.test', password: 'x' };
				// What n8n holds after the credential's preAuthentication logged in.
				Object.assign(credentials, { [TOKEN_FIELD]: 'token-from-login', [TOKEN_USER_FIELD]: '42', [TOKEN_FOR_FIELD]: sessionFor(credentials) });
				return () => new CryptoCoinApi().authenticate(credentials, request({ url: '/user/{user}' }));
			})(),
		},
	];
	const count = QUICK ? 300 : 2000;
	const rounds = 5;
	/** @type {Record<string, number[]>} */
	const samples = {};
	/** @type {Record<string, string>} */
	const failures = {};
	for (const entry of cases) {
		try {
			await entry.run();
			samples[entry.id] = [];
		} catch (error) {
			failures[entry.id] = /** @type {Error} */ (error).message;
		}
	}
	for (let r = 0; r < rounds; r++) {
		for (const entry of cases) {
			if (samples[entry.id]) samples[entry.id].push(await perCall(entry.run, count));
		}
	}
	return cases.map((entry) =>
		samples[entry.id]
			? { id: entry.id, label: entry.label, microsecondsPerRequest: stats(samples[entry.id].map((us) => round(us, 1))), calls: count }
			: { id: entry.id, label: entry.label, error: failures[entry.id] },
	);
}

/** The package's node and credential files as package.json lists them (dist/). */
function packageModules() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return [...pkg.n8n.credentials, ...pkg.n8n.nodes].map((file) => path.join(ROOT, file));
}

/** Cold load: a fresh process loads n8n-workflow, then the package's modules; only the latter is timed. */
function coldLoad() {
	const modules = packageModules();
	const missing = modules.filter((file) => !fs.existsSync(file));
	if (missing.length) throw new Error(`not built: ${missing.map((file) => path.relative(ROOT, file)).join(', ')} (run npm run build)`);
	const code = `
		require('n8n-workflow');
		const files = ${JSON.stringify(modules)};
		const start = process.hrtime.bigint();
		for (const file of files) require(file);
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		process.stdout.write(JSON.stringify({ ms, zod: Object.keys(require.cache).some((key) => key.includes('/zod/')) }));
	`;
	const runs = [];
	let zod = false;
	for (let i = 0; i < (QUICK ? 3 : 7); i++) {
		const result = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`cold load failed: ${result.stderr}`);
		const parsed = JSON.parse(result.stdout);
		runs.push(parsed.ms);
		zod = parsed.zod;
	}
	return { modules: modules.length, ms: stats(runs.map((ms) => round(ms, 1))), loadsZod: zod };
}

function packedSize() {
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr}`);
	const [packed] = JSON.parse(result.stdout);
	return { tarballBytes: packed.size, unpackedBytes: packed.unpackedSize, files: packed.entryCount };
}

/** The child that runs 10,000 items through the engine and reports its peak memory. */
async function memoryChild(items) {
	const { runWorkflow } = require('../test/helpers/engine.ts');
	const { WalletServiceSimulator, sandboxAuthority } = require('../sandbox/wallet-service');
	const simCode = `
		const { WalletServiceSimulator } = require(${JSON.stringify(path.join(ROOT, 'sandbox', 'wallet-service'))});
		const sim = new WalletServiceSimulator();
		sim.listen(0, '127.0.0.1').then(async (url) => {
			await sim.addSandboxAuthority();
			sim.entries.push({ entry_id: 'a'.repeat(24), authority_id: ${JSON.stringify(sandboxAuthority.client_config.authority_id)}, user_id: 'u', created_on: 0, amount: 1, reason: 'bench' });
			process.stdout.write(url + '\\n');
		});
	`;
	void WalletServiceSimulator;
	const sim = spawn(process.execPath, ['-e', simCode], { stdio: ['ignore', 'pipe', 'inherit'] });
	const url = await new Promise((resolve) => sim.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
	try {
		if (global.gc) global.gc();
		const baseline = process.memoryUsage();
		let peakRss = baseline.rss;
		let peakHeap = baseline.heapUsed;
		const timer = setInterval(() => {
			const now = process.memoryUsage();
			peakRss = Math.max(peakRss, now.rss);
			peakHeap = Math.max(peakHeap, now.heapUsed);
		}, 10);
		const started = process.hrtime.bigint();
		const run = await runWorkflow({
			nodes: [{ name: 'Wallet', type: 'walletService', parameters: { resource: 'wallet', operation: 'getAll', returnAll: false, limit: 1, filters: {} } }],
			credentials: { walletServiceApi: { authorityConfigSecret: JSON.stringify({ ...sandboxAuthority.client_config, api_base_url: url }), baseUrl: '' } },
			input: Array.from({ length: items }, (_, index) => ({ index })),
		});
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		clearInterval(timer);
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeap = Math.max(peakHeap, now.heapUsed);
		if (run.error) throw run.error;
		const produced = run.output('Wallet').length;
		if (produced !== items) throw new Error(`expected ${items} items, got ${produced}`);
		process.stdout.write(
			`${JSON.stringify({ ms, baselineRss: baseline.rss, peakRss, baselineHeap: baseline.heapUsed, peakHeap })}\n`,
		);
	} finally {
		sim.kill();
	}
}

function peakMemory() {
	const items = 10000;
	const runs = [];
	for (let i = 0; i < (QUICK ? 1 : 3); i++) {
		const result = spawnSync(
			process.execPath,
			['--expose-gc', '--import', 'tsx', __filename, 'memory-child', String(items)],
			{ cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
		);
		if (result.status !== 0) throw new Error(`memory run failed: ${result.stderr.slice(-2000)}`);
		runs.push(JSON.parse(result.stdout.trim().split('\n').pop()));
	}
	const mb = (bytes) => round(bytes / 1024 / 1024, 1);
	return {
		items,
		operation: 'Wallet Service Wallet → Get Many, n8n-core engine, simulator in another process',
		peakRssMb: stats(runs.map((r) => mb(r.peakRss))),
		addedRssMb: stats(runs.map((r) => mb(r.peakRss - r.baselineRss))),
		peakHeapMb: stats(runs.map((r) => mb(r.peakHeap))),
		addedHeapMb: stats(runs.map((r) => mb(r.peakHeap - r.baselineHeap))),
		ms: stats(runs.map((r) => round(r.ms, 0))),
	};
}

async function main() {
	if (process.argv[2] === 'memory-child') {
		await memoryChild(Number(process.argv[3]));
		return;
	}
	const signing = await signingCosts();
	for (const entry of signing) {
		process.stdout.write(
			`signing ${entry.label}: ${entry.microsecondsPerRequest ? `${entry.microsecondsPerRequest.median} µs/request` : `failed: ${entry.error}`}\n`,
		);
	}
	const load = coldLoad();
	process.stdout.write(`cold load of ${load.modules} modules after n8n-workflow: ${load.ms.median} ms (${load.ms.min}–${load.ms.max})\n`);
	const packed = packedSize();
	process.stdout.write(`packed: ${packed.tarballBytes} bytes, unpacked ${packed.unpackedBytes} bytes, ${packed.files} files\n`);
	const memory = peakMemory();
	process.stdout.write(`10,000 items: peak RSS ${memory.peakRssMb.median} MB (+${memory.addedRssMb.median} MB), in ${memory.ms.median} ms\n`);
	writeResult('misc', { signing, coldLoad: load, packed, memory });
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);

#!/usr/bin/env node
'use strict';
/**
 * The package's nodes against what a user builds instead, in a real n8n (the host of the
 * end-to-end suite, N8N_HOST=2.40 by default): a Code node that signs with require('crypto')
 * plus the built-in HTTP Request node, sending the same requests for the same items.
 *
 * Each case is one workflow: Manual Trigger → a Code node that makes N items → pairs of
 * [package node] and [Code sign → HTTP Request], each pair reading the same N items, run one
 * after another (execution order v1: top to bottom), so the two variants alternate. The first
 * pair warms up (task runner, JIT, sockets) and is not counted. For reads that may run in
 * parallel, each round also runs the package node with its Concurrency option at its highest
 * value (100) besides its default (Quoine 8, Wallet Service 32). Times are n8n's own
 * `executionTime` of the nodes in the execution data printed by `n8n execute --rawOutput`.
 *
 * Cases: Quoine Product → Get (public), Quoine Account → Get Main Asset (signed, HS256 JWT with
 * a strictly increasing nonce), Wallet Service Wallet → Get Many (ES256 JWT). Each on loopback
 * (1,000 items) and with 20 ms and 50 ms of sandbox latency on every answer (200 items).
 *
 * Quoine signed calls must reach the exchange in nonce order: the package node runs them one at
 * a time. The HTTP Request node cannot: it starts every item's request at once, and its
 * Batching option only pauses between batches, never waits for an answer. On loopback the
 * connections happen to arrive in order, so it succeeds here; over a network later nonces
 * overtake earlier ones and the exchange rejects them ("nonce too small").
 *
 * Simulators run in this process with their rate limits off; the Quoine node's pacing is off
 * (Requests per 5 Minutes = 0), as the HTTP Request node has none.
 *
 *   npm run bench -- n8n [quick]      (N8N_HOST=2.8 for the compatibility host)
 *
 * For looking into a figure: BENCH_N8N_CASES=quoinePublic,walletGetMany and
 * BENCH_N8N_LATENCIES=0 run only those; BENCH_N8N_CPU_PROF=<folder> writes a CPU profile of
 * each `n8n execute` there (open it in Chrome DevTools).
 */
const fs = require('node:fs');
const path = require('node:path');

const { hostDefinition } = require('../e2e/lib/host');
const { prepareStack } = require('../e2e/lib/stack');
const { freePort } = require('../e2e/lib/ports');
const { parseRawOutput } = require('../e2e/lib/n8n');
const { PACKAGE_NAME } = require('../e2e/services');
const { quick, round, stats, writeResult, load } = require('./bench-lib');

const ROOT = path.resolve(__dirname, '..');
// Ignored by git, next to the end-to-end suite's work folders.
const WORK_DIR = path.join(ROOT, '.e2e', `bench-${hostDefinition().id}`);
const QUICK = quick();
const ROUNDS = QUICK ? 2 : 3;
const LOOPBACK_ITEMS = QUICK ? 300 : 1000;
const LATENCY_ITEMS = QUICK ? 100 : 200;
const LATENCIES = process.env.BENCH_N8N_LATENCIES
	? process.env.BENCH_N8N_LATENCIES.split(',').map((value) => Number(value))
	: [0, 20, 50];
const ONLY_CASES = process.env.BENCH_N8N_CASES?.split(',');
const CPU_PROFILE_DIR = process.env.BENCH_N8N_CPU_PROF ? path.resolve(process.env.BENCH_N8N_CPU_PROF) : undefined;

/** The highest Concurrency the nodes accept (nodes/shared/router.ts MAX_CONCURRENCY). */
const MAX_CONCURRENCY = 500;

const LOOP_TOKEN_ID = 'bench-code-node-token';
const LOOP_SECRET = 'bench-code-node-secret';

/** @param {string} line */
const log = (line) => process.stdout.write(`${line}\n`);

// --- services as the stack helper expects them, with rate limits off and no example workflows

let quoineSim;
let walletSim;

const quoineService = {
	id: 'quoine',
	title: 'Quoine',
	examples: [],
	async start(port, host) {
		const { QuoineSimulator } = require('../sandbox/quoine');
		quoineSim = new QuoineSimulator({ rateLimit: false });
		// The Code node signs with its own token: nonces increase per token.
		quoineSim.addToken(LOOP_TOKEN_ID, LOOP_SECRET);
		await quoineSim.listen(port, host);
		return quoineSim;
	},
	credentials(sim) {
		const { SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET } = require('../sandbox/quoine');
		return [
			{
				id: 'benchQuoineCred1',
				name: 'Quoine (bench)',
				type: 'quoineApi',
				data: { apiTokenId: SANDBOX_TOKEN_ID, apiSecret: SANDBOX_TOKEN_SECRET, exchange: 'custom', baseUrl: sim.url, vendorId: '', language: '' },
			},
		];
	},
};

const walletService = {
	id: 'wallet-service',
	title: 'Wallet Service',
	examples: [],
	async start(port, host) {
		const { WalletServiceSimulator } = require('../sandbox/wallet-service');
		walletSim = new WalletServiceSimulator();
		await walletSim.listen(port, host);
		await walletSim.addSandboxAuthority();
		const config = JSON.parse(walletSim.sandboxClientConfig());
		// One wallet, so that both variants answer one item per input item.
		walletSim.entries.push({
			entry_id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
			authority_id: config.authority_id,
			user_id: 'bench-user',
			created_on: Date.now() / 1000,
			amount: 100,
			reason: 'bench',
		});
		return walletSim;
	},
	credentials(sim) {
		return [
			{
				id: 'benchWalletCred1',
				name: 'Wallet Service (bench)',
				type: 'walletServiceApi',
				data: { authorityConfigSecret: sim.sandboxClientConfig(), baseUrl: '' },
			},
		];
	},
};

// --- workflows

function itemsNode(count) {
	return {
		id: 'items',
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { mode: 'runOnceForAllItems', jsCode: `return Array.from({ length: ${count} }, (_, index) => ({ json: { index } }));` },
	};
}

function httpNode(name, position, url, headers) {
	return {
		id: name,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'GET',
			url,
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: { parameters: headers.map(([headerName, value]) => ({ name: headerName, value })) },
			// The node's default: every item's request starts at once.
			options: {},
		},
	};
}

function codeNode(name, position, jsCode) {
	return { id: name, name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { mode: 'runOnceForAllItems', jsCode } };
}

const QUOINE_SIGN = `
const crypto = require('crypto');
const b64 = (text) => Buffer.from(text).toString('base64url');
const head = b64(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
let nonce = Date.now() * 1000;
return $input.all().map(() => {
	nonce += 1;
	const input = head + '.' + b64(JSON.stringify({ path: '/accounts/main_asset', nonce, token_id: ${JSON.stringify(LOOP_TOKEN_ID)} }));
	return { json: { auth: input + '.' + crypto.createHmac('sha256', ${JSON.stringify(LOOP_SECRET)}).update(input).digest('base64url') } };
});`;

function walletSign(config) {
	// Signed once per run and reused for every item, as the package's credential does (the token has no expiry).
	return `
const crypto = require('crypto');
const b64 = (text) => Buffer.from(text).toString('base64url');
const input = b64(JSON.stringify({ typ: 'JWT', alg: 'ES256' })) + '.' + b64(JSON.stringify({ sub: ${JSON.stringify(config.authority_id)} }));
const signature = crypto.sign('sha256', Buffer.from(input), { key: ${JSON.stringify(config.private_key)}, dsaEncoding: 'ieee-p1363' });
const token = input + '.' + signature.toString('base64url');
return $input.all().map(() => ({ json: { auth: token } }));`;
}

/**
 * @typedef {object} BenchCase
 * @property {string} id
 * @property {string} label
 * @property {boolean} concurrent whether the reads may run in parallel
 * @property {() => any} packageNode
 * @property {() => string | undefined} sign the Code node's JavaScript, if the user needs one
 * @property {() => [string, Array<[string, string]>]} request URL and headers of the HTTP Request node
 */

/** @type {BenchCase[]} */
const CASES = [
	{
		id: 'quoinePublic',
		label: 'Quoine Product → Get (public read)',
		concurrent: true,
		packageNode: () => ({
			type: `${PACKAGE_NAME}.quoine`,
			typeVersion: 1,
			parameters: {
				resource: 'product',
				operation: 'get',
				productId: { __rl: true, mode: 'id', value: '1' },
				requestOptions: { requestsPerWindow: 0 },
			},
			credentials: { quoineApi: { id: 'benchQuoineCred1', name: 'Quoine (bench)' } },
		}),
		sign: () => undefined,
		request: () => [
			`${quoineSim.url}/products/1`,
			[
				['X-Quoine-API-Version', '2'],
				['Accept', 'application/json'],
			],
		],
	},
	{
		id: 'quoineSigned',
		label: 'Quoine Account → Get Main Asset (signed read, nonces in order)',
		concurrent: false,
		packageNode: () => ({
			type: `${PACKAGE_NAME}.quoine`,
			typeVersion: 1,
			parameters: { resource: 'account', operation: 'getMainAsset', requestOptions: { requestsPerWindow: 0 } },
			credentials: { quoineApi: { id: 'benchQuoineCred1', name: 'Quoine (bench)' } },
		}),
		sign: () => QUOINE_SIGN,
		request: () => [
			`${quoineSim.url}/accounts/main_asset`,
			[
				['X-Quoine-API-Version', '2'],
				['Accept', 'application/json'],
				['X-Quoine-Auth', '={{ $json.auth }}'],
			],
		],
	},
	{
		id: 'walletGetMany',
		label: 'Wallet Service Wallet → Get Many (ES256 JWT)',
		concurrent: true,
		packageNode: () => ({
			type: `${PACKAGE_NAME}.walletService`,
			typeVersion: 1,
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: false, limit: 1, filters: {} },
			credentials: { walletServiceApi: { id: 'benchWalletCred1', name: 'Wallet Service (bench)' } },
		}),
		sign: () => walletSign(JSON.parse(walletSim.sandboxClientConfig())),
		request: () => [`${walletSim.url}/api/v1/wallet?user_ids=&authority_ids=`, [['Authorization', '={{ $json.auth }}']]],
	},
];

/** The node's parameters with its Concurrency option set (top level, or under Request Options for Quoine). */
function withConcurrency(parameters, concurrency) {
	if (parameters.requestOptions) return { ...parameters, requestOptions: { ...parameters.requestOptions, concurrency } };
	return { ...parameters, concurrency };
}

/** One workflow per case and item count: a warm-up pair and ROUNDS counted pairs. */
function buildWorkflow(benchCase, items, id) {
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		itemsNode(items),
	];
	/** @type {Record<string, any>} */
	const connections = { Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] } };
	const fromItems = [];
	const signCode = benchCase.sign();
	const [url, headers] = benchCase.request();
	for (let pair = 0; pair <= ROUNDS; pair++) {
		const y = pair * 400;
		const packageName = `Package ${pair}`;
		nodes.push({ id: packageName, name: packageName, position: [400, y], ...benchCase.packageNode() });
		fromItems.push({ node: packageName, type: 'main', index: 0 });
		if (benchCase.concurrent) {
			// The same node with its Concurrency option at the highest value it allows.
			const fastName = `Package max ${pair}`;
			const node = benchCase.packageNode();
			nodes.push({ id: fastName, name: fastName, position: [400, y + 100], ...node, parameters: withConcurrency(node.parameters, MAX_CONCURRENCY) });
			fromItems.push({ node: fastName, type: 'main', index: 0 });
		}
		const httpName = `HTTP ${pair}`;
		nodes.push(httpNode(httpName, [600, y + 200], url, headers));
		if (signCode) {
			const signName = `Sign ${pair}`;
			nodes.push(codeNode(signName, [400, y + 200], signCode));
			fromItems.push({ node: signName, type: 'main', index: 0 });
			connections[signName] = { main: [[{ node: httpName, type: 'main', index: 0 }]] };
		} else {
			fromItems.push({ node: httpName, type: 'main', index: 0 });
		}
	}
	connections.Items = { main: [fromItems] };
	return { id, name: `Bench ${benchCase.id} ${items}`, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** n8n's executionTime of a node (ms), or an error when it did not run or failed. */
function nodeTime(runData, name, items) {
	const run = runData[name]?.[0];
	if (!run) throw new Error(`${name} did not run`);
	if (run.error) throw new Error(`${name} failed: ${run.error.message}`);
	const produced = run.data?.main?.[0]?.length ?? 0;
	if (produced !== items) throw new Error(`${name} produced ${produced} items instead of ${items}`);
	return run.executionTime;
}

async function main() {
	fs.mkdirSync(WORK_DIR, { recursive: true });
	const stack = await prepareStack({
		workDir: WORK_DIR,
		services: [quoineService, walletService],
		fixedPorts: false,
		port: await freePort(),
		brokerPort: await freePort(),
		cliBrokerPort: await freePort(),
		freshUserFolder: true,
		log,
	});
	const { n8n, host } = stack;
	/** @type {any[]} */
	const results = [];
	try {
		const plan = [];
		for (const latencyMs of LATENCIES) {
			const items = latencyMs === 0 ? LOOPBACK_ITEMS : LATENCY_ITEMS;
			for (const benchCase of CASES) {
				if (!ONLY_CASES || ONLY_CASES.includes(benchCase.id)) plan.push({ latencyMs, items, benchCase });
			}
		}
		const workflowsDir = path.join(WORK_DIR, 'bench-workflows');
		fs.rmSync(workflowsDir, { recursive: true, force: true });
		fs.mkdirSync(workflowsDir, { recursive: true });
		plan.forEach((entry, index) => {
			entry.workflowId = `benchWorkflow${String(index).padStart(3, '0')}`;
			fs.writeFileSync(path.join(workflowsDir, `${entry.workflowId}.json`), JSON.stringify(buildWorkflow(entry.benchCase, entry.items, entry.workflowId)));
		});
		await n8n.cliOk(['import:workflow', '--separate', `--input=${workflowsDir}`]);

		for (const entry of plan) {
			const { latencyMs, items, benchCase } = entry;
			quoineSim.setLatency(latencyMs);
			walletSim.setLatency(latencyMs);
			const before = load();
			const result = await n8n.cli(['execute', `--id=${entry.workflowId}`, '--rawOutput'], {
				timeoutMs: 600000,
				env: {
					NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
					N8N_RUNNERS_MAX_PAYLOAD: String(1024 * 1024 * 1024),
					...(CPU_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROFILE_DIR}` } : {}),
				},
			});
			const run = parseRawOutput(result.stdout);
			const runData = run?.data?.resultData?.runData;
			if (result.status !== 0 || !runData) {
				const saved = path.join(WORK_DIR, `execute-${entry.workflowId}.out`);
				fs.writeFileSync(saved, `${result.stdout}\n--- stderr ---\n${result.stderr}`);
				throw new Error(`${benchCase.label} (${latencyMs} ms) failed (exit ${result.status}); output in ${path.relative(ROOT, saved)}`);
			}
			const packageMs = [];
			const packageMaxMs = [];
			const maxRatios = [];
			const userMs = [];
			const ratios = [];
			for (let pair = 1; pair <= ROUNDS; pair++) {
				const packageTime = nodeTime(runData, `Package ${pair}`, items);
				const maxTime = benchCase.concurrent ? nodeTime(runData, `Package max ${pair}`, items) : undefined;
				const userTime =
					nodeTime(runData, `HTTP ${pair}`, items) + (benchCase.sign() ? nodeTime(runData, `Sign ${pair}`, items) : 0);
				packageMs.push(packageTime);
				userMs.push(userTime);
				ratios.push(packageTime / userTime);
				if (maxTime !== undefined) {
					packageMaxMs.push(maxTime);
					maxRatios.push(maxTime / userTime);
				}
			}
			const row = {
				case: benchCase.id,
				label: benchCase.label,
				concurrent: benchCase.concurrent,
				latencyMs,
				items,
				packageMs: stats(packageMs),
				userMs: stats(userMs),
				ratio: stats(ratios.map((ratio) => round(ratio, 3))),
				...(benchCase.concurrent
					? {
							maxConcurrency: MAX_CONCURRENCY,
							packageMaxMs: stats(packageMaxMs),
							ratioMax: stats(maxRatios.map((ratio) => round(ratio, 3))),
						}
					: {}),
				target: 1.0,
				loadBefore: before.loadavg,
				loadAfter: load().loadavg,
			};
			results.push(row);
			log(
				`${benchCase.label}, ${latencyMs} ms latency, ${items} items: package ${round(row.packageMs.median, 0)} ms, Code + HTTP Request ${round(row.userMs.median, 0)} ms, ratio ${round(row.ratio.median)} (${round(row.ratio.min)}–${round(row.ratio.max)})${row.ratioMax ? `, at Concurrency ${MAX_CONCURRENCY} ${round(row.packageMaxMs.median, 0)} ms, ratio ${round(row.ratioMax.median)}` : ''}, load ${row.loadAfter.join(' ')}`,
			);
		}
	} finally {
		await stack.close();
	}
	writeResult('n8n', {
		host: { n8n: host.definition.n8nVersion, node: host.definition.nodeLabel },
		rounds: ROUNDS,
		quick: QUICK,
		cases: results,
	});
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);

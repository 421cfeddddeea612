'use strict';
/**
 * The end-to-end suite in n8n's queue mode: `npm run test:e2e -- --queue` (or `node e2e/queue/run.js`).
 *
 * PostgreSQL and Redis (Debian's packages, installed when missing) on free ports in a temporary
 * folder, n8n main plus two `n8n worker --concurrency=5`, one encryption key, the package
 * installed in every process's user folder as a community package, the simulators as in the
 * single-process suite. Executions are started through the main process (production webhooks),
 * so they run on the workers; which worker ran each is read from the workers' logs.
 *
 * 1. every manual example runs on a worker (its Manual Trigger replaced by a Webhook) and its
 *    output passes the same checks as in the single-process suite;
 * 2. every node and credential loads on main, no process logs a warning about the package,
 *    every credential test passes (and fails with a wrong secret);
 * 3. both kinds of trigger (polling and WebSocket) run on main in active workflows and their
 *    executions run on the workers, each event once;
 * 4. a burst of signed Quoine requests split over both workers, against a tighter sandbox rate
 *    limit: 0 failed executions, no nonce error reaching the user, re-signs and 429s counted;
 * 5. an order placed under Retry On Fail after a lost answer exists exactly once;
 * 6. Wallet Service logs in once per worker, not once per item or execution.
 *
 * It prints the figures and ends with "e2e: N passed, M failed" (the line npm test counts).
 */
const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE_NAME, loadServices, packagedFiles } = require('../services');
const { check, expect, log, oneAtATime, results, short, typeName } = require('../lib/check');
const { executionsOf, outputReader } = require('../lib/executions');
const { ROOT, hostDefinition } = require('../lib/host');
const { RestClient, delay } = require('../lib/n8n');
const { freePort } = require('../lib/ports');
const { prepareQueueStack } = require('./stack');
const { burstWorkflow, idempotentOrderWorkflow, viaWebhook } = require('./workflows');

const HOST = hostDefinition();
const WORK_DIR = path.join(ROOT, '.e2e', `queue-${HOST.id}`);
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-owner-password-1',
	firstName: 'E2E',
	lastName: 'Owner',
};
const TRIGGER_TIMEOUT_MS = Number(process.env.E2E_TRIGGER_TIMEOUT_MS ?? 150000);
const TRIGGER_SETTLE_MS = 5000;
/** The burst: this many executions started at once, each signing ITEMS requests. */
const BURST_EXECUTIONS = Number(process.env.E2E_QUEUE_BURST_EXECUTIONS ?? 20);
const BURST_ITEMS = Number(process.env.E2E_QUEUE_BURST_ITEMS ?? 10);
/** CryptoCoin.pro executions started at once for the login count. */
const TOKEN_RUNS = 4;
/** The sandbox's rate limit during the burst: tighter than the real 300 per 5 minutes, so 429s happen. */
const BURST_RATE_LIMIT = { max: 120, windowMs: 20000 };

/** @type {string[]} */
const figures = [];

/**
 * Starts a production webhook on main; its execution is queued for a worker.
 * @param {string} url @param {string} webhookPath @param {unknown} body
 */
async function callWebhook(url, webhookPath, body = {}) {
	const response = await fetch(`${url}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(
			`POST /webhook/${webhookPath} answered ${response.status}: ${text.slice(0, 300)}`,
		);
}

/**
 * Waits until `count` executions of the workflow have finished.
 * @param {RestClient} client @param {string} workflowId @param {number} count @param {number} [timeoutMs]
 */
async function finishedExecutions(client, workflowId, count, timeoutMs = 240000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await client.ok('GET', `/rest/executions?filter=${filter}&limit=250`);
		const all = list.results ?? [];
		const done = all.filter(
			(execution) => !['running', 'new', 'waiting', 'queued'].includes(execution.status),
		);
		if (done.length >= count) return await executionsOf(client, workflowId);
		if (Date.now() > deadline) {
			throw new Error(
				`${done.length} of ${count} executions finished within ${timeoutMs / 1000} s (${all.length} known)`,
			);
		}
		await delay(1000);
	}
}

/** Which worker started each execution. @param {Array<{ name: string, executions: () => string[] }>} workers */
function workerOf(workers) {
	/** @type {Map<string, string>} */
	const map = new Map();
	for (const worker of workers) for (const id of worker.executions()) map.set(id, worker.name);
	return map;
}

/** @param {Map<string, string>} owners @param {string[]} ids */
function spread(owners, ids) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const id of ids) {
		const owner = owners.get(id) ?? 'main (not a worker)';
		counts[owner] = (counts[owner] ?? 0) + 1;
	}
	return counts;
}

async function main() {
	const started = Date.now();
	const services = loadServices({ packagedOnly: true });
	log(
		`Queue-mode end-to-end suite on n8n ${HOST.n8nVersion} (${HOST.nodeLabel}): ${services.map((service) => service.title).join(', ')}`,
	);
	fs.rmSync(WORK_DIR, { recursive: true, force: true });
	const stack = await prepareQueueStack({
		workDir: WORK_DIR,
		services,
		fixedPorts: false,
		port: await freePort(),
		log,
	});
	const onSignal = () => {
		void stack.close().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const { n8n, sims, examples, workers } = stack;

	try {
		// Webhook copies of the manual examples, and the workflows only this suite runs.
		const manual = examples.filter((entry) => entry.example.kind === 'manual');
		const queued = manual.map((entry) => ({ entry, ...viaWebhook(entry.json) }));
		const quoine = sims.get('quoine');
		const quoineCredential = stack.credentials.find(
			({ credential }) => credential.type === 'quoineApi',
		)?.credential;
		const burst = quoine && quoineCredential ? burstWorkflow(quoineCredential) : undefined;
		const order =
			quoine && quoineCredential ? idempotentOrderWorkflow(quoineCredential) : undefined;
		const extra = [
			...queued.map((entry) => entry.json),
			...(burst ? [burst.json] : []),
			...(order ? [order.json] : []),
		];
		const dir = path.join(WORK_DIR, 'queue-workflows');
		fs.mkdirSync(dir, { recursive: true });
		for (const json of extra)
			fs.writeFileSync(path.join(dir, `${json.id}.json`), JSON.stringify(json));
		await n8n.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
		// The trigger workflows are activated later, through main's REST API, once the manual
		// examples ran (as in the single-process suite, where they run before \`n8n start\`): the
		// examples' orders must not reach the triggers.
		stack.publish(extra.map((json) => json.id));

		await stack.startWorkers();
		log('\nStarting `n8n start` (main, EXECUTIONS_MODE=queue)…');
		await n8n.start();
		log(`  n8n main answers at ${n8n.url}`);
		const client = new RestClient(n8n.url);
		await client.setupOwner(OWNER);
		await client.login(OWNER.email, OWNER.password);

		log('\nThe package in every process:');
		await check('every node and credential of package.json loads on main', async () => {
			const nodeTypes = /** @type {any[]} */ (
				(await client.request('GET', '/types/nodes.json')).body
			);
			const credentialTypes = /** @type {any[]} */ (
				(await client.request('GET', '/types/credentials.json')).body
			);
			const loadedNodes = new Set(nodeTypes.map((type) => type.name));
			const loadedCredentials = new Set(credentialTypes.map((type) => type.name));
			const missing = [];
			for (const file of packagedFiles()) {
				const name = typeName(file);
				if (
					file.endsWith('.node.js')
						? !loadedNodes.has(`${PACKAGE_NAME}.${name}`)
						: !loadedCredentials.has(name)
				)
					missing.push(file);
			}
			if (missing.length) throw new Error(`not loaded: ${missing.join(', ')}`);
			return `${packagedFiles().size} files`;
		});
		await check('no process logs a warning or error about the package', () => {
			const names = [
				PACKAGE_NAME,
				'CUSTOM.',
				...[...packagedFiles()].map((file) => path.basename(file, '.js')),
			];
			const logs = [n8n.output, n8n.cliOutput, ...workers.map((worker) => worker.output)].join(
				'\n',
			);
			const suspicious = logs
				.split('\n')
				.filter((line) => !line.trimStart().startsWith('"'))
				.filter((line) => /warn|error|fail|deprecat|could not/i.test(line))
				.filter(
					(line) =>
						names.some((name) => line.includes(name)) ||
						/custom|extension|nodes? (package|type)|credential type/i.test(line),
				);
			if (suspicious.length) throw new Error(suspicious.slice(0, 20).join('\n'));
			return `main and ${workers.length} workers`;
		});

		log('\nExamples, started through main and run on the workers:');
		for (const { entry, webhookPath } of queued) {
			const sim = /** @type {any} */ (sims.get(entry.service.id));
			await check(`${entry.example.title} [${entry.id}] on a worker`, async () => {
				const id = `${entry.id}Q`;
				await callWebhook(n8n.url, webhookPath);
				const [execution] = await finishedExecutions(client, id, 1);
				if (execution.status !== 'success')
					throw new Error(
						`execution ${execution.id} ${execution.status}: ${execution.error ?? ''}`,
					);
				const full = await client.ok('GET', `/rest/executions/${execution.id}`);
				const data =
					typeof full.data === 'string'
						? require(path.join(ROOT, '.n8n-hosts', HOST.id, 'node_modules', 'flatted')).parse(
								full.data,
							)
						: full.data;
				const runData = data?.resultData?.runData ?? {};
				await entry.example.assert?.({ sim, output: outputReader(runData), run: data });
				const worker = workerOf(workers).get(execution.id);
				if (!worker) throw new Error(`execution ${execution.id} did not run on a worker`);
				return `execution ${execution.id} on ${worker}`;
			});
		}

		const tokenExample = queued.find(({ entry }) => entry.service.id === 'cryptocoin');
		if (tokenExample) {
			log('\nLogin tokens across workers:');
			await check(
				`${TOKEN_RUNS} CryptoCoin.pro executions at once: each token fetched at most once per worker, none per item`,
				async () => {
					const sim = /** @type {any} */ (sims.get('cryptocoin'));
					const id = `${tokenExample.entry.id}Q`;
					const before = (await executionsOf(client, id)).length;
					const loginsBefore = sim.logins.length;
					const requestsBefore = sim.requests.length;
					await Promise.all(
						Array.from({ length: TOKEN_RUNS }, () =>
							callWebhook(n8n.url, tokenExample.webhookPath),
						),
					);
					const executions = (await finishedExecutions(client, id, before + TOKEN_RUNS)).slice(
						before,
					);
					const failed = executions.filter((execution) => execution.status !== 'success');
					// Each execution signs up a new user and acts for it (one login each, by design); the
					// credential's own token and every user's token must be fetched at most once per worker.
					const logins = sim.logins.slice(loginsBefore);
					/** @type {Map<string, number>} */
					const perUser = new Map();
					for (const login of logins)
						perUser.set(
							`${login.kind}:${login.userId}`,
							(perUser.get(`${login.kind}:${login.userId}`) ?? 0) + 1,
						);
					const most = Math.max(0, ...perUser.values());
					const requests = sim.requests.length - requestsBefore;
					const owners = workerOf(workers);
					const line = `tokens: ${logins.length} logins for ${perUser.size} users in ${executions.length} CryptoCoin.pro executions (${requests} requests) ${short(
						spread(
							owners,
							executions.map((execution) => execution.id),
						),
					)}; at most ${most} per user`;
					figures.push(line);
					log(`    ${line}`);
					expect(
						failed.length === 0,
						`${failed.length} executions failed: ${failed.map((execution) => execution.error).join(' | ')}`,
					);
					expect(
						most <= workers.length,
						`a user logged in ${most} times on ${workers.length} workers: ${short([...perUser])}`,
					);
					return `${logins.length} logins, at most ${most} per user`;
				},
			);
		}

		log('\nCredential tests (POST /rest/credentials/test on main):');
		for (const { credential } of stack.credentials) {
			await check(`${credential.name}: passes, and fails with a wrong secret`, async () => {
				const good = await client.ok('POST', '/rest/credentials/test', {
					credentials: {
						id: credential.id,
						name: credential.name,
						type: credential.type,
						data: credential.data,
					},
				});
				if (good.status !== 'OK') throw new Error(`${good.status}: ${good.message}`);
				const bad = await client.ok('POST', '/rest/credentials/test', {
					credentials: {
						id: credential.id,
						name: credential.name,
						type: credential.type,
						data: credential.wrongData,
					},
				});
				if (bad.status === 'OK') throw new Error('the test passed with a wrong secret');
				return `"${bad.message}"`;
			});
		}

		if (burst && order) {
			const sim = /** @type {any} */ (quoine);
			log(
				`\nQuoine burst: ${BURST_EXECUTIONS} executions at once × ${BURST_ITEMS} signed requests, sandbox limit ${BURST_RATE_LIMIT.max} per ${BURST_RATE_LIMIT.windowMs / 1000} s:`,
			);
			await check(
				`${BURST_EXECUTIONS * BURST_ITEMS} signed requests over both workers: 0 failures, no nonce error for the user`,
				async () => {
					const from = sim.requests.length;
					const savedLimit = sim.rateLimit;
					sim.rateLimit = BURST_RATE_LIMIT;
					sim.rateWindows?.clear?.();
					const before = new Set(
						(await executionsOf(client, burst.json.id)).map((execution) => execution.id),
					);
					try {
						await Promise.all(
							Array.from({ length: BURST_EXECUTIONS }, (_, index) =>
								callWebhook(n8n.url, burst.webhookPath, {
									items: Array.from({ length: BURST_ITEMS }, (__, item) => ({ run: index, item })),
								}),
							),
						);
						const executions = (
							await finishedExecutions(
								client,
								burst.json.id,
								before.size + BURST_EXECUTIONS,
								600000,
							)
						).filter((execution) => !before.has(execution.id));
						const requests = sim.requests
							.slice(from)
							.filter((request) => request.path === '/accounts/balance');
						const accepted = requests.filter((request) => request.status === 200).length;
						const nonceRejected = requests.filter((request) => request.status === 401).length;
						const limited = requests.filter((request) => request.status === 429).length;
						const failed = executions.filter((execution) => execution.status !== 'success');
						const owners = workerOf(workers);
						const perWorker = spread(
							owners,
							executions.map((execution) => execution.id),
						);
						const line = `burst: ${accepted} signed requests accepted, ${requests.length} sent, ${nonceRejected} re-signed after "Nonce is too small", ${limited} answered 429 and waited out, ${failed.length} failed executions of ${executions.length}, per worker ${short(perWorker)}`;
						figures.push(line);
						log(`    ${line}`);
						expect(
							failed.length === 0,
							`${failed.length} executions failed: ${failed
								.map((execution) => execution.error)
								.slice(0, 3)
								.join(' | ')}`,
						);
						expect(
							accepted === BURST_EXECUTIONS * BURST_ITEMS,
							`${accepted} requests accepted, expected ${BURST_EXECUTIONS * BURST_ITEMS}`,
						);
						const workersUsed = Object.keys(perWorker).filter((name) => name.startsWith('worker'));
						expect(
							workersUsed.length === workers.length,
							`the burst ran on ${short(perWorker)}, not on every worker`,
						);
						const outputs = executions.flatMap((execution) => execution.output('Get Balances'));
						expect(
							outputs.length >= BURST_EXECUTIONS * BURST_ITEMS,
							`only ${outputs.length} balance items came out`,
						);
						return `${nonceRejected} re-signs, ${limited} 429s waited out`;
					} finally {
						sim.rateLimit = savedLimit;
					}
				},
			);

			log(
				'\nIdempotency across a lost answer (Retry On Fail, the key does not live in process memory):',
			);
			await check('a limit order whose answer is lost is placed exactly once', async () => {
				const known = new Set(sim.orders.map((candidate) => candidate.id));
				const clientOrders = () =>
					sim.orders.filter((candidate) => candidate.clientOrderId && !known.has(candidate.id));
				sim.injectFault({ type: 'dropAfter', method: 'POST', path: '^/orders$', times: 1 });
				try {
					await callWebhook(n8n.url, order.webhookPath);
					const [execution] = await finishedExecutions(client, order.json.id, 1);
					const placed = clientOrders();
					const line = `lost answer: execution ${execution.status} on ${workerOf(workers).get(execution.id) ?? 'main'}, ${placed.length} order(s) with its client order ID, ${Math.max(0, placed.length - 1)} duplicates`;
					figures.push(line);
					log(`    ${line}`);
					expect(
						execution.status === 'success',
						`execution ${execution.status}: ${execution.error ?? ''}`,
					);
					expect(placed.length === 1, `${placed.length} orders placed`);
					const out = execution.output('Place Order')[0];
					expect(
						out?.client_order_id === placed[0].clientOrderId,
						`the node output another order: ${short(out)}`,
					);
					return `order ${placed[0].id}, found again by client order ID ${placed[0].clientOrderId}`;
				} finally {
					sim.clearFaults();
				}
			});
		}

		const triggers = examples.filter((entry) => entry.example.kind === 'trigger');
		log(
			'\nTriggers, activated through main (POST /rest/workflows/:id/activate; polling triggers poll once a minute):',
		);
		for (const { id } of triggers) {
			const workflow = await client.ok('GET', `/rest/workflows/${id}`);
			await client.ok('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId });
		}
		const triggerChecks = triggers.map(({ service, example, id }) =>
			check(`${example.title} [${id}]: trigger on main, executions on workers`, async () => {
				const sim = /** @type {any} */ (sims.get(service.id));
				const readyBy = Date.now() + TRIGGER_TIMEOUT_MS;
				while (example.ready && !example.ready(sim, sims)) {
					if (Date.now() > readyBy)
						throw new Error(
							`the trigger did not start listening within ${TRIGGER_TIMEOUT_MS / 1000} s`,
						);
					await delay(250);
				}
				// Two examples of one service produce into the same simulator: one after the other, so
				// the events each one returns are only its own.
				const expected = await oneAtATime(
					sim,
					async () => (await example.produce?.(sim, sims)) ?? [],
				);
				const deadline = Date.now() + TRIGGER_TIMEOUT_MS;
				let why = 'no execution yet';
				while (Date.now() < deadline) {
					const executions = await executionsOf(client, id);
					const failed = executions.find((execution) => execution.status !== 'success');
					if (failed)
						throw new Error(`execution ${failed.id} ${failed.status}: ${failed.error ?? ''}`);
					const reason = example.accept?.(executions, sim, expected, sims);
					if (executions.length > 0 && reason === undefined) {
						const settle = example.settleMs ?? TRIGGER_SETTLE_MS;
						await delay(settle);
						const later = await executionsOf(client, id);
						const after = example.accept?.(later, sim, expected, sims);
						if (after !== undefined) throw new Error(`after ${settle / 1000} s more: ${after}`);
						const owners = workerOf(workers);
						const onMain = later.filter((execution) => !owners.has(execution.id));
						if (onMain.length)
							throw new Error(
								`executions ${onMain.map((execution) => execution.id).join(', ')} did not run on a worker`,
							);
						return `${expected.length} events in ${later.length} execution(s) ${short(
							spread(
								owners,
								later.map((execution) => execution.id),
							),
						)}, each once`;
					}
					why = reason ?? why;
					await delay(1000);
				}
				const activationError = await client.request('GET', `/rest/active-workflows/error/${id}`);
				throw new Error(
					`${why} after ${TRIGGER_TIMEOUT_MS / 1000} s; activation error: ${short(activationError.body)}`,
				);
			}),
		);
		await Promise.all(triggerChecks);
	} finally {
		await stack.close();
	}

	const passed = results.filter((result) => result.ok).length;
	const failed = results.length - passed;
	log(
		`\nLogs in ${path.relative(ROOT, WORK_DIR)}/ (n8n.log, worker-*.log); total ${Math.round((Date.now() - started) / 1000)} s`,
	);
	if (figures.length) log(`Figures:\n${figures.map((line) => `  ${line}`).join('\n')}`);
	if (failed) {
		log('Failed:');
		for (const result of results.filter((entry) => !entry.ok)) log(`  ✗ ${result.name}`);
	}
	log(`e2e: ${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

module.exports = { main, callWebhook, finishedExecutions };

if (require.main === module) {
	main().catch((error) => {
		log(`\nThe queue-mode suite could not run: ${error instanceof Error ? error.stack : error}`);
		log(
			`e2e: ${results.filter((result) => result.ok).length} passed, ${results.filter((result) => !result.ok).length + 1} failed`,
		);
		process.exit(1);
	});
}

#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite against a real n8n with the packed package and the sandbox.
 *
 *   node e2e/run.js                 everything: examples, triggers, credential tests, browser check
 *   node e2e/run.js --no-browser    without the browser check
 *   node e2e/run.js --browser-only  only the browser check (with the instance it needs)
 *   node e2e/run.js --queue         in n8n's queue mode: Postgres, Redis, main and two workers (e2e/queue/run.js)
 *   N8N_HOST=2.8 node e2e/run.js    on the compatibility host (n8n 2.8.4, Node.js 20) instead of
 *                                   the main one (n8n 2.40.7, Node.js 24)
 *
 * 1. installs the host if needed, builds and packs the package and installs the tarball into the
 *    instance's user folder as n8n's community package installer does (node types
 *    `n8n-nodes-crypto-suite.<node>`), starts the simulators on free ports, imports the sandbox
 *    credentials and every example workflow of examples/;
 * 2. runs each manual example with `n8n execute --id --rawOutput` and checks its output, and
 *    checks that a failing node makes `n8n execute` fail;
 * 3. publishes the trigger examples, starts `n8n start`, sets up the owner and logs in; checks
 *    that every node and credential of the package loaded without warnings, that every
 *    credential test passes against the sandbox and fails with a wrong secret, and that each
 *    trigger example runs when the sandbox produces events;
 * 4. checks that loading through N8N_CUSTOM_EXTENSIONS (types `CUSTOM.<node>`) works too;
 * 5. runs the browser check of the editor (e2e/browser.js); without a Chromium it fails with CI=true
 *    and is skipped with a loud line otherwise (scripts/setup.js installs one where it can).
 * It ends with "N passed, M failed" and exits non-zero when anything failed.
 */
const fs = require('node:fs');
const path = require('node:path');

const { browserChecks } = require('./browser');
const { PACKAGE_NAME, loadServices, packagedFiles } = require('./services');
const { check, log, oneAtATime, results, short, typeName } = require('./lib/check');
const { executionsOf, outputReader } = require('./lib/executions');
const { ROOT, hostDefinition } = require('./lib/host');
const { browserPolicy, ensureChromium, skipBanner } = require('../scripts/setup');
const { RestClient, delay, parseRawOutput } = require('./lib/n8n');
const { freePort } = require('./lib/ports');
const { prepareStack } = require('./lib/stack');
const { packageJson } = require('./lib/stage');

const args = new Set(process.argv.slice(2));
const BROWSER = !args.has('--no-browser');
const ONLY_BROWSER = args.has('--browser-only');
const HOST = hostDefinition();
const WORK_DIR = path.join(ROOT, '.e2e', `${ONLY_BROWSER ? 'browser' : 'run'}-${HOST.id}`);
const OWNER = {
	email: 'owner@example.com',
	password: 'E2e-owner-password-1',
	firstName: 'E2E',
	lastName: 'Owner',
};
// Polling triggers poll once a minute (n8n 2.40 refuses shorter): the first poll, then the one with the events.
const TRIGGER_TIMEOUT_MS = Number(process.env.E2E_TRIGGER_TIMEOUT_MS ?? 150000);
/** How long a trigger must stay quiet after delivering everything, unless its example says. */
const TRIGGER_SETTLE_MS = 5000;

/** The last lines of a CLI run, for failure messages. @param {{ stdout: string, stderr: string }} result */
function tail(result) {
	const text = `${result.stdout}\n${result.stderr}`.trim().split('\n');
	return text.slice(-40).join('\n');
}

async function main() {
	const started = Date.now();
	const services = loadServices({ packagedOnly: true });
	const skipped = loadServices().filter((service) => !services.includes(service));
	log(
		`Real n8n end-to-end suite on n8n ${HOST.n8nVersion} (${HOST.nodeLabel}${HOST.webSocketFlag ? ', --experimental-websocket' : ', built-in WebSocket'}): ${services.map((service) => service.title).join(', ') || 'no services'}`,
	);
	for (const service of skipped) log(`  (skipping ${service.title}: its node is not in package.json's n8n section yet)`);

	fs.rmSync(WORK_DIR, { recursive: true, force: true });
	const port = await freePort();
	const stack = await prepareStack({
		workDir: WORK_DIR,
		services,
		fixedPorts: false,
		port,
		brokerPort: await freePort(),
		cliBrokerPort: await freePort(),
		freshUserFolder: true,
		log,
	});
	const { n8n, sims, examples } = stack;
	/** @type {string[]} */
	const skippedChecks = [];
	const onSignal = () => {
		void stack.close().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		if (!ONLY_BROWSER) {
			log('\nExamples run with `n8n execute --id --rawOutput`:');
			for (const { service, example, id, name } of examples.filter((entry) => entry.example.kind === 'manual')) {
				const sim = /** @type {any} */ (sims.get(service.id));
				await check(`${example.title} [${id}]`, async () => {
					const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
					if (result.status !== 0) throw new Error(`"${name}" failed (exit ${result.status}):\n${tail(result)}`);
					const run = parseRawOutput(result.stdout);
					if (!run?.data?.resultData) {
						const saved = path.join(WORK_DIR, `execute-${id}.out`);
						fs.writeFileSync(saved, `${result.stdout}\n--- stderr ---\n${result.stderr}`);
						throw new Error(`no run data in the output (saved in ${path.relative(ROOT, saved)}):\n${tail(result)}`);
					}
					if (run.status !== 'success') throw new Error(`run status ${run.status}`);
					const output = outputReader(run.data.resultData.runData);
					await example.assert?.({ sim, output, run });
					const nodes = Object.keys(run.data.resultData.runData).length;
					return `${nodes} nodes ran, exit 0 in ${Math.round(result.ms / 100) / 10} s`;
				});
			}

			const probe = examples.find((entry) => entry.example.kind === 'manual');
			if (probe) {
				await check('a failing node makes `n8n execute` fail (sandbox answers 403 to everything)', async () => {
					const sim = /** @type {any} */ (sims.get(probe.service.id));
					sim.injectFault({ type: 'status', status: 403, body: { error: 'forbidden' }, times: 0 });
					try {
						const result = await n8n.cli(['execute', `--id=${probe.id}`, '--rawOutput']);
						if (result.status === 0) throw new Error(`exit 0 although every request failed:\n${tail(result)}`);
						return `exit ${result.status}`;
					} finally {
						sim.clearFaults();
					}
				});
			}

			for (const { id } of examples.filter((entry) => entry.example.kind === 'trigger')) {
				await n8n.cliOk(['publish:workflow', `--id=${id}`]);
			}
		}

		log('\nStarting `n8n start`…');
		await n8n.start();
		log(`  n8n answers at ${n8n.url}`);
		const client = new RestClient(n8n.url);
		await client.setupOwner(OWNER);
		await client.login(OWNER.email, OWNER.password);

		if (!ONLY_BROWSER) {
			log('\nThe package in n8n:');
			await check('every node and credential of package.json loads', async () => {
				const nodeTypes = /** @type {any[]} */ ((await client.request('GET', '/types/nodes.json')).body);
				const credentialTypes = /** @type {any[]} */ ((await client.request('GET', '/types/credentials.json')).body);
				const loadedNodes = new Set(nodeTypes.map((type) => type.name));
				const loadedCredentials = new Set(credentialTypes.map((type) => type.name));
				const packaged = [...packagedFiles()];
				const missing = [];
				for (const file of packaged) {
					const name = typeName(file);
					if (file.endsWith('.node.js')) {
						const type = `${PACKAGE_NAME}.${name}`;
						if (!loadedNodes.has(type)) missing.push(`node ${type} (${file})`);
					} else if (!loadedCredentials.has(name)) {
						missing.push(`credential ${name} (${file})`);
					}
				}
				if (missing.length) throw new Error(`not loaded: ${missing.join(', ')}`);
				// The editor shows each icon from the URL n8n gives it.
				const ours = [
					...nodeTypes.filter((type) => type.name.startsWith(`${PACKAGE_NAME}.`)),
					...credentialTypes.filter((type) => packaged.some((file) => typeName(file) === type.name)),
				];
				const icons = ours.flatMap((type) =>
					typeof type.iconUrl === 'string' ? [type.iconUrl] : Object.values(type.iconUrl ?? {}),
				);
				const broken = [];
				for (const icon of new Set(icons)) {
					const response = await fetch(new URL(icon, `${n8n.url}/`));
					const body = await response.text();
					if (!response.ok || !body.includes('<svg')) broken.push(`${icon} (${response.status})`);
				}
				if (broken.length) throw new Error(`icons that do not load: ${broken.join(', ')}`);
				return `${packaged.length} files, ${new Set(icons).size} icons`;
			});

			await check("n8n's log has no warning or error about the package", () => {
				const names = [packageJson().name, 'CUSTOM.', ...[...packagedFiles()].map((file) => path.basename(file, '.js'))];
				// `n8n start` and every CLI run that succeeded (imports, examples, publishing).
				const suspicious = `${n8n.output}\n${n8n.cliOutput}`
					.split('\n')
					.filter((line) => !line.trimStart().startsWith('"'))
					.filter((line) => /warn|error|fail|deprecat|could not/i.test(line))
					.filter((line) => names.some((name) => line.includes(name)) || /custom|extension|nodes? (package|type)|credential type/i.test(line));
				if (suspicious.length) throw new Error(suspicious.slice(0, 20).join('\n'));
				return `${`${n8n.output}\n${n8n.cliOutput}`.split('\n').length} log lines checked`;
			});

			log('\nCredential tests (POST /rest/credentials/test):');
			for (const { credential } of stack.credentials) {
				await check(`${credential.name}: passes against the sandbox`, async () => {
					const result = await client.ok('POST', '/rest/credentials/test', {
						credentials: { id: credential.id, name: credential.name, type: credential.type, data: credential.data },
					});
					if (result.status !== 'OK') throw new Error(`${result.status}: ${result.message}`);
					return result.message;
				});
				await check(`${credential.name}: fails with a wrong secret`, async () => {
					const result = await client.ok('POST', '/rest/credentials/test', {
						// n8n 2.40 wants the ID of a saved credential; the data sent is what gets tested.
						credentials: { id: credential.id, name: credential.name, type: credential.type, data: credential.wrongData },
					});
					if (result.status === 'OK') throw new Error('the test passed with a wrong secret');
					return `"${result.message}"`;
				});
			}

			const triggers = examples.filter((entry) => entry.example.kind === 'trigger');
			if (triggers.length) log('\nTriggers in active workflows (all at once; polling triggers poll once a minute):');
			// Each trigger is checked on its own, concurrently: one-minute polls make them slow one by one.
			await Promise.all(
				triggers.map(({ service, example, id }) =>
					check(`${example.title} [${id}]`, async () => {
						const sim = /** @type {any} */ (sims.get(service.id));
						const workflow = await client.ok('GET', `/rest/workflows/${id}`);
						if (!workflow.active && !workflow.activeVersionId) throw new Error('the workflow is not active');
						const readyBy = Date.now() + TRIGGER_TIMEOUT_MS;
						while (example.ready && !example.ready(sim, sims)) {
							if (Date.now() > readyBy) throw new Error(`the trigger did not start listening within ${TRIGGER_TIMEOUT_MS / 1000} s`);
							await delay(250);
						}
						// Two examples of one service produce into the same simulator: one after the other, so
						// the events each one returns are only its own.
						const expected = await oneAtATime(sim, async () => (await example.produce?.(sim, sims)) ?? []);
						const deadline = Date.now() + TRIGGER_TIMEOUT_MS;
						let why = 'no execution yet';
						while (Date.now() < deadline) {
							const executions = await executionsOf(client, id);
							const failed = executions.find((execution) => execution.status !== 'success');
							if (failed) throw new Error(`execution ${failed.id} ${failed.status}: ${failed.error ?? ''}`);
							const reason = example.accept?.(executions, sim, expected, sims);
							if (executions.length > 0 && reason === undefined) {
								// Nothing more may arrive: no event twice, none invented.
								const settle = example.settleMs ?? TRIGGER_SETTLE_MS;
								await delay(settle);
								const later = await executionsOf(client, id);
								const after = example.accept?.(later, sim, expected, sims);
								if (after !== undefined) throw new Error(`after ${settle / 1000} s more: ${after}`);
								return `${expected.length} events in ${later.length} execution(s), each once`;
							}
							why = reason ?? why;
							await delay(1000);
						}
						const activationError = await client.request('GET', `/rest/active-workflows/error/${id}`);
						throw new Error(`${why} after ${TRIGGER_TIMEOUT_MS / 1000} s; activation error: ${short(activationError.body)}`);
					}),
				),
			);
		}

		if (BROWSER || ONLY_BROWSER) {
			log('\nBrowser check of the editor (Playwright + Chromium):');
			const chromium = ensureChromium();
			const policy = browserPolicy(chromium);
			if ('path' in chromium) {
				await browserChecks({ url: n8n.url, owner: OWNER, services, client, check, log, chromium: chromium.path, sims });
			} else if (policy === 'fail') {
				await check('Chromium for the browser check', () => {
					throw new Error(chromium.missing);
				});
			} else {
				skippedChecks.push('browser check');
				log(`\n${skipBanner(chromium.missing)}`);
			}
		}
	} finally {
		await stack.close();
	}

	if (!ONLY_BROWSER) {
		log('\nLoading through N8N_CUSTOM_EXTENSIONS (types CUSTOM.<node>):');
		await check('the package loads from N8N_CUSTOM_EXTENSIONS and an example runs', async () => {
			const probe = examples.find((entry) => entry.example.kind === 'manual');
			if (!probe) return 'no manual example';
			const workDir = path.join(WORK_DIR, 'extensions-check');
			const extensionStack = await prepareStack({
				workDir,
				services: [probe.service],
				fixedPorts: false,
				port: await freePort(),
				brokerPort: await freePort(),
				cliBrokerPort: await freePort(),
				freshUserFolder: true,
				mode: 'extensions',
				packed: stack.packed,
				log: () => undefined,
			});
			try {
				const entry = extensionStack.examples.find((candidate) => candidate.id === probe.id);
				if (!entry?.json.nodes.some((node) => String(node.type).startsWith('CUSTOM.'))) throw new Error('the example has no CUSTOM. node');
				const result = await extensionStack.n8n.cli(['execute', `--id=${probe.id}`, '--rawOutput']);
				const run = parseRawOutput(result.stdout);
				if (result.status !== 0 || run?.status !== 'success') throw new Error(`exit ${result.status}, status ${run?.status}:\n${tail(result)}`);
				return `"${probe.name}" ran with CUSTOM.* node types`;
			} finally {
				await extensionStack.close();
			}
		});
	}

	const passed = results.filter((result) => result.ok).length;
	const failed = results.length - passed;
	log(`\nn8n log: ${path.relative(ROOT, path.join(WORK_DIR, 'n8n.log'))}; total ${Math.round((Date.now() - started) / 1000)} s`);
	if (failed) {
		log('Failed:');
		for (const result of results.filter((entry) => !entry.ok)) log(`  ✗ ${result.name}`);
	}
	if (skippedChecks.length) log(`SKIPPED (no Chromium): ${skippedChecks.join(', ')}`);
	log(`e2e: ${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

// --queue hands over to the queue-mode suite, which has its own summary line.
(args.has('--queue') ? require('./queue/run').main() : main()).catch((error) => {
	log(`\nThe end-to-end suite could not run: ${error instanceof Error ? error.stack : error}`);
	const passed = results.filter((result) => result.ok).length;
	log(`e2e: ${passed} passed, ${results.length - passed + 1} failed`);
	process.exit(1);
});

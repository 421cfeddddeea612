#!/usr/bin/env node
'use strict';
/**
 * npm run dev: installs what is missing (npm ci; n8n 2.40.7 on Node.js 24 on first use), builds
 * and packs the package and installs it into the instance as a community package, starts the
 * sandbox, imports the sandbox credentials and every workflow of examples/, and starts n8n at
 * http://localhost:5678 with a local owner account. Ctrl-C stops it all.
 * N8N_HOST=2.8 runs it on n8n 2.8.4 / Node.js 20 instead. `npm run dev -- --queue` runs n8n in queue
 * mode instead: PostgreSQL and Redis on free ports, the main process and two workers (e2e/queue/),
 * started afresh each time in .e2e/dev-queue-<host>/.
 *
 * The instance lives in .e2e/dev-<host>/ and is kept between runs (delete that folder to start
 * over); the package, the examples and the credentials are installed again on every start.
 */
const path = require('node:path');

const { ensureDependencies, seconds } = require('./setup');

const STARTED = Date.now();
// Before anything that needs node_modules.
ensureDependencies();

const { loadServices } = require('../e2e/services');
const { ROOT, hostDefinition } = require('../e2e/lib/host');
const { RestClient } = require('../e2e/lib/n8n');
const { prepareStack } = require('../e2e/lib/stack');

const PORT = Number(process.env.N8N_PORT ?? 5678);
const OWNER = {
	email: process.env.DEV_OWNER_EMAIL ?? 'owner@example.com',
	password: process.env.DEV_OWNER_PASSWORD ?? 'Sandbox-owner-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};
const HOST = hostDefinition();
const QUEUE = process.argv.includes('--queue');
const WORK_DIR = path.join(ROOT, '.e2e', `dev-${QUEUE ? 'queue-' : ''}${HOST.id}`);

/** @param {string} line */
function log(line) {
	process.stdout.write(`${line}\n`);
}

async function main() {
	const services = loadServices({ packagedOnly: true });
	const stack = QUEUE
		? await require('../e2e/queue/stack').prepareQueueStack({
				workDir: WORK_DIR,
				services,
				fixedPorts: true,
				port: PORT,
				log,
			})
		: await prepareStack({
				workDir: WORK_DIR,
				services,
				fixedPorts: true,
				port: PORT,
				brokerPort: Number(process.env.N8N_RUNNERS_BROKER_PORT ?? 5679),
				cliBrokerPort: Number(process.env.N8N_RUNNERS_BROKER_PORT ?? 5679) + 1,
				freshUserFolder: false,
				log,
			});
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		log('\nStopping n8n and the sandbox…');
		await stack.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	log(
		`Starting n8n ${HOST.n8nVersion} on ${HOST.nodeLabel}, port ${PORT} (log: ${path.relative(ROOT, path.join(WORK_DIR, 'n8n.log'))})…`,
	);
	if (QUEUE) await stack.startWorkers();
	await stack.n8n.start();
	void stack.n8n.exited?.then(({ code, signal }) => {
		if (stopping) return;
		log(
			`n8n stopped unexpectedly (${signal ?? `exit ${code}`}); see ${path.join(WORK_DIR, 'n8n.log')}`,
		);
		void stop(1);
	});

	const client = new RestClient(stack.n8n.url);
	if (await client.needsOwnerSetup()) await client.setupOwner(OWNER);
	const login = await client.request('POST', '/rest/login', {
		emailOrLdapLoginId: OWNER.email,
		password: OWNER.password,
	});
	const loginNote =
		login.status === 200
			? ''
			: `\n  (this login did not work: the owner of ${path.relative(ROOT, WORK_DIR)} was set up differently; delete that folder to start over)`;

	const width = 72;
	const rule = '─'.repeat(width);
	log(`\n${rule}`);
	log(
		`  n8n ${HOST.n8nVersion} with ${require(path.join(ROOT, 'package.json')).name} is running: ${stack.n8n.url}  (ready in ${seconds(Date.now() - STARTED)})`,
	);
	log(`  Log in with  ${OWNER.email}  /  ${OWNER.password}${loginNote}`);
	log(rule);
	log('  Example workflows (open one and click "Execute workflow"):');
	for (const { example, name, id } of stack.examples) {
		const note = example.kind === 'trigger' ? '  [trigger: publish it to make it listen]' : '';
		log(`    ${name}${note}\n      ${stack.n8n.url}/workflow/${id}`);
	}
	log('  Sandbox (the imported credentials point here; `npm run sandbox` prints their values):');
	for (const service of services) {
		const sim = stack.sims.get(service.id);
		if (sim) log(`    ${service.describe(sim)[0]}`);
	}
	log(
		'  Every simulator answers GET /__sandbox/requests (what it received) and POST /__sandbox/faults.',
	);
	log(rule);
	log('  Ctrl-C stops n8n and the sandbox.');
	log(`${rule}\n`);
}

main().catch((error) => {
	log(`npm run dev failed: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});

#!/usr/bin/env node
'use strict';
/**
 * npm test: everything, on a fresh clone too. Installs what is missing (npm ci, the two n8n hosts,
 * Chromium where apt-get may run), then runs, printing each step and its time:
 *
 *   1. type check (tsc), 2. lint (n8n-node lint, zero warnings),
 *   3. unit, sandbox and engine tests (jest, Node.js 20 with --experimental-websocket),
 *   4. the Zerocap stream tests again on Node.js 24 (its built-in WebSocket, no flag),
 *   5. the packed tarball: contents and n8n's community package scanner rules (scripts/check-package.js),
 *   6. the end-to-end suite on n8n 2.40.7 / Node.js 24, browser check included,
 *   7. the end-to-end suite on n8n 2.8.4 / Node.js 20 (compatibility host, without the browser check),
 *   8. the end-to-end suite in n8n's queue mode on n8n 2.40.7: PostgreSQL, Redis, main and two
 *      workers (e2e/queue/; with the 2.40 host; E2E_QUEUE=0 leaves it out).
 *
 * E2E_HOSTS=2.40 (or 2.8, or none) limits step 6-7. It ends with "test: N passed, M failed",
 * counting jest tests and end-to-end checks, and exits non-zero when anything failed.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const { ROOT, ensureDependencies, log, seconds } = require('./setup');

const started = Date.now();
/** @type {Array<{ name: string, ok: boolean, ms: number, passed: number, failed: number }>} */
const steps = [];

/**
 * Runs one step, showing its output, and counts what its runner reports.
 * @param {string} name @param {string} command @param {string[]} args @param {Record<string, string>} [env]
 */
function step(name, command, args, env = {}) {
	log(`\n━━ ${name} ━━`);
	const stepStarted = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const forward = (/** @type {NodeJS.WriteStream} */ stream) => (/** @type {Buffer} */ chunk) => {
			output += chunk.toString();
			stream.write(chunk);
		};
		child.stdout.on('data', forward(process.stdout));
		child.stderr.on('data', forward(process.stderr));
		child.on('close', (code) => {
			const ms = Date.now() - stepStarted;
			const counts = countsOf(output);
			const ok = code === 0;
			steps.push({ name, ok, ms, ...counts });
			log(`── ${name}: ${ok ? 'ok' : `FAILED (exit ${code})`} in ${seconds(ms)}`);
			resolve(ok);
		});
	});
}

/** Tests counted from jest's "Tests:" line or a closing "<word>: N passed, M failed" line. @param {string} output */
function countsOf(output) {
	const jest = /^Tests:\s+(?:(\d+) failed, )?(?:\d+ skipped, )?(?:\d+ todo, )?(\d+) passed/m.exec(output);
	if (jest) return { passed: Number(jest[2]), failed: Number(jest[1] ?? 0) };
	// The suite's "e2e: N passed, M failed", the package check's "package: …".
	const closing = [...output.matchAll(/^\w+: (\d+) passed, (\d+) failed$/gm)].pop();
	if (closing) return { passed: Number(closing[1]), failed: Number(closing[2]) };
	return { passed: 0, failed: 0 };
}

async function main() {
	log(`npm test on Node.js ${process.versions.node} (${process.env.CI === 'true' ? 'CI' : 'local'})`);
	ensureDependencies();
	const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
	const hosts = (process.env.E2E_HOSTS ?? '2.40,2.8').split(',').map((id) => id.trim()).filter((id) => id && id !== 'none');

	// The hosts first: step 4 needs Node.js 24, and a failed install is best reported up front.
	const { ensureHost, hostDefinition } = require('../e2e/lib/host');
	const installed = new Map();
	for (const id of new Set(['2.40', ...hosts])) {
		const hostStarted = Date.now();
		installed.set(id, ensureHost(log, hostDefinition(id)));
		if (Date.now() - hostStarted > 5000) log(`(n8n host ${id}: ${seconds(Date.now() - hostStarted)})`);
	}

	await step('Type check', bin('tsc'), ['-p', 'tsconfig.test.json']);
	await step('Lint', bin('n8n-node'), ['lint']);
	await step(`Unit, sandbox and engine tests (Node.js ${process.versions.node}, --experimental-websocket)`, process.execPath, [bin('jest')], {
		NODE_OPTIONS: '--experimental-websocket',
	});
	await step(
		'Zerocap stream tests on Node.js 24 (built-in WebSocket)',
		installed.get('2.40').node,
		[bin('jest'), 'test/zerocap/trigger', 'test/zerocap/stream', 'test/shared/sleep'],
		{ NODE_OPTIONS: '' },
	);
	await step('Packed tarball: contents and community package scanner', process.execPath, [path.join(ROOT, 'scripts', 'check-package.js')]);
	for (const id of hosts) {
		const host = hostDefinition(id);
		const args = [path.join(ROOT, 'e2e', 'run.js'), ...(id === '2.40' ? [] : ['--no-browser'])];
		await step(`End-to-end on n8n ${host.n8nVersion} (${host.nodeLabel})`, process.execPath, args, { N8N_HOST: id });
	}
	if (hosts.includes('2.40') && process.env.E2E_QUEUE !== '0') {
		await step('End-to-end in queue mode (n8n 2.40.7: PostgreSQL, Redis, main and two workers)', process.execPath, [path.join(ROOT, 'e2e', 'run.js'), '--queue'], { N8N_HOST: '2.40' });
	}

	log('\n━━ Summary ━━');
	for (const entry of steps) {
		const counts = entry.passed + entry.failed > 0 ? ` (${entry.passed} passed, ${entry.failed} failed)` : '';
		log(`  ${entry.ok ? '✓' : '✗'} ${entry.name}${counts} — ${seconds(entry.ms)}`);
	}
	const passed = steps.reduce((sum, entry) => sum + (entry.passed || (entry.ok ? 1 : 0)), 0);
	const failed = steps.reduce((sum, entry) => sum + (entry.failed || (entry.ok ? 0 : 1)), 0);
	log(`Total ${seconds(Date.now() - started)}.`);
	log(`test: ${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	log(`\nnpm test could not run: ${error instanceof Error ? error.message : error}`);
	log('test: 0 passed, 1 failed');
	process.exit(1);
});

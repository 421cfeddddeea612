#!/usr/bin/env node
'use strict';
// Runs every benchmark (scripts/bench-*.ts|js) one after another and prints their reports.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
	.filter((name) => /^bench-.+\.(ts|js)$/.test(name))
	.filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
	.sort();

if (benches.length === 0) {
	console.log('No benchmarks found.');
	process.exit(0);
}
let failed = 0;
for (const name of benches) {
	console.log(`\n=== ${name}`);
	const result = spawnSync(
		process.execPath,
		['--expose-gc', '--experimental-websocket', '--import', 'tsx', join(__dirname, name)],
		{ stdio: 'inherit', cwd: join(__dirname, '..') },
	);
	if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);

#!/usr/bin/env node
'use strict';
/**
 * npm run docs:images: runs the browser check of the editor against the sandbox (n8n 2.40.7,
 * `node e2e/run.js --browser-only`), then copies its screenshots of every node into docs/images/,
 * where the README and docs/<service>.md show them. `--copy-only` copies the screenshots of the
 * last run without running the check again.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ROOT, ensureDependencies, log } = require('./setup');

const SCREENSHOTS = path.join(ROOT, 'screenshots');
const IMAGES = path.join(ROOT, 'docs', 'images');

ensureDependencies();
if (!process.argv.includes('--copy-only')) {
	// Only this run's screenshots.
	fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
	const result = spawnSync(process.execPath, [path.join(ROOT, 'e2e', 'run.js'), '--browser-only'], {
		cwd: ROOT,
		stdio: 'inherit',
		env: { ...process.env, CI: 'true' },
	});
	if (result.status !== 0) {
		log('The browser check failed: docs/images/ is left as it was.');
		process.exit(1);
	}
}
const shots = fs.existsSync(SCREENSHOTS)
	? fs.readdirSync(SCREENSHOTS).filter((file) => file.endsWith('.png') && !file.includes('-failed'))
	: [];
if (shots.length === 0) {
	log('No screenshots in screenshots/: run npm run docs:images without --copy-only');
	process.exit(1);
}
fs.mkdirSync(IMAGES, { recursive: true });
// docs/images holds exactly the screenshots of the browser check.
for (const file of fs.readdirSync(IMAGES)) if (file.endsWith('.png')) fs.rmSync(path.join(IMAGES, file));
for (const file of shots) fs.copyFileSync(path.join(SCREENSHOTS, file), path.join(IMAGES, file));
log(`Copied ${shots.length} screenshots into docs/images/: ${shots.join(', ')}`);

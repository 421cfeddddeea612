'use strict';
/**
 * The pinned n8n host: e2e/n8n-host holds its package.json, lockfile and .npmrc; it is installed
 * with `npm ci` into an ignored cache folder (.n8n-host/ by default, or $N8N_HOST_DIR) and
 * reinstalled only when one of those three files changes.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'e2e', 'n8n-host');
const FILES = ['package.json', 'package-lock.json', '.npmrc'];

function hostDir() {
	return path.resolve(ROOT, process.env.N8N_HOST_DIR || '.n8n-host');
}

function sourceHash() {
	const hash = createHash('sha256');
	for (const file of FILES) hash.update(file).update(fs.readFileSync(path.join(SOURCE, file)));
	return hash.digest('hex');
}

/** The environment without the npm_* variables that `npm run` sets, so the host's own .npmrc applies. */
function cleanNpmEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key) && key.toLowerCase() !== 'npm_config_cache') delete env[key];
	}
	return env;
}

/** The n8n entry point inside the installed host. */
function n8nBin(dir = hostDir()) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/**
 * Installs the host when it is missing or its lockfile changed; returns the path of the n8n binary.
 * @param {(line: string) => void} [log]
 */
function ensureHost(log = (line) => process.stdout.write(`${line}\n`)) {
	const dir = hostDir();
	const stamp = path.join(dir, '.installed');
	const wanted = sourceHash();
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === wanted && fs.existsSync(n8nBin(dir))) {
		return n8nBin(dir);
	}
	log(`Installing the pinned n8n host into ${path.relative(ROOT, dir) || dir} (npm ci, a few minutes, about 2.3 GB; done once)…`);
	const started = Date.now();
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(stamp, { force: true });
	for (const file of FILES) fs.copyFileSync(path.join(SOURCE, file), path.join(dir, file));
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		stdio: 'inherit',
		env: { ...cleanNpmEnv(), npm_config_ignore_scripts: 'false' },
	});
	if (result.status !== 0) {
		throw new Error(`npm ci of the n8n host failed (exit ${result.status}) in ${dir}`);
	}
	if (!fs.existsSync(n8nBin(dir))) throw new Error(`n8n is missing after npm ci in ${dir}`);
	fs.writeFileSync(stamp, `${wanted}\n`);
	log(`n8n host installed in ${Math.round((Date.now() - started) / 1000)} s.`);
	return n8nBin(dir);
}

module.exports = { ROOT, cleanNpmEnv, ensureHost, hostDir, n8nBin };

if (require.main === module) {
	try {
		console.log(ensureHost());
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}

'use strict';
/**
 * What `npm test` and `npm run dev` install by themselves when it is missing: the project's own
 * dependencies (npm ci), and Debian's Chromium for the browser check (apt-get, as root or with
 * passwordless sudo). The n8n hosts are installed by e2e/lib/host.js. Only Node.js built-ins here:
 * this runs before node_modules exists.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');

/** @param {string} line */
function log(line) {
	process.stdout.write(`${line}\n`);
}

/** @param {number} ms */
function seconds(ms) {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** The Node.js version this package's tooling needs (package.json engines: >=20.19). */
function checkNode() {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 19)) {
		throw new Error(
			`Node.js ${process.versions.node} is too old: this project needs Node.js 20.19 or later (n8n 2.8.4 needs 20.19; the n8n 2.40.7 host brings its own Node.js 24)`,
		);
	}
}

/**
 * Runs `npm ci` when node_modules is missing or older than package-lock.json.
 * @returns {boolean} whether it installed
 */
function ensureDependencies() {
	checkNode();
	const installedLock = path.join(ROOT, 'node_modules', '.package-lock.json');
	const lock = path.join(ROOT, 'package-lock.json');
	if (fs.existsSync(installedLock) && fs.statSync(installedLock).mtimeMs >= fs.statSync(lock).mtimeMs) return false;
	log('Installing the project dependencies (npm ci)…');
	const started = Date.now();
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		throw new Error(
			`npm ci failed (exit ${result.status ?? result.signal}): check that the npm registry is reachable (npm ping), then run npm ci yourself to see the whole error`,
		);
	}
	log(`Dependencies installed in ${seconds(Date.now() - started)}.`);
	return true;
}

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** @param {string} command @param {string[]} args */
function run(command, args) {
	return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * Makes sure the browser check has a Chromium: $CHROMIUM_PATH, or /usr/bin/chromium, installed
 * with apt-get when it is missing and this user may install packages.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ path: string } | { missing: string }} the binary, or why there is none
 */
function ensureChromium(env = process.env) {
	const wanted = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
	if (fs.existsSync(wanted)) return { path: wanted };
	if (env.CHROMIUM_PATH) return { missing: `CHROMIUM_PATH=${wanted} does not exist` };
	const fix = 'install it with `sudo apt-get install -y chromium` (Debian, Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary';
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		return { missing: `${DEFAULT_CHROMIUM} is missing and this machine has no apt-get: ${fix}` };
	}
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	const sudo = root ? [] : ['sudo', '-n'];
	if (!root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
		return { missing: `${DEFAULT_CHROMIUM} is missing, and this user is not root and has no passwordless sudo: ${fix}` };
	}
	log(`Chromium is missing: installing Debian's chromium package (${root ? '' : 'sudo '}apt-get install chromium, about 1 minute)…`);
	const started = Date.now();
	const [command, ...prefix] = [...sudo, 'apt-get'];
	const update = run(command, [...prefix, 'update', '-qq']);
	const install = update.status === 0 ? run(command, [...prefix, 'install', '-y', '-qq', 'chromium']) : update;
	if (install.status !== 0 || !fs.existsSync(DEFAULT_CHROMIUM)) {
		return { missing: `apt-get could not install chromium (exit ${install.status}): ${fix}` };
	}
	log(`Chromium installed in ${seconds(Date.now() - started)}.`);
	return { path: DEFAULT_CHROMIUM };
}

/**
 * What the browser check does with what ensureChromium() found: run it; without a browser, fail
 * under CI=true, and elsewhere skip it with a loud line (never a silent pass).
 * @param {{ path: string } | { missing: string }} chromium @param {NodeJS.ProcessEnv} [env]
 * @returns {'run' | 'fail' | 'skip'}
 */
function browserPolicy(chromium, env = process.env) {
	if ('path' in chromium) return 'run';
	return env.CI === 'true' ? 'fail' : 'skip';
}

/** The framed line printed when the browser check is skipped. @param {string} why */
function skipBanner(why) {
	const rule = '!'.repeat(72);
	return `${rule}\n!! BROWSER CHECK SKIPPED: ${why}\n!! (with CI=true this fails the run)\n${rule}`;
}

module.exports = { ROOT, browserPolicy, checkNode, ensureChromium, ensureDependencies, log, seconds, skipBanner };

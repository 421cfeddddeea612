'use strict';
/**
 * Builds the package and packs it with `npm pack`, then puts the tarball where n8n loads it:
 *
 * - installPackage(): as a user installs it. *Settings → Community Nodes → Install* (n8n 2.40
 *   CommunityPackagesService.downloadPackage) unpacks the tarball into <user folder>/.n8n/nodes/
 *   node_modules/<name>, drops dev/peer/optional dependencies from its package.json, runs
 *   `npm install` there and records the package in nodes/package.json. n8n scans that folder at
 *   start-up; node types are then `<package name>.<node name>`.
 * - unpackForExtensions(): into a folder for N8N_CUSTOM_EXTENSIONS (types `CUSTOM.<node name>`).
 *   The working copy itself cannot be used: its node_modules holds n8n's own packages and node files.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ROOT, cleanNpmEnv } = require('./host');

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status})\n${result.stdout ?? ''}${result.stderr ?? ''}`,
		);
	}
	return result.stdout ?? '';
}

/** The package's own package.json. */
function packageJson() {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/**
 * @typedef {object} PackedPackage
 * @property {string} tarball
 * @property {string} name
 * @property {string} version
 * @property {string[]} files the paths inside the tarball
 */

/**
 * Builds (unless told not to) and packs the package into `packDir`.
 * @param {string} packDir
 * @param {{ build?: boolean, log?: (line: string) => void }} [options]
 * @returns {PackedPackage}
 */
function packPackage(packDir, options = {}) {
	const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
	if (options.build !== false) {
		log('Building the package (npm run build)…');
		run('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
	}
	fs.rmSync(packDir, { recursive: true, force: true });
	fs.mkdirSync(packDir, { recursive: true });
	const packed = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', packDir]));
	const { name, version } = packageJson();
	const files = packed[0].files.map((/** @type {{ path: string }} */ file) => file.path);
	log(`Packed ${packed[0].filename} (${files.length} files, ${Math.round(packed[0].size / 1024)} kB)`);
	return { tarball: path.join(packDir, packed[0].filename), name, version, files };
}

/**
 * Installs the tarball into the n8n user folder as n8n's community package installer does.
 * @param {PackedPackage} packed
 * @param {string} userFolder N8N_USER_FOLDER (n8n uses its .n8n/ subfolder)
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {string} the installed package folder
 */
function installPackage(packed, userFolder, options = {}) {
	const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', packed.name);
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	const nodesPackage = fs.existsSync(manifest)
		? JSON.parse(fs.readFileSync(manifest, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	run('tar', ['-xzf', packed.tarball, '-C', target, '--strip-components=1']);
	const packageFile = path.join(target, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = JSON.parse(
		fs.readFileSync(packageFile, 'utf8'),
	);
	fs.writeFileSync(packageFile, JSON.stringify(installed, null, 2));
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: target, env: cleanNpmEnv() },
	);
	nodesPackage.dependencies = { ...(nodesPackage.dependencies ?? {}), [packed.name]: packed.version };
	fs.writeFileSync(manifest, JSON.stringify(nodesPackage, null, 2));
	log(`Installed ${packed.name}@${packed.version} as a community package into ${path.relative(ROOT, nodesDir)}`);
	return target;
}

/**
 * Unpacks the tarball into `<extensionsDir>/<name>` for N8N_CUSTOM_EXTENSIONS.
 * @param {PackedPackage} packed @param {string} extensionsDir
 */
function unpackForExtensions(packed, extensionsDir) {
	const target = path.join(extensionsDir, packed.name);
	fs.rmSync(extensionsDir, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	run('tar', ['-xzf', packed.tarball, '-C', target, '--strip-components=1']);
	return target;
}

module.exports = { installPackage, packPackage, packageJson, unpackForExtensions };

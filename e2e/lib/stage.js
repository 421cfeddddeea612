'use strict';
/**
 * Builds the package and unpacks what `npm pack` would publish (package.json + dist/) into a
 * folder of its own. n8n loads it from there through N8N_CUSTOM_EXTENSIONS; the working copy
 * itself cannot be used, because its node_modules holds n8n's own packages and node files.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { ROOT } = require('./host');

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
 * @param {string} extensionsDir the folder N8N_CUSTOM_EXTENSIONS will point at
 * @param {{ build?: boolean, log?: (line: string) => void }} [options]
 * @returns {string} the folder the package was unpacked into
 */
function stagePackage(extensionsDir, options = {}) {
	const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
	if (options.build !== false) {
		log('Building the package (npm run build)…');
		run('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
	}
	const packDir = path.join(extensionsDir, '..', 'pack');
	fs.rmSync(packDir, { recursive: true, force: true });
	fs.mkdirSync(packDir, { recursive: true });
	const packed = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', packDir]));
	const tarball = path.join(packDir, packed[0].filename);
	const name = packageJson().name;
	const target = path.join(extensionsDir, name);
	fs.rmSync(extensionsDir, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const files = packed[0].files.map((file) => file.path);
	log(`Packed ${packed[0].filename} (${files.length} files) into ${path.relative(ROOT, target)}`);
	return target;
}

module.exports = { packageJson, stagePackage };

#!/usr/bin/env node
'use strict';
/**
 * npm run check:package: builds and packs the package as `npm publish` would, lists the tarball,
 * checks its contents, and runs n8n's community package scanner (@n8n/scan-community-package,
 * `analyzePackage`, and the same rules counting warnings too) over what the tarball holds and over the source files the scanner reads from
 * the attested commit (package.json, nodes/ and credentials/). Any finding fails.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const results = { passed: 0, failed: 0 };

/** @param {string} name @param {() => string | void | Promise<string | void>} fn */
async function check(name, fn) {
	try {
		const note = await fn();
		results.passed++;
		process.stdout.write(`  ✓ ${name}${note ? ` — ${note}` : ''}\n`);
	} catch (error) {
		results.failed++;
		process.stdout.write(`  ✗ ${name}\n${String(error instanceof Error ? error.message : error).replace(/^/gm, '      ')}\n`);
	}
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
	return result.stdout;
}

async function main() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-check-'));
	try {
		process.stdout.write('Building (npm run build) and packing (npm pack)…\n');
		run('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
		const [packed] = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', work]));
		const files = packed.files.map((/** @type {{ path: string, size: number }} */ file) => file.path).sort();
		process.stdout.write(`${packed.filename}: ${files.length} files, ${Math.round(packed.size / 1024)} kB packed, ${Math.round(packed.unpackedSize / 1024)} kB unpacked\n`);
		const byFolder = new Map();
		for (const file of files) {
			const folder = file.includes('/') ? file.split('/').slice(0, 3).join('/') : '.';
			byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
		}
		for (const [folder, count] of byFolder) process.stdout.write(`  ${folder}: ${count}\n`);
		// `npm run check:package -- --list` prints every file.
		if (process.argv.includes('--list')) for (const file of files) process.stdout.write(`    ${file}\n`);

		process.stdout.write('\nContents:\n');
		await check('only package.json, README.md, LICENSE, the main file and built dist/ files (no sources, tests, sandbox, maps)', () => {
			const unexpected = files.filter(
				(file) =>
					!['package.json', 'README.md', 'LICENSE', pkg.main].includes(file) &&
					!(file.startsWith('dist/') && /\.(js|json|svg)$/.test(file) && !file.endsWith('.tsbuildinfo')),
			);
			if (unexpected.length) throw new Error(`unexpected files: ${unexpected.join(', ')}`);
		});
		await check('every node and credential of package.json is in the tarball, with its icons', () => {
			const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
			const missing = listed.filter((file) => !files.includes(file));
			for (const node of pkg.n8n?.nodes ?? []) {
				const source = fs.readFileSync(path.join(ROOT, node), 'utf8');
				for (const [, icon] of source.matchAll(/file:([\w.-]+\.svg)/g)) {
					const iconPath = path.posix.join(path.posix.dirname(node), icon);
					if (!files.includes(iconPath)) missing.push(iconPath);
				}
				const codex = node.replace(/\.js$/, '.json');
				if (!files.includes(codex)) missing.push(codex);
			}
			if (missing.length) throw new Error(`missing: ${[...new Set(missing)].join(', ')}`);
			return `${listed.length} files listed`;
		});
		await check('no runtime dependencies; n8n-workflow only as a peer', () => {
			if (Object.keys(pkg.dependencies ?? {}).length) throw new Error(`dependencies: ${Object.keys(pkg.dependencies).join(', ')}`);
			if (Object.keys(pkg.peerDependencies ?? {}).join() !== 'n8n-workflow') throw new Error(`peerDependencies: ${JSON.stringify(pkg.peerDependencies)}`);
		});
		await check('no secrets or development paths in the tarball', () => {
			const unpacked = path.join(work, 'package');
			run('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
			const hits = [];
			for (const file of files) {
				const text = fs.readFileSync(path.join(unpacked, file), 'utf8');
				// A real PEM key (a placeholder or a message that names the format is fine), or an absolute build path.
				const key = /-----BEGIN [A-Z ]*PRIVATE KEY-----(?:\\n|\s)*[A-Za-z0-9+/=]{40}/.test(text);
				const buildPath = /["'`](?:\/work|\/home|\/root|\/tmp)\//.test(text);
				if (key || buildPath) hits.push(`${file}${key ? ' (private key)' : ' (absolute path)'}`);
			}
			if (hits.length) throw new Error(hits.join(', '));
		});

		process.stdout.write('\nn8n community package scanner (@n8n/scan-community-package analyzePackage):\n');
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		/**
		 * analyzePackage fails on errors only; "zero findings" also means no warnings, so the same
		 * configuration (the scanner's buildScanConfig, inline disable comments ignored) runs here too.
		 * @param {string} dir @param {string[]} patterns
		 */
		const findings = async (dir, patterns) => {
			const { ESLint } = require('eslint');
			const eslint = new ESLint({
				cwd: dir,
				allowInlineConfig: false,
				overrideConfigFile: true,
				overrideConfig: await scanner.buildScanConfig(),
				ignorePatterns: ['node_modules/**', '**/package-lock.json'],
				errorOnUnmatchedPattern: false,
			});
			const lint = await eslint.lintFiles(patterns);
			const count = lint.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
			const formatted = count ? await (await eslint.loadFormatter('stylish')).format(lint) : '';
			return { files: lint.length, count, formatted };
		};
		await check('the tarball: every .js and .json file', async () => {
			const dir = path.join(work, 'package');
			const result = await scanner.analyzePackage(dir);
			if (!result.passed) throw new Error(`${result.message}\n${result.details ?? ''}`);
			const strict = await findings(dir, ['**/*.js', '**/*.json']);
			if (strict.count) throw new Error(`${strict.count} findings:\n${strict.formatted}`);
			return `analyzePackage passed; ${strict.files} files, 0 errors, 0 warnings`;
		});
		await check('the source the scanner reads from the attested commit (package.json, nodes/, credentials/)', async () => {
			const result = await scanner.analyzePackage(ROOT, scanner.SOURCE_FILE_PATTERNS);
			if (!result.passed) throw new Error(`${result.message}\n${result.details ?? ''}`);
			const strict = await findings(ROOT, scanner.SOURCE_FILE_PATTERNS);
			if (strict.count) throw new Error(`${strict.count} findings:\n${strict.formatted}`);
			return `analyzePackage passed; ${strict.files} files, 0 errors, 0 warnings`;
		});
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	process.stdout.write(`package: ${results.passed} passed, ${results.failed} failed\n`);
	process.exitCode = results.failed ? 1 : 0;
}

main().catch((error) => {
	process.stdout.write(`check:package could not run: ${error.stack ?? error}\npackage: 0 passed, 1 failed\n`);
	process.exit(1);
});

'use strict';
/**
 * Browser check of the n8n editor with Playwright (playwright-core) and Debian's Chromium,
 * headless: logs in, opens each node of the package from the nodes panel, picks a resource and
 * an operation, checks that the parameters render and that resource pickers fill from the
 * sandbox, and saves screenshots under screenshots/ (ignored by git).
 *
 * Run alone with `npm run test:browser`; `npm test` runs it as part of the end-to-end suite.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { browserChecksOf, examplesOf } = require('./services');
const { executionsOf } = require('./lib/executions');
const { delay } = require('./lib/n8n');
const { ROOT } = require('./lib/host');

const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const SCREENSHOTS = path.join(ROOT, 'screenshots');
const TIMEOUT_MS = 30000;

/**
 * @param {object} options
 * @param {string} options.url the editor
 * @param {{ email: string, password: string }} options.owner
 * @param {import('./services').Service[]} options.services
 * @param {import('./lib/n8n').RestClient} options.client logged in as the owner, to read executions
 * @param {(name: string, fn: () => Promise<string | void>) => Promise<boolean>} options.check
 * @param {(line: string) => void} options.log
 * @param {string} options.chromium the Chromium binary (scripts/setup.js ensureChromium)
 * @param {Map<string, any>} [options.sims] the running simulators by service ID
 */
async function browserChecks({ url, owner, services, client, check, log, chromium: CHROMIUM, sims }) {
	/** @type {string[]} */
	const shots = [];
	let browser;
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-chromium-'));
	const launched = await check(`Chromium starts headless (${CHROMIUM})`, async () => {
		const { chromium } = require('playwright-core');
		browser = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: FLAGS,
			viewport: { width: 1600, height: 1000 },
		});
	});
	if (!launched || !browser) return;
	const context = /** @type {import('playwright-core').BrowserContext} */ (browser);
	context.setDefaultTimeout(TIMEOUT_MS);
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const page = context.pages()[0] ?? (await context.newPage());

	/** @param {string} name */
	const shot = async (name) => {
		const file = path.join(SCREENSHOTS, `${name}.png`);
		await page.screenshot({ path: file });
		shots.push(file);
		return file;
	};

	try {
		const loggedIn = await check('log in to the editor', async () => {
			await page.goto(`${url}/signin`);
			await page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(owner.email);
			await page.locator('input[name="password"], input[type="password"]').first().fill(owner.password);
			await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
			await page.waitForURL((target) => !target.pathname.includes('/signin'));
			await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => undefined);
			await dismissPopups(page);
			await shot('00-signed-in');
			return `at ${new URL(page.url()).pathname}`;
		});
		if (!loggedIn) return;

		for (const { service, entry } of browserChecksOf(services)) {
			const slug = `${service.id}-${entry.trigger ? 'trigger' : 'node'}`;
			const picks = entry.picks ?? [
				['resource', entry.resource],
				['operation', entry.operation],
			];
			const title = `${entry.node}${entry.trigger ? ' (trigger)' : ''}: nodes panel → ${picks.map(([, option]) => option).join(' → ')}, parameters render`;
			await check(title, async () => {
				try {
					await addNodeFromPanel(page, entry.node, Boolean(entry.trigger));
					const ndv = page.locator('[data-test-id="ndv"]');
					await ndv.waitFor();
					for (const [parameter, option] of picks) await pickOption(page, parameter, option);
					await expectParameters(page, entry.parameters);
					const file = await shot(`${slug}-parameters`);
					return `${entry.parameters.length} parameters; ${path.relative(ROOT, file)}`;
				} catch (error) {
					await shot(`${slug}-failed`).catch(() => undefined);
					throw error;
				}
			});
			if (entry.picker) {
				const picker = entry.picker;
				await check(`${entry.node}${entry.trigger ? " (trigger)" : ""}: the ${picker.parameter} picker lists "${picker.expect}" from the sandbox`, async () => {
					try {
						const list = await openResourceLocator(page, picker.parameter);
						await list.locator('[data-test-id="rlc-item"]', { hasText: picker.expect }).first().waitFor();
						const names = await list.locator('[data-test-id="rlc-item"]').allInnerTexts();
						const file = await shot(`${slug}-picker`);
						// Searching narrows the list (the node's search runs on the sandbox's answer).
						const query = picker.search ?? picker.expect;
						await page.locator('[data-test-id="rlc-search"]:visible').first().fill(query);
						const items = page.locator('[data-test-id="rlc-item"]:visible');
						let narrowed = names;
						for (let attempt = 0; attempt < 60 && (narrowed.length === 0 || narrowed.length >= names.length); attempt++) {
							await page.waitForTimeout(250);
							narrowed = await items.allInnerTexts();
						}
						if (!narrowed.length || narrowed.length >= names.length || !narrowed.every((text) => text.includes(picker.expect))) {
							throw new Error(`searching "${query}" left: ${narrowed.join(', ')}`);
						}
						await shot(`${slug}-picker-search`);
						await items.filter({ hasText: picker.expect }).first().click();
						const chosen = await page
							.locator(`[data-test-id="ndv"] [data-test-id="resource-locator-${picker.parameter}"] [data-test-id="rlc-input"] input, [data-test-id="ndv"] [data-test-id="resource-locator-${picker.parameter}"] input[data-test-id="rlc-input"]`)
							.first()
							.inputValue()
							.catch(() => '');
						if (!chosen.includes(picker.expect)) throw new Error(`after picking, the field shows "${chosen}"`);
						await shot(`${slug}-picked`);
						return `${names.length} entries (${names.map((name) => name.trim()).join(', ')}); search → ${narrowed.map((name) => name.trim()).join(', ')}; ${path.relative(ROOT, file)}`;
					} catch (error) {
						await shot(`${slug}-picker-failed`).catch(() => undefined);
						throw error;
					}
				});
			}
		}

		for (const { service, id, name } of examplesOf(services).filter((entry) => entry.example.kind === 'manual')) {
			await check(`example "${name}": opens in the editor and runs`, async () => {
				// As on a user's first run: the sandbox as it starts (the CLI already ran this example once,
				// and an example may create things that can exist only once, such as a user's phone number).
				const sim = sims?.get(service.id);
				sim?.reset?.();
				await sim?.ready?.();
				const before = (await executionsOf(client, id)).length;
				await page.goto(`${url}/workflow/${id}`);
				await page.locator('[data-test-id="execute-workflow-button"]').first().click();
				const deadline = Date.now() + 60000;
				while (Date.now() < deadline) {
					const executions = await executionsOf(client, id);
					if (executions.length > before) {
						const latest = executions[executions.length - 1];
						await page.waitForTimeout(1000);
						const file = await shot(`example-${id}`);
						if (latest.status !== 'success') throw new Error(`execution ${latest.id} ${latest.status}: ${latest.error ?? ''}`);
						return path.relative(ROOT, file);
					}
					await delay(500);
				}
				await shot(`example-${id}-failed`);
				throw new Error('no execution started within 60 s');
			});
		}
	} finally {
		await context.close().catch(() => undefined);
		fs.rmSync(userDataDir, { recursive: true, force: true });
		if (shots.length) {
			log('  Screenshots:');
			for (const file of shots) log(`    ${file}`);
		}
	}
}

/** Closes the dialogs a new owner sees (e.g. the personalisation survey). @param {import('playwright-core').Page} page */
async function dismissPopups(page) {
	await page.keyboard.press('Escape').catch(() => undefined);
}

/**
 * Opens a new workflow and adds the node from the nodes panel: a trigger as the first step, an
 * action node after a Manual Trigger (from the trigger's "+" handle). Ends with the node's
 * settings open.
 * @param {import('playwright-core').Page} page @param {string} nodeName @param {boolean} trigger
 */
async function addNodeFromPanel(page, nodeName, trigger) {
	await page.goto(new URL('/workflow/new', page.url()).toString());
	await dismissPopups(page);
	await page.locator('[data-test-id="canvas-add-button"]').first().click();
	const search = page.locator('[data-test-id="node-creator-search-bar"]').first();
	if (!trigger) {
		await search.fill('Manual Trigger');
		await creatorItem(page, 'Manual Trigger').click();
		await page.locator('[data-test-id="canvas-handle-plus"]').first().click();
	}
	await search.fill(nodeName);
	await creatorItem(page, nodeName).click();
	// The panel now lists the node's actions (or trigger events), the first one highlighted:
	// Enter adds the node with it.
	const ndv = page.locator('[data-test-id="ndv"]');
	for (let attempt = 0; attempt < 6; attempt++) {
		await page.waitForTimeout(500);
		await page.keyboard.press('Enter');
		if (await ndv.waitFor({ timeout: 3000 }).then(() => true, () => false)) return;
	}
	throw new Error(`the settings of ${nodeName} did not open from the nodes panel`);
}

/** An entry of the nodes panel by its exact name. @param {import('playwright-core').Page} page @param {string} name */
function creatorItem(page, name) {
	return page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({
			has: page.locator('[data-test-id="node-creator-item-name"]', {
				hasText: new RegExp(`^\\s*${escape(name)}\\s*$`),
			}),
		})
		.first();
}

/**
 * Picks an option of an options parameter by its display name.
 * @param {import('playwright-core').Page} page @param {string} parameter @param {string} option
 */
async function pickOption(page, parameter, option) {
	const input = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"]`).first();
	await input.click();
	const exact = new RegExp(`^\\s*${escape(option)}\\s*$`);
	const items = page.locator('.el-select-dropdown__item:visible');
	// Options with a description show it under the name (".option-headline").
	const item = items
		.filter({ has: page.locator('.option-headline', { hasText: exact }) })
		.or(items.filter({ hasText: exact }))
		.first();
	await item.click();
	await page
		.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"] input`)
		.first()
		.evaluate((element, expected) => {
			const value = /** @type {HTMLInputElement} */ (element).value;
			if (value !== expected) throw new Error(`the ${element.name || 'parameter'} shows "${value}", not "${expected}"`);
		}, option)
		.catch((error) => {
			if (String(error.message).includes('shows')) throw error;
		});
	// Let the closing list fade out before anything is read or photographed.
	await page.waitForTimeout(500);
}

/**
 * Waits until the node's parameter panel shows a label for each of the given display names.
 * @param {import('playwright-core').Page} page @param {string[]} labels
 */
async function expectParameters(page, labels) {
	const panel = page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]').first();
	const deadline = Date.now() + 10000;
	let missing = labels;
	while (Date.now() < deadline) {
		const lines = new Set(
			(await panel.innerText())
				.split('\n')
				.map((line) => line.replace(/\*\s*$/, '').trim())
				.filter(Boolean),
		);
		missing = labels.filter((label) => !lines.has(label));
		if (missing.length === 0) return;
		await page.waitForTimeout(250);
	}
	throw new Error(`parameters not shown: ${missing.join(', ')}`);
}

/**
 * Opens the list of a resource locator parameter ("From list" mode) and returns its list.
 * @param {import('playwright-core').Page} page @param {string} name the parameter's name
 */
async function openResourceLocator(page, name) {
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator(`[data-test-id="resource-locator-${name}"] [data-test-id="rlc-input"]`).first().click();
	const list = page.locator('[data-test-id="rlc-item"]:visible').first().locator('xpath=..');
	await list.waitFor();
	return list;
}

/** @param {string} text */
function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = { browserChecks };

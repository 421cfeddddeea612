'use strict';
/**
 * One module per service describes how the real-n8n runs use it: how to start its simulator,
 * which credentials to import, which example workflows to run and what their output must show,
 * and what the browser check opens. Add a service by adding a module to SERVICES.
 *
 * @typedef {import('../../sandbox/common/server').Simulator} Simulator
 *
 * @typedef {object} Credential
 * @property {string} id fixed ID that the example workflows reference
 * @property {string} name
 * @property {string} type credential type name
 * @property {Record<string, unknown>} data plain values; n8n encrypts them on import
 * @property {Record<string, unknown>} wrongData the same with a wrong secret: its test must fail
 *
 * @typedef {object} RunContext
 * @property {Simulator} sim
 * @property {(nodeName: string) => any[]} output the JSON items a node produced
 * @property {any} run the whole run data
 *
 * @typedef {object} Example
 * @property {string} file workflow JSON under examples/ (what users import; node types
 *   `n8n-nodes-crypto-suite.<node>`), or under e2e/workflows/ for a workflow only the suite runs
 * @property {'manual' | 'trigger'} kind manual: run with `n8n execute`; trigger: published and observed in `n8n start`
 * @property {string} title
 * @property {string} [requires] dist path of a node it needs besides the service's first node
 *   (e.g. a trigger); the example is left out while that node is not in package.json
 * @property {(context: RunContext) => void | Promise<void>} [assert] for manual examples; throws when wrong
 * @property {(sim: any, sims: Map<string, Simulator>) => boolean} [ready] for triggers: whether the active trigger is listening
 *   (sims: every simulator of the run by service ID, for recipes that span services)
 * @property {(sim: any, sims: Map<string, Simulator>) => Promise<string[]>} [produce] for triggers: makes the sandbox produce events;
 *   returns the keys of the events the trigger must deliver
 * @property {(executions: Array<{ output: (nodeName: string) => any[] }>, sim: any, expected: string[], sims: Map<string, Simulator>) => string | undefined} [accept]
 *   for triggers: given the finished executions so far, why they are not right yet, or undefined
 * @property {number} [settleMs] for triggers: how long nothing more may arrive afterwards (default 5 s)
 *
 * @typedef {object} BrowserCheck
 * @property {string} node the name the nodes panel lists it under
 * @property {boolean} [trigger] add it as the first step (a trigger) instead of after a Manual Trigger
 * @property {string} [resource] display name of the resource to pick
 * @property {string} [operation] display name of the operation to pick
 * @property {Array<[string, string]>} [picks] instead: [parameter name, option display name] pairs to pick
 * @property {string[]} parameters display names of parameters that must render
 * @property {{ parameter: string, expect: string, search?: string }} [picker] a resource locator (by parameter name)
 *   whose list must fill from the sandbox and contain `expect`; typing `search` must narrow it
 * @property {string} [requires] dist path of the node, when it is not the service's first node
 *
 * @typedef {object} Service
 * @property {string} id
 * @property {string} title
 * @property {string[]} nodes the dist paths of its nodes; the service runs when the first is in package.json
 * @property {number} port the fixed sandbox port
 * @property {() => boolean} available whether its simulator exists at this commit
 * @property {(port: number, host?: string) => Promise<Simulator>} start
 * @property {(sim: Simulator) => Credential[]} credentials
 * @property {(sim: Simulator) => string[]} describe lines that tell a person how to use the sandbox
 * @property {Example[]} examples
 * @property {BrowserCheck[]} browser
 */

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** @type {Service[]} */
const SERVICES = [require('./wallet-service'), require('./quoine'), require('./zerocap'), require('./cryptocoin'), require('./coinview')];

/** The dist paths listed in package.json's n8n section. */
function packagedFiles() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return new Set([...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]);
}

/**
 * The services whose simulator exists; with `packagedOnly`, also only those whose node is in
 * package.json's n8n section (the ones a real n8n can run at this commit).
 * @param {{ packagedOnly?: boolean }} [options]
 */
function loadServices(options = {}) {
	const packaged = packagedFiles();
	return SERVICES.filter((service) => service.available()).filter(
		(service) => !options.packagedOnly || packaged.has(service.nodes[0]),
	);
}

const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
const EXAMPLE_DIRS = [path.join(ROOT, 'examples'), path.join(__dirname, '..', 'workflows')];

/**
 * A workflow with the node types of this package written for how n8n loaded it: `installed`
 * (community package: `<package>.<node>`) or `extensions` (N8N_CUSTOM_EXTENSIONS: `CUSTOM.<node>`).
 * @param {any} json @param {'installed' | 'extensions'} mode
 */
function withNodeTypes(json, mode) {
	const prefix = mode === 'extensions' ? 'CUSTOM.' : `${PACKAGE_NAME}.`;
	return {
		...json,
		nodes: (json.nodes ?? []).map((/** @type {any} */ node) => {
			const match = /^(?:CUSTOM|n8n-nodes-crypto-suite)\.(.+)$/.exec(String(node.type));
			return match ? { ...node, type: `${prefix}${match[1]}` } : node;
		}),
	};
}

/** The example workflows of the given services, with their parsed JSON. @param {Service[]} services */
function examplesOf(services, mode = /** @type {'installed' | 'extensions'} */ ('installed')) {
	const packaged = packagedFiles();
	return services.flatMap((service) =>
		service.examples.filter((example) => !example.requires || packaged.has(example.requires)).map((example) => {
			const file = EXAMPLE_DIRS.map((dir) => path.join(dir, example.file)).find((candidate) => fs.existsSync(candidate));
			if (!file) throw new Error(`example ${example.file} of ${service.title} is neither in examples/ nor in e2e/workflows/`);
			const json = withNodeTypes(JSON.parse(fs.readFileSync(file, 'utf8')), mode);
			return { service, example, json, file, id: /** @type {string} */ (json.id), name: /** @type {string} */ (json.name) };
		}),
	);
}

/** The browser checks of the given services whose node is packaged. @param {Service[]} services */
function browserChecksOf(services) {
	const packaged = packagedFiles();
	return services.flatMap((service) =>
		service.browser
			.filter((entry) => !entry.requires || packaged.has(entry.requires))
			.map((entry) => ({ service, entry })),
	);
}

module.exports = { PACKAGE_NAME, SERVICES, browserChecksOf, examplesOf, loadServices, packagedFiles, withNodeTypes };

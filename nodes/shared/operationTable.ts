import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationModule, ResourceMap } from './router';

/**
 * One description of a node's resources and operations: the Resource picker, each resource's
 * Operation picker, the spread of every operation's fields, the router's table and the subtitle
 * are all built from it, so they cannot drift apart.
 */

/** One operation of a resource, as the editor and the router see it. */
export interface OperationEntry {
	/** Name in the Operation picker, e.g. "Get Many". */
	name: string;
	/** What an AI agent is told the tool does, e.g. "Get many orders". The subtitle is built from it. */
	action: string;
	/** Description in the Operation picker. */
	description: string;
	/** The operation's fields and execute function. */
	module: OperationModule;
	/** Changes something on the server (see OperationModule.write). */
	write?: boolean;
	/** A read whose requests must leave in item order (see OperationModule.sequential). */
	sequential?: boolean;
}

/** One resource: its name in the Resource picker and its operations by value. */
export interface ResourceEntry {
	name: string;
	/** Value of the operation the Operation picker starts on. */
	default: string;
	operations: Record<string, OperationEntry>;
}

/** A node's resources by value, plus the resource the Resource picker starts on. */
export interface OperationTable {
	default: string;
	resources: Record<string, ResourceEntry>;
}

/** Checks a table's defaults name existing entries; returns the table unchanged. */
export function defineOperationTable<T extends OperationTable>(table: T): T {
	if (!table.resources[table.default]) {
		throw new Error(`Operation table: default resource "${table.default}" is not in the table`);
	}
	for (const [value, resource] of Object.entries(table.resources)) {
		if (!resource.operations[resource.default]) {
			throw new Error(
				`Operation table: default operation "${resource.default}" of "${value}" is not in the table`,
			);
		}
	}
	return table;
}

/** Options sorted by name, as the community lint rules want them in the editor. */
function byName<T extends { name: string }>(options: T[]): T[] {
	return [...options].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Resource values in the order the Resource picker shows them. */
function resourceValues(table: OperationTable): string[] {
	return byName(
		Object.entries(table.resources).map(([value, resource]) => ({ name: resource.name, value })),
	).map((option) => option.value);
}

/** Operation values of a resource in the order its Operation picker shows them. */
function operationValues(resource: ResourceEntry): string[] {
	return byName(
		Object.entries(resource.operations).map(([value, operation]) => ({
			name: operation.name,
			value,
		})),
	).map((option) => option.value);
}

function entryOf(table: OperationTable, resource: string): ResourceEntry {
	const entry = table.resources[resource];
	if (!entry) throw new Error(`Operation table: no resource "${resource}"`);
	return entry;
}

/** The Resource picker. */
export function resourceProperty(table: OperationTable): INodeProperties {
	const picker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceValues(table).map((value) => ({
			name: table.resources[value].name,
			value,
		})),
		default: '',
	};
	return { ...picker, default: table.default };
}

/** The Operation picker of one resource, shown when that resource is selected. */
export function operationProperty(table: OperationTable, resource: string): INodeProperties {
	const entry = entryOf(table, resource);
	const picker: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operationValues(entry).map((value): INodePropertyOptions => {
			const operation = entry.operations[value];
			return {
				name: operation.name,
				value,
				action: operation.action,
				description: operation.description,
			};
		}),
		default: '',
	};
	return { ...picker, default: entry.default };
}

/**
 * One resource's Operation picker followed by the fields of its operations, in the table's order
 * (each field shows for its own operation only, so this order is the order of the JSON description).
 */
export function resourceDescription(table: OperationTable, resource: string): INodeProperties[] {
	const entry = entryOf(table, resource);
	return [
		operationProperty(table, resource),
		...Object.values(entry.operations).flatMap((operation) => operation.module.description),
	];
}

/** The Resource picker followed by every resource's description, in picker order. */
export function nodeProperties(table: OperationTable): INodeProperties[] {
	return [
		resourceProperty(table),
		...resourceValues(table).flatMap((resource) => resourceDescription(table, resource)),
	];
}

/** The router's table: resource → operation → module, with its write and sequential marks. */
export function resourceMap(table: OperationTable): ResourceMap {
	const map: ResourceMap = {};
	for (const [resource, entry] of Object.entries(table.resources)) {
		map[resource] = {};
		for (const [value, operation] of Object.entries(entry.operations)) {
			map[resource][value] = {
				...operation.module,
				...(operation.write ? { write: true } : {}),
				...(operation.sequential ? { sequential: true } : {}),
			};
		}
	}
	return map;
}

/** Values of the operations that write (e.g. to hide the Concurrency option for them). */
export function writeOperations(table: OperationTable): string[] {
	const values = new Set<string>();
	for (const entry of Object.values(table.resources)) {
		for (const [value, operation] of Object.entries(entry.operations)) {
			if (operation.write) values.add(value);
		}
	}
	return [...values];
}

const SMALL_WORDS = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'in',
	'of',
	'on',
	'or',
	'the',
	'to',
	'with',
]);
const ARTICLES = new Set(['a', 'an', 'the']);

/** "Create a limit order" → "Create Limit Order"; words with capitals (IDs, names) stay as written. */
export function titleOfAction(action: string): string {
	return action
		.trim()
		.split(/\s+/)
		.filter((word) => !ARTICLES.has(word.toLowerCase()))
		.map((word, index) => {
			if (/[A-Z]/.test(word)) return word;
			if (index > 0 && SMALL_WORDS.has(word)) return word;
			return word.charAt(0).toUpperCase() + word.slice(1);
		})
		.join(' ');
}

/**
 * The node's subtitle: an editor expression looking up the title of the selected operation's
 * action ("Create Limit Order"), falling back to the raw operation value.
 */
export function operationSubtitle(table: OperationTable): string {
	const labels: Record<string, string> = {};
	for (const resource of resourceValues(table)) {
		const entry = table.resources[resource];
		for (const value of operationValues(entry)) {
			labels[`${resource}:${value}`] = titleOfAction(entry.operations[value].action);
		}
	}
	return `={{ ${JSON.stringify(labels)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}

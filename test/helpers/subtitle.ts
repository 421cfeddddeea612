import type { INodeProperties } from 'n8n-workflow';

/**
 * Node subtitles that read like the editor's pickers ("Create Limit Order", "Get Many Orders")
 * instead of raw parameter values ("createLimit: order"), built from the operation options'
 * `action` texts. The lint rules want the subtitle as a literal in the node file, so the nodes hold
 * the literal and test/shared/subtitle.test.ts checks that it equals what is built here.
 */

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
	const words = action
		.trim()
		.split(/\s+/)
		.filter((word) => !ARTICLES.has(word.toLowerCase()));
	return words
		.map((word, index) => {
			if (/[A-Z]/.test(word)) return word;
			if (index > 0 && SMALL_WORDS.has(word)) return word;
			return word.charAt(0).toUpperCase() + word.slice(1);
		})
		.join(' ');
}

/** The editor expression for a lookup table keyed by an expression; falls back to the raw value. */
function lookup(labels: Record<string, string>, key: string, fallback: string): string {
	return `={{ ${JSON.stringify(labels)}[${key}] || ${fallback} }}`;
}

/**
 * The subtitle of an action node: the title of the selected operation's action, looked up by
 * resource and operation. `properties` are the resources' descriptions (their `operation` pickers
 * name the resource in `displayOptions.show.resource`).
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const labels: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of property.options ?? []) {
			if (!('value' in option) || typeof option.value !== 'string') continue;
			const label =
				'action' in option && option.action ? titleOfAction(option.action) : option.name;
			for (const resource of resources) labels[`${resource}:${option.value}`] = label;
		}
	}
	return lookup(
		labels,
		'$parameter["resource"] + ":" + $parameter["operation"]',
		'$parameter["operation"]',
	);
}

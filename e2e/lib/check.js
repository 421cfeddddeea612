'use strict';
/** Small assertion helpers for the service modules. */

/** Throws with the message when the condition is false. @param {unknown} condition @param {string} message */
function expect(condition, message) {
	if (!condition) throw new Error(message);
}

/** Compares with ===; the message names what was compared. @param {unknown} actual @param {unknown} expected @param {string} what */
function expectEqual(actual, expected, what) {
	if (actual !== expected) {
		throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

/** Whether a module can be loaded (a service's code may not have landed yet). @param {string} id */
function exists(id) {
	try {
		require.resolve(id);
		return true;
	} catch {
		return false;
	}
}

/**
 * Why `seen` is not exactly `expected` (each once, any order), or undefined when it is.
 * @param {string[]} seen @param {string[]} expected
 */
function sameOnce(seen, expected) {
	const counts = new Map();
	for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
	const missing = expected.filter((key) => !counts.has(key));
	const repeated = [...counts].filter(([, count]) => count > 1).map(([key]) => key);
	const extra = [...counts.keys()].filter((key) => !expected.includes(key));
	if (!missing.length && !repeated.length && !extra.length) return undefined;
	return [
		missing.length ? `missing ${missing.join(', ')}` : '',
		repeated.length ? `repeated ${repeated.join(', ')}` : '',
		extra.length ? `unexpected ${extra.join(', ')}` : '',
	]
		.filter(Boolean)
		.join('; ');
}

/** @param {unknown} value */
function short(value) {
	const text = JSON.stringify(value);
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** @type {Map<unknown, Promise<unknown>>} */
const producing = new Map();

/**
 * Runs `fn` after every earlier call for the same key has finished. Trigger examples of one
 * service produce into the same simulator this way, so the events each returns are only its own.
 * @template T @param {unknown} key @param {() => Promise<T>} fn @returns {Promise<T>}
 */
function oneAtATime(key, fn) {
	const previous = producing.get(key) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(fn);
	producing.set(key, next);
	return next;
}

/** @param {string} line */
function log(line) {
	process.stdout.write(`${line}\n`);
}

/** @param {string} text */
function indent(text) {
	return text
		.split('\n')
		.slice(0, 60)
		.map((line) => `      ${line}`)
		.join('\n');
}

/** @type {Array<{ name: string, ok: boolean, detail?: string }>} What every check of this run gave. */
const results = [];

/**
 * Runs one check and records it in `results`.
 * @param {string} name @param {() => Promise<string | void> | string | void} fn returns an optional note
 */
async function check(name, fn) {
	const started = Date.now();
	try {
		const note = await fn();
		results.push({ name, ok: true });
		log(`  ✓ ${name}${note ? ` — ${note}` : ''} (${Date.now() - started} ms)`);
		return true;
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		results.push({ name, ok: false, detail });
		log(`  ✗ ${name} (${Date.now() - started} ms)\n${indent(detail)}`);
		return false;
	}
}

/** The type name (description.name / name) of a built node or credential file. @param {string} file */
function typeName(file) {
	const { ROOT } = require('./host');
	const exported = require(require('node:path').join(ROOT, file));
	const Type = Object.values(exported).find((value) => typeof value === 'function');
	const instance = new Type();
	return instance.description?.name ?? instance.name;
}

module.exports = { check, exists, expect, expectEqual, indent, log, oneAtATime, results, sameOnce, short, typeName };

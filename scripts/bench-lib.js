'use strict';
/**
 * Helpers the benchmark scripts share: statistics over interleaved rounds, the machine's load, and
 * where a script leaves its figures for `npm run bench` (scripts/bench.js) to put into
 * docs/benchmarks.md and docs/benchmarks.json.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median with its spread. @param {number[]} values */
function stats(values) {
	return {
		median: median(values),
		min: Math.min(...values),
		max: Math.max(...values),
		runs: values.length,
	};
}

/** p-th percentile (0–100) by nearest rank. @param {number[]} values @param {number} p */
function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

/** The 1, 5 and 15 minute load averages and the number of CPUs. */
function load() {
	return { loadavg: os.loadavg().map((value) => Math.round(value * 100) / 100), cpus: os.cpus().length };
}

/** Whether `npm run bench -- quick` asked for the short version. */
function quick() {
	return process.argv.includes('quick') || process.env.BENCH_QUICK === '1';
}

/**
 * Leaves this script's figures where scripts/bench.js collects them (BENCH_RESULTS_DIR), or
 * prints them when the script runs alone.
 * @param {string} name @param {unknown} data
 */
function writeResult(name, data) {
	const dir = process.env.BENCH_RESULTS_DIR;
	const payload = JSON.stringify({ name, at: new Date().toISOString(), load: load(), ...(/** @type {object} */ (data)) }, null, 2);
	if (!dir) {
		process.stdout.write(`${payload}\n`);
		return;
	}
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, `${name}.json`), payload);
}

/** Rounds a number to `digits` decimals. @param {number} value @param {number} [digits] */
function round(value, digits = 2) {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

module.exports = { load, median, percentile, quick, round, stats, writeResult };

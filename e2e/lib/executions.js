'use strict';
/** Reads executions of a running n8n through its REST API. */
const path = require('node:path');

const { hostDir } = require('./host');

/** n8n stores execution data "flatted"-encoded; use the host's own copy of that library. */
function flatted() {
	return require(path.join(hostDir(), 'node_modules', 'flatted'));
}

/**
 * The JSON items each node produced, from run data.
 * @param {any} runData resultData.runData
 * @returns {(nodeName: string) => any[]}
 */
function outputReader(runData) {
	return (nodeName) => {
		const runs = runData?.[nodeName];
		if (!runs?.length) return [];
		return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json));
	};
}

/**
 * Finished executions of a workflow, oldest first, with their node outputs.
 * @param {import('./n8n').RestClient} client @param {string} workflowId
 */
async function executionsOf(client, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await client.ok('GET', `/rest/executions?filter=${filter}&limit=100`);
	const summaries = (list.results ?? []).filter((execution) => execution.status !== 'running' && execution.status !== 'new');
	summaries.sort((a, b) => Number(a.id) - Number(b.id));
	const result = [];
	for (const summary of summaries) {
		const full = await client.ok('GET', `/rest/executions/${summary.id}`);
		const data = typeof full.data === 'string' ? flatted().parse(full.data) : full.data;
		const runData = data?.resultData?.runData ?? {};
		result.push({
			id: String(summary.id),
			status: /** @type {string} */ (full.status ?? summary.status),
			error: data?.resultData?.error?.message,
			output: outputReader(runData),
		});
	}
	return result;
}

module.exports = { executionsOf, outputReader };

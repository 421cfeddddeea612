'use strict';
/**
 * Workflows of the queue-mode suite. In queue mode the main process hands production executions
 * (webhooks, triggers) to the workers, so each manual example gets a copy that starts from a
 * Webhook instead of its Manual Trigger.
 */
const { randomUUID } = require('node:crypto');

const { PACKAGE_NAME } = require('../services');

/** @param {string} webhookPath @param {string} name @param {[number, number]} position */
function webhookNode(webhookPath, name, position = [0, 0]) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: webhookPath,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
	};
}

/**
 * A copy of a manual example (ID `<id>Q`) whose Manual Trigger is a Webhook of the same name.
 * @param {any} json
 */
function viaWebhook(json) {
	const webhookPath = `queue-${randomUUID()}`;
	const nodes = json.nodes.map((/** @type {any} */ node) =>
		node.type === 'n8n-nodes-base.manualTrigger'
			? webhookNode(webhookPath, node.name, node.position)
			: node,
	);
	if (!nodes.some((/** @type {any} */ node) => node.webhookId === webhookPath)) {
		throw new Error(`example ${json.id} has no Manual Trigger to replace`);
	}
	return {
		json: { ...json, id: `${json.id}Q`, name: `${json.name} (queue mode)`, nodes, active: false },
		webhookPath,
	};
}

/** @param {{ id: string, name: string }} credential */
function quoineCredentialRef(credential) {
	return { quoineApi: { id: credential.id, name: credential.name } };
}

/**
 * Webhook → Split Out (body.items) → Quoine Get Balances: one signed request per item.
 * @param {{ id: string, name: string }} credential
 */
function burstWorkflow(credential) {
	const webhookPath = `queue-burst-${randomUUID()}`;
	return {
		webhookPath,
		json: {
			id: 'queueQuoineBurst',
			name: 'Queue mode: Quoine signed-request burst',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				webhookNode(webhookPath, 'Burst'),
				{
					id: randomUUID(),
					name: 'One Item per Request',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [220, 0],
					parameters: { fieldToSplitOut: 'body.items', options: {} },
				},
				{
					id: randomUUID(),
					name: 'Get Balances',
					type: `${PACKAGE_NAME}.quoine`,
					typeVersion: 1,
					position: [440, 0],
					parameters: { resource: 'account', operation: 'getBalances', requestOptions: {} },
					credentials: quoineCredentialRef(credential),
				},
			],
			connections: {
				Burst: { main: [[{ node: 'One Item per Request', type: 'main', index: 0 }]] },
				'One Item per Request': { main: [[{ node: 'Get Balances', type: 'main', index: 0 }]] },
			},
		},
	};
}

/**
 * Webhook → Quoine Create Limit Order with a derived client order ID and Retry On Fail.
 * @param {{ id: string, name: string }} credential
 */
function idempotentOrderWorkflow(credential) {
	const webhookPath = `queue-order-${randomUUID()}`;
	return {
		webhookPath,
		json: {
			id: 'queueQuoineOrderOnce',
			name: 'Queue mode: one order under Retry On Fail',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				webhookNode(webhookPath, 'Order Request'),
				{
					id: randomUUID(),
					name: 'Place Order',
					type: `${PACKAGE_NAME}.quoine`,
					typeVersion: 1,
					position: [220, 0],
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 1000,
					parameters: {
						resource: 'order',
						operation: 'createLimit',
						productId: { __rl: true, mode: 'list', value: '1', cachedResultName: 'BTCUSD (ID 1)' },
						side: 'buy',
						quantity: '0.01',
						price: '40123.0',
						clientOrderIdMode: 'derived',
					},
					credentials: quoineCredentialRef(credential),
				},
			],
			connections: {
				'Order Request': { main: [[{ node: 'Place Order', type: 'main', index: 0 }]] },
			},
		},
	};
}

module.exports = { burstWorkflow, idempotentOrderWorkflow, viaWebhook, webhookNode };

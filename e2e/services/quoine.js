'use strict';
/** Quoine in the real-n8n runs. */
const path = require('node:path');

const { exists, expect, expectEqual, sameOnce, short } = require('../lib/check');

const SIMULATOR = path.resolve(__dirname, '..', '..', 'sandbox', 'quoine');

/** @type {import('./index').Service} */
module.exports = {
	id: 'quoine',
	title: 'Quoine',
	nodes: ['dist/nodes/Quoine/Quoine.node.js'],
	port: 8010,
	available: () => exists(SIMULATOR),

	async start(port, host = '127.0.0.1') {
		const { QuoineSimulator } = require(SIMULATOR);
		const sim = new QuoineSimulator();
		await sim.listen(port, host);
		return sim;
	},

	credentials(sim) {
		const { SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET } = require(SIMULATOR);
		const data = {
			apiTokenId: SANDBOX_TOKEN_ID,
			apiSecret: SANDBOX_TOKEN_SECRET,
			exchange: 'custom',
			baseUrl: sim.url,
			vendorId: '',
			language: '',
		};
		return [
			{
				id: 'quoineSandbox001',
				name: 'Quoine (sandbox)',
				type: 'quoineApi',
				data,
				wrongData: { ...data, apiSecret: `${SANDBOX_TOKEN_SECRET}-wrong` },
			},
		];
	},

	describe(sim) {
		const { SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET } = require(SIMULATOR);
		return [
			`Quoine          ${sim.url}`,
			`  credential "Quoine API": Exchange = Custom, Base URL = ${sim.url},`,
			`  API Token ID = ${SANDBOX_TOKEN_ID}, API Secret = ${SANDBOX_TOKEN_SECRET}`,
		];
	},

	examples: [
		{
			file: 'quoine-limit-order-cancel.json',
			kind: 'manual',
			title: 'Quoine: product, limit order, live orders, cancel, get order, balances',
			assert({ output, sim }) {
				const product = output('Get BTCUSD')[0];
				expectEqual(String(product?.id), '1', 'Get BTCUSD → id');
				const order = output('Buy 0.01 BTC at 41000')[0];
				expectEqual(order?.status, 'live', `Create Limit Order → status (${short(order)})`);
				expectEqual(String(order?.price), '41000.0', 'Create Limit Order → price (a decimal string)');
				const live = output('Get Live Orders');
				expect(
					live.some((item) => item.id === order.id),
					`Get Live Orders does not list order ${order.id}: ${short(live)}`,
				);
				expectEqual(output('Cancel Order')[0]?.status, 'cancelled', 'Cancel Order → status');
				const fetched = output('Get Cancelled Order');
				expectEqual(fetched.length, 1, 'Get Cancelled Order → number of items');
				expectEqual(fetched[0].status, 'cancelled', 'Get Cancelled Order → status');
				expect(output('Get Balances').length > 0, 'Get Balances returned nothing');
				const stored = sim.orders.find((candidate) => candidate.id === order.id);
				expectEqual(stored?.status, 'cancelled', 'the sandbox has the order cancelled');
			},
		},
		{
			file: 'quoine-trigger-public-executions.json',
			kind: 'trigger',
			requires: 'dist/nodes/Quoine/QuoineTrigger.node.js',
			title: 'Quoine Trigger (polling): three new BTCUSD executions arrive once each',
			// One more poll (every minute; n8n 2.40 allows no shorter) must not repeat them.
			settleMs: 65000,
			// The first poll, at activation, sets the cursor to "now".
			ready: (sim) => sim.requests.some((request) => request.path.startsWith('/executions')),
			async produce(sim) {
				const ids = [];
				for (const [price, quantity] of [
					['42001.0', '0.25'],
					['42002.5', '0.1'],
					['41999.0', '1.5'],
				]) {
					ids.push(String(sim.addPublicExecution(1, { price, quantity, taker_side: 'buy' }).id));
				}
				return ids;
			},
			accept(executions, _sim, expected) {
				const seen = executions.flatMap((execution) => execution.output('New BTCUSD Executions')).map((item) => String(item.id));
				return sameOnce(seen, expected);
			},
		},
		{
			file: 'recipe-quoine-fill-wallet-reward.json',
			kind: 'trigger',
			requires: 'dist/nodes/WalletService/WalletService.node.js',
			title: 'Recipe: a filled ETHJPY order pays one Wallet Service reward',
			settleMs: 65000,
			// The trigger's first poll of the ETHJPY orders, at activation, sets the cursor to "now"
			// (the manual example lists orders too, but not with product_id=3).
			ready: (sim) =>
				sim.requests.some((request) => request.path === '/orders' && /(^|&)product_id=3(&|$)/.test(request.rawQuery ?? '')),
			async produce(sim) {
				const { order, error } = sim.submitOrder(3020, {
					order_type: 'limit',
					product_id: 3,
					side: 'buy',
					quantity: '0.5',
					price: '100000',
				});
				if (error) throw new Error(`the sandbox refused the order: ${short(error)}`);
				sim.fillOrder(order.id);
				return [String(order.id)];
			},
			accept(executions, _sim, expected, sims) {
				const rewarded = executions.flatMap((execution) => execution.output('Pay Reward'));
				const wallet = /** @type {any} */ (sims?.get('wallet-service'));
				if (!wallet) return 'the Wallet Service sandbox is not running';
				const entries = wallet.entries.filter((entry) => /^Reward for filled Quoine order /.test(entry.reason));
				const problem = sameOnce(
					entries.map((entry) => entry.reason.replace('Reward for filled Quoine order ', '')),
					expected,
				);
				if (problem) return `Wallet Service entries: ${problem}`;
				if (rewarded.length !== expected.length) return `Pay Reward output ${rewarded.length} items`;
				return undefined;
			},
		},
	],

	browser: [
		{
			node: 'Quoine',
			resource: 'Order',
			operation: 'Create Limit Order',
			parameters: ['Product', 'Side', 'Quantity', 'Price'],
			picker: { parameter: 'productId', expect: 'BTCUSD', search: 'btcusd' },
		},
		{
			node: 'Quoine',
			trigger: true,
			requires: 'dist/nodes/Quoine/QuoineTrigger.node.js',
			picks: [['event', 'New Own Execution']],
			parameters: ['Poll Times', 'Event', 'Product', 'Options'],
			picker: { parameter: 'productId', expect: 'ETHJPY', search: 'eth jpy' },
		},
	],
};

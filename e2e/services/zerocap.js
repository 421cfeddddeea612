'use strict';
/** Zerocap in the real-n8n runs. */
const path = require('node:path');

const { exists, expect, expectEqual, sameOnce, short } = require('../lib/check');

const SIMULATOR = path.resolve(__dirname, '..', '..', 'sandbox', 'zerocap');

/** @type {import('./index').Service} */
module.exports = {
	id: 'zerocap',
	title: 'Zerocap',
	nodes: ['dist/nodes/Zerocap/Zerocap.node.js'],
	port: 8020,
	available: () => exists(SIMULATOR),

	async start(port, host = '127.0.0.1') {
		const { ZerocapSimulator } = require(SIMULATOR);
		const sim = new ZerocapSimulator();
		await sim.listen(port, host);
		return sim;
	},

	credentials(sim) {
		const { SANDBOX_API_KEY, SANDBOX_API_SECRET } = require(SIMULATOR);
		const data = {
			apiKey: SANDBOX_API_KEY,
			apiSecret: SANDBOX_API_SECRET,
			environment: 'custom',
			restBaseUrl: sim.restUrl,
			webSocketUrl: sim.wsUrl,
			signatureScheme: 'apiKey',
		};
		return [
			{
				id: 'zerocapSandbox01',
				name: 'Zerocap (sandbox)',
				type: 'zerocapApi',
				data,
				wrongData: { ...data, apiSecret: `${SANDBOX_API_SECRET}-wrong` },
			},
		];
	},

	describe(sim) {
		const { SANDBOX_API_KEY, SANDBOX_API_SECRET } = require(SIMULATOR);
		return [
			`Zerocap         ${sim.restUrl} (REST), ${sim.wsUrl} (WebSocket)`,
			`  credential "Zerocap API": Environment = Custom, REST Base URL = ${sim.restUrl},`,
			`  WebSocket URL = ${sim.wsUrl}, API Key = ${SANDBOX_API_KEY}, API Secret = ${SANDBOX_API_SECRET}`,
		];
	},

	examples: [
		{
			file: 'zerocap-market-order.json',
			kind: 'manual',
			title: 'Zerocap: market order, get it, list orders',
			assert({ output, sim }) {
				const created = output('Buy 100 USDT at Market')[0];
				expect(created?.id, `Create → no order ID: ${short(created)}`);
				expect(
					created.clientOrderId ?? created.client_order_id,
					`Create → no client order ID in the output: ${short(created)}`,
				);
				const fetched = output('Get the Order')[0];
				expectEqual(fetched?.id, created.id, 'Get → id');
				expectEqual(String(fetched?.amount), '100', 'Get → amount (a decimal string)');
				const listed = output('Get USDT/AUD Orders');
				expect(
					listed.some((order) => order.id === created.id),
					`Get Many does not list order ${created.id}: ${short(listed)}`,
				);
				expect(sim.orders.has(created.id), 'the sandbox does not know the order');
			},
		},
		{
			file: 'zerocap-trigger-order-updates.json',
			kind: 'trigger',
			requires: 'dist/nodes/Zerocap/ZerocapTrigger.node.js',
			title: 'Zerocap Trigger (WebSocket): six order updates of two orders arrive once each',
			// Updates sent before the trigger subscribed would only come through its back-fill.
			ready: (sim) => [...sim.clients].some((client) => client.orders),
			async produce(sim) {
				const before = sim.orderUpdates.length;
				await sim.emitOrderUpdates(6, { orders: 2 });
				return sim.orderUpdates.slice(before).map((update) => `${update.OrderId}@${update.UpdatedAt}`);
			},
			accept(executions, _sim, expected) {
				const seen = executions
					.flatMap((execution) => execution.output('Order Updated'))
					.map((item) => `${item.orderId}@${item.raw?.UpdatedAt ?? item.updatedAtMs}`);
				return sameOnce(seen, expected);
			},
		},
		{
			file: 'recipe-zerocap-large-fill-alert.json',
			kind: 'trigger',
			requires: 'dist/nodes/Zerocap/ZerocapTrigger.node.js',
			title: 'Recipe: a Zerocap fill of 50,000 AUD or more raises one alert, a small one none',
			// Both Zerocap trigger examples are active at once: wait until both have subscribed.
			ready: (sim) => [...sim.clients].filter((client) => client.orders || client.trades).length >= 2,
			async produce(sim) {
				const large = sim.addOrder({ symbol: 'BTC/AUD', side: 'buy', type: 'limit', amount: '1', price: '98000' });
				const small = sim.addOrder({ symbol: 'BTC/AUD', side: 'sell', type: 'limit', amount: '0.1', price: '98000' });
				sim.fillOrder(small.id);
				sim.fillOrder(large.id);
				return sim.orders.get(large.id).trades.map((trade) => String(trade.id));
			},
			accept(executions, _sim, expected) {
				const alerts = executions.flatMap((execution) => execution.output('Large Fill Alert'));
				const bad = alerts.find((item) => !/^Large Zerocap fill: buy 1 BTC\/AUD at 98000 \(98000 AUD\)/.test(item.alert));
				if (bad) return `unexpected alert text: ${short(bad)}`;
				return sameOnce(
					alerts.map((item) => String(item.tradeId)),
					expected,
				);
			},
		},
	],

	browser: [
		{
			node: 'Zerocap',
			resource: 'Order',
			operation: 'Create',
			parameters: ['Symbol', 'Side', 'Order Type', 'Amount'],
		},
		{
			node: 'Zerocap',
			trigger: true,
			requires: 'dist/nodes/Zerocap/ZerocapTrigger.node.js',
			picks: [['event', 'Price Ladder']],
			parameters: ['Event', 'Symbol', 'Options'],
		},
	],
};

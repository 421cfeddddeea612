'use strict';
/** Wallet Service in the real-n8n runs. */
const { generateKeyPairSync } = require('node:crypto');
const path = require('node:path');

const { exists, expect, expectEqual, short } = require('../lib/check');

const SIMULATOR = path.resolve(__dirname, '..', '..', 'sandbox', 'wallet-service');

/** @type {import('./index').Service} */
module.exports = {
	id: 'wallet-service',
	title: 'Wallet Service',
	nodes: ['dist/nodes/WalletService/WalletService.node.js'],
	port: 8000,
	available: () => exists(SIMULATOR),

	async start(port, host = '127.0.0.1') {
		const { WalletServiceSimulator } = require(SIMULATOR);
		const sim = new WalletServiceSimulator();
		await sim.listen(port, host);
		await sim.addSandboxAuthority();
		return sim;
	},

	credentials(sim) {
		const config = sim.sandboxClientConfig();
		// Same authority, another key: the service rejects its tokens.
		const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
			.privateKey.export({ type: 'sec1', format: 'pem' })
			.toString();
		return [
			{
				id: 'wsSandboxCred001',
				name: 'Wallet Service (sandbox)',
				type: 'walletServiceApi',
				data: { authorityConfigSecret: config, baseUrl: '' },
				wrongData: {
					authorityConfigSecret: JSON.stringify({ ...JSON.parse(config), private_key: otherKey }),
					baseUrl: '',
				},
			},
		];
	},

	describe(sim) {
		return [
			`Wallet Service  ${sim.url}`,
			'  credential "Wallet Service API": Authority Configuration =',
			`  ${sim.sandboxClientConfig()}`,
		];
	},

	examples: [
		{
			file: 'wallet-service-credit-debit.json',
			kind: 'manual',
			title: 'Wallet Service: health, credit, debit, wallet total, inventory, use item',
			assert({ output, sim }) {
				expectEqual(output('Check Health')[0]?.healthy, true, 'Check Health → healthy');
				const credit = output('Credit 100 With an Item')[0];
				expectEqual(credit?.amount, 100, 'Credit → amount');
				expect(/^[0-9a-f]{24}$/.test(credit?.entry_id), `Credit → entry_id: ${short(credit)}`);
				expectEqual(output('Debit 30')[0]?.amount, -30, 'Debit → amount');
				const wallets = output('Get Wallet');
				expectEqual(wallets.length, 1, 'Get Wallet → number of wallets');
				expectEqual(wallets[0].total, 70, 'Get Wallet → total of alice');
				const items = output('Get Unused Items');
				expectEqual(items.length, 1, 'Get Unused Items → number of items');
				expectEqual(items[0].entry_id, credit.entry_id, 'Get Unused Items → the credited entry');
				const used = output('Use Item')[0];
				expectEqual(used?.item?.used, true, 'Use Item → item.used');
				const stored = sim.entries.find((entry) => entry.entry_id === credit.entry_id);
				expectEqual(stored?.item?.used, true, 'the sandbox marks the item used');
			},
		},
	],

	browser: [
		{
			node: 'Wallet Service',
			resource: 'Entry',
			operation: 'Create',
			parameters: ['User ID', 'Amount', 'Reason', 'Additional Fields'],
		},
	],
};

'use strict';
/** CoinView (Mixin wallet) in the real-n8n runs. */
const crypto = require('node:crypto');
const path = require('node:path');

const { exists, expect, expectEqual, sameOnce, short } = require('../lib/check');

const SIMULATOR = path.resolve(__dirname, '..', '..', 'sandbox', 'coinview');

/** A different key of the same kind, for the credential test that must fail. */
function wrongRsaKey() {
	return crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
}

/** @type {import('./index').Service} */
module.exports = {
	id: 'coinview',
	title: 'CoinView',
	nodes: ['dist/nodes/CoinView/CoinView.node.js'],
	port: 8050,
	available: () => exists(SIMULATOR),

	async start(port, host = '127.0.0.1') {
		const { CoinViewSimulator } = require(SIMULATOR);
		const sim = new CoinViewSimulator();
		await sim.listen(port, host);
		return sim;
	},

	credentials(sim) {
		const { wallets } = /** @type {any} */ (sim).describe();
		// Ed25519 session (the current Mixin kind) through the Mixin API paths.
		const direct = {
			source: 'fields',
			userId: wallets.ed25519.userId,
			sessionId: wallets.ed25519.sessionId,
			pinToken: wallets.ed25519.serverPublicKey,
			privateKey: wallets.ed25519.privateKey,
			pinSecret: wallets.ed25519.pin,
			endpoint: 'custom',
			baseUrl: /** @type {any} */ (sim).directUrl,
			customMode: 'direct',
		};
		// RSA session from a CoinView backup secret key, through the CoinView relay envelope.
		const relay = {
			source: 'backup',
			backupSecretKey: wallets.rsa.backupSecretKey,
			pinSecret: wallets.rsa.pin,
			endpoint: 'custom',
			baseUrl: /** @type {any} */ (sim).relayUrl,
			customMode: 'relay',
		};
		const wrongBackup = Buffer.from(
			JSON.stringify({
				id: wallets.rsa.userId,
				sessionId: wallets.rsa.sessionId,
				pinToken: wallets.rsa.pinToken,
				privateKey: wrongRsaKey(),
			}),
		).toString('base64');
		return [
			{
				id: 'coinViewSandbox1',
				name: 'CoinView (sandbox)',
				type: 'coinViewApi',
				data: direct,
				wrongData: { ...direct, privateKey: crypto.randomBytes(32).toString('hex') },
			},
			{
				id: 'coinViewSandbox2',
				name: 'CoinView (sandbox, RSA backup, relay)',
				type: 'coinViewApi',
				data: relay,
				wrongData: { ...relay, backupSecretKey: wrongBackup },
			},
		];
	},

	describe(sim) {
		const { wallets } = /** @type {any} */ (sim).describe();
		return [
			`CoinView        ${/** @type {any} */ (sim).directUrl} (Mixin API), ${/** @type {any} */ (sim).relayUrl} (relay)`,
			`  credential "CoinView (sandbox)", an Ed25519 session: Endpoint = Custom, Mode = Direct, Base URL = ${/** @type {any} */ (sim).directUrl},`,
			`  User ID = ${wallets.ed25519.userId}, Session ID = ${wallets.ed25519.sessionId}, PIN = ${wallets.ed25519.pin},`,
			`  PIN Token = ${wallets.ed25519.serverPublicKey}, Private Key = ${wallets.ed25519.privateKey}`,
			`  credential "CoinView (sandbox, RSA backup, relay)": an RSA session from a backup secret key, Mode = Relay, Base URL = ${/** @type {any} */ (sim).relayUrl}`,
			`  incoming transfers: curl -X POST ${/** @type {any} */ (sim).url}/__sandbox/coinview/incoming -H 'content-type: application/json' -d '{"count":3}'`,
		];
	},

	examples: [
		{
			file: 'coinview-transfer-by-trace.json',
			kind: 'manual',
			title: 'CoinView: wallet assets, a transfer paid once, the transfer by its trace ID',
			assert({ output, sim }) {
				const cv = /** @type {any} */ (sim);
				const wallet = cv.describe().wallets.ed25519;
				const assets = output('Get Wallet Assets');
				expect(
					assets.some((asset) => asset.symbol === 'USDT' && typeof asset.balance === 'string'),
					`Get Many assets has no USDT with a balance: ${short(assets)}`,
				);
				const paid = output('Pay 1.25 USDT');
				expectEqual(paid.length, 1, 'Transfer → Create → number of items (Execute Once)');
				const transfer = paid[0];
				expectEqual(transfer.amount, '-1.25', 'Transfer → Create → amount (the sender snapshot)');
				expectEqual(transfer.alreadyExisted, false, 'Transfer → Create → alreadyExisted');
				expect(/^[0-9a-f-]{36}$/.test(String(transfer.trace_id)), `Transfer → Create → no trace ID: ${short(transfer)}`);
				const found = output('Get the Transfer by Trace ID')[0];
				expectEqual(found?.snapshot_id, transfer.snapshot_id, 'Get by Trace ID → snapshot_id');
				const inSandbox = cv.transfersOf(wallet.userId).filter((/** @type {any} */ s) => s.trace_id === transfer.trace_id);
				expectEqual(inSandbox.length, 1, 'transfers with that trace ID in the sandbox');
				expectEqual(inSandbox[0].amount, '-1.25', 'the sandbox transfer amount');
			},
		},
		{
			file: 'coinview-trigger-incoming.json',
			kind: 'trigger',
			requires: 'dist/nodes/CoinView/CoinViewTrigger.node.js',
			title: 'CoinView Trigger (polling, every minute): four incoming transfers, equal to the microsecond, arrive once each',
			// One more poll (a minute later) must not repeat them.
			settleMs: 65000,
			// The first poll, at activation, puts the cursor at the newest snapshot.
			ready: (sim) => /** @type {any} */ (sim).calls.some((/** @type {any} */ call) => call.path === '/snapshots' && call.ok),
			async produce(sim) {
				const cv = /** @type {any} */ (sim);
				const wallet = cv.describe().wallets.ed25519;
				// Differing only in the nanoseconds; the first has its trailing zeros dropped.
				const made = cv.incoming({ user_id: wallet.userId, count: 4, timestamps: 'nanos', amount: '2.5' });
				return made.map((/** @type {any} */ snapshot) => snapshot.snapshot_id);
			},
			accept(executions, _sim, expected) {
				const seen = executions
					.flatMap((execution) => execution.output('New Incoming Transfers'))
					.map((item) => String(item.snapshot_id));
				return sameOnce(seen, expected);
			},
		},
	],

	browser: [
		{
			node: 'CoinView',
			resource: 'Transfer',
			operation: 'Create',
			parameters: ['Recipient ID', 'Asset', 'Amount', 'Memo'],
			picker: { parameter: 'asset', expect: 'USDT', search: 'tether' },
		},
		{
			node: 'CoinView',
			resource: 'Asset',
			operation: 'Get',
			parameters: ['Asset'],
			picker: { parameter: 'asset', expect: 'BTC', search: 'bitcoin' },
		},
		{
			node: 'CoinView',
			trigger: true,
			requires: 'dist/nodes/CoinView/CoinViewTrigger.node.js',
			picks: [['direction', 'Incoming and Outgoing']],
			parameters: ['Poll Times', 'Direction', 'Asset ID', 'Include Last N'],
		},
	],
};

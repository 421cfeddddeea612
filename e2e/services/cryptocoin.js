'use strict';
/** CryptoCoin.pro in the real-n8n runs. */
const { generateKeyPairSync } = require('node:crypto');
const path = require('node:path');

const { exists, expect, expectEqual, short } = require('../lib/check');

const SIMULATOR = path.resolve(__dirname, '..', '..', 'sandbox', 'cryptocoin');

/** Every e-mail and SMS code of this sandbox: an example workflow cannot read a mailbox. */
const SANDBOX_CODE = '123456';

/** @type {import('./index').Service} */
module.exports = {
	id: 'cryptocoin',
	title: 'CryptoCoin.pro',
	nodes: ['dist/nodes/CryptoCoin/CryptoCoin.node.js'],
	port: 8030,
	available: () => exists(SIMULATOR),

	async start(port, host = '127.0.0.1') {
		const { CryptoCoinSimulator } = require(SIMULATOR);
		// From 1000 EUR this sandbox asks for personal data and address (documents, video and EDD
		// from 15000 EUR), so the example reaches an approved order without a file to upload.
		const sim = new CryptoCoinSimulator({
			fixedCode: SANDBOX_CODE,
			tierOneParts: ['personalData', 'address'],
		});
		await sim.listen(port, host);
		await sim.ready();
		return sim;
	},

	credentials(sim) {
		const { SANDBOX_PLATFORM } = require(SIMULATOR);
		const baseUrl = `${sim.url}/api/v1`;
		const platform = {
			environment: 'custom',
			baseUrl,
			authType: 'platform',
			platform: SANDBOX_PLATFORM.platform_id,
			privateKey: SANDBOX_PLATFORM.private_key,
			algorithm: 'RS512',
			actFor: SANDBOX_PLATFORM.user.email,
		};
		// Another RSA key: the platform JWT it signs is rejected (403).
		const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		const user = {
			environment: 'custom',
			baseUrl,
			authType: 'user',
			email: SANDBOX_PLATFORM.user.email,
			password: SANDBOX_PLATFORM.user.password,
		};
		return [
			{
				id: 'cryptoCoinSbxPl1',
				name: 'CryptoCoin (sandbox platform)',
				type: 'cryptoCoinApi',
				data: platform,
				wrongData: { ...platform, privateKey: otherKey },
			},
			{
				id: 'cryptoCoinSbxUs1',
				name: 'CryptoCoin (sandbox user)',
				type: 'cryptoCoinApi',
				data: user,
				wrongData: { ...user, password: `${SANDBOX_PLATFORM.user.password}-wrong` },
			},
		];
	},

	describe(sim) {
		const { SANDBOX_PLATFORM } = require(SIMULATOR);
		return [
			`CryptoCoin.pro  ${sim.url}/api/v1`,
			`  credential "CryptoCoin API": Environment = Custom, Base URL = ${sim.url}/api/v1, then either`,
			`  Platform: Platform = ${SANDBOX_PLATFORM.platform_id}, Private Key = the private_key of`,
			'  sandbox/cryptocoin/sandbox-platform.json, User (Email or ID) = ' +
				SANDBOX_PLATFORM.user.email,
			`  or User: Email = ${SANDBOX_PLATFORM.user.email}, Password = ${SANDBOX_PLATFORM.user.password}.`,
			`  Every e-mail and SMS code is ${SANDBOX_CODE}; card payment links open ${sim.url}/checkout/pay/…;`,
			'  KYC: personal data and address from 1000 EUR, every part from 15000 EUR.',
		];
	},

	examples: [
		{
			file: 'cryptocoin-partner-flow.json',
			kind: 'manual',
			title:
				'CryptoCoin.pro: new user, e-mail and phone, wallet, quote → order, bank proof, KYC, approved order',
			assert({ output, sim }) {
				const created = output('Create User')[0];
				expect(created?.id, `Create User → no user ID: ${short(created)}`);
				const u = sim.user(created.id);
				expect(u, `the sandbox does not know user ${created.id}`);
				expectEqual(u.emailVerified, true, "the new user's e-mail is verified");
				expectEqual(u.phone?.verified, true, "the new user's phone is verified");
				expectEqual(u.wallets.length, 1, 'wallets of the new user');
				const quote = output('Quote 1500 EUR of ETH')[0];
				expectEqual(quote?.status, 'available', 'Quote → status');
				const order = output('Confirm Quote')[0];
				expect(order?.id, `Confirm Quote → no order ID: ${short(order)}`);
				expectEqual(order.status, 'PAYMENT_WAITING', 'Confirm Quote → status');
				expectEqual(order.quoteId, quote.id, 'Confirm Quote → quoteId');
				expectEqual(
					output('Send Proof of Payment')[0]?.status,
					'PROCESSING_PAYMENT',
					'Send Proof of Payment → status',
				);
				const profile = output('Get Profile')[0];
				expectEqual(
					profile?.kyc?.personalData?.required,
					true,
					'Get Profile → kyc.personalData.required',
				);
				expectEqual(profile?.kyc?.address?.required, true, 'Get Profile → kyc.address.required');
				expectEqual(output('Get KYC Status')[0]?.status, 'ACCEPTED', 'Get KYC Status → status');
				const final = output('Get Order')[0];
				expectEqual(final?.id, order.id, 'Get Order → id');
				expectEqual(final?.status, 'APPROVED', 'Get Order → status after the payment and KYC');
				expectEqual(u.orders.length, 1, 'orders of the new user');
				// No secret reaches the workflow data.
				const { SANDBOX_PLATFORM } = require(SIMULATOR);
				const names = [
					'Create User',
					'Verify Email',
					'Add Phone',
					'Confirm Quote',
					'Get Profile',
					'Get Order',
				];
				const everything = JSON.stringify(names.map((name) => output(name)));
				for (const token of sim.tokens.keys())
					expect(!everything.includes(token), 'a bearer token is in the output');
				expect(!everything.includes('PRIVATE KEY'), 'the private key is in the output');
				expect(!everything.includes('Sandbox-new-1'), "the new user's password is in the output");
				expect(
					!everything.includes(SANDBOX_PLATFORM.user.password),
					'the sandbox password is in the output',
				);
			},
		},
	],

	browser: [
		{
			node: 'CryptoCoin',
			resource: 'Quote',
			operation: 'Create',
			parameters: ['Quote Operation', 'Symbol', 'Second Symbol', 'Amount'],
		},
	],
};

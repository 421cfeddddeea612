import { WalletServiceSimulator } from '../../sandbox/wallet-service';
import { runNode, runWorkflow } from '../helpers/engine';

describe('Wallet Service node in the n8n engine against the simulator', () => {
	const sim = new WalletServiceSimulator();
	let credentials: Record<string, { authorityConfigSecret: string; baseUrl: string }>;

	beforeAll(async () => {
		await sim.listen();
		await sim.addSandboxAuthority();
		credentials = { walletServiceApi: { authorityConfigSecret: sim.sandboxClientConfig(), baseUrl: '' } };
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	it('creates an entry, lists wallets and inventory, and uses the item', async () => {
		const deposit = await runNode({
			type: 'walletService',
			parameters: { resource: 'entry', operation: 'create', userId: 'alice', amount: 100, reason: 'payday' },
			credentials,
		});
		expect(deposit.error).toBeUndefined();
		expect(deposit.json[0]).toMatchObject({ user_id: 'alice', amount: 100, reason: 'payday' });

		const purchase = await runNode({
			type: 'walletService',
			parameters: {
				resource: 'entry',
				operation: 'create',
				userId: 'alice',
				amount: -30,
				reason: 'bought shades',
				additionalFields: { itemName: 'Cool Shades', itemData: '{"sku":"001122"}' },
			},
			credentials,
		});
		expect(purchase.error).toBeUndefined();
		const entryId = purchase.json[0].entry_id as string;
		expect(purchase.json[0].item).toEqual({ name: 'Cool Shades', used: false, data: { sku: '001122' } });

		const wallets = await runNode({
			type: 'walletService',
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: true, filters: { userIds: 'alice' } },
			credentials,
		});
		expect(wallets.json).toEqual([{ user_id: 'alice', total: 70 }]);

		const unused = await runNode({
			type: 'walletService',
			parameters: { resource: 'inventory', operation: 'getAll', used: 'unused', returnAll: true },
			credentials,
		});
		expect(unused.json.map((item) => item.entry_id)).toEqual([entryId]);

		const used = await runNode({
			type: 'walletService',
			parameters: { resource: 'inventory', operation: 'useItem', entryId },
			credentials,
		});
		expect(used.json[0]).toMatchObject({ entry_id: entryId, item: { used: true } });

		const afterUse = await runWorkflow({
			nodes: [
				{ name: 'Unused', type: 'walletService', parameters: { resource: 'inventory', operation: 'getAll', used: 'unused', returnAll: true } },
			],
			credentials,
		});
		expect(afterUse.output('Unused')).toEqual([]);
	});

	it('reports not enough funds with the user, the amount asked and the balance', async () => {
		await runNode({
			type: 'walletService',
			parameters: { resource: 'entry', operation: 'create', userId: 'bob', amount: 5, reason: 'can' },
			credentials,
		});
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'entry', operation: 'create', userId: 'bob', amount: -50, reason: 'soda' },
			credentials,
		});
		expect(result.error?.message).toBe('Not enough funds: user "bob" cannot pay -50; the wallet holds 5');
	});
});

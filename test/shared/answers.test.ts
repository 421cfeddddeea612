/**
 * An answer that parses but is not what was asked for (no record, not a list) is an error,
 * never an empty result; after a write it says the write may have been executed.
 */
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { QuoineSimulator } from '../../sandbox/quoine';
import { WalletServiceSimulator } from '../../sandbox/wallet-service';
import { runNode } from '../helpers/engine';

describe('answers that are not what was asked for', () => {
	const wallet = new WalletServiceSimulator();
	const quoine = new QuoineSimulator();
	beforeAll(async () => {
		await wallet.listen();
		await wallet.addSandboxAuthority();
		quoine.addToken('answers-token', 'answers-secret');
		await quoine.listen();
	});
	afterAll(async () => {
		await wallet.close();
		await quoine.close();
	});
	beforeEach(() => {
		wallet.reset();
		resetRateWindows();
	});

	const walletCredentials = () => ({
		walletServiceApi: { authorityConfigSecret: wallet.sandboxClientConfig(), baseUrl: '' },
	});
	const quoineCredentials = () => ({
		quoineApi: {
			apiTokenId: 'answers-token',
			apiSecret: 'answers-secret',
			exchange: 'custom',
			baseUrl: quoine.url,
			vendorId: '',
			language: '',
		},
	});

	it.each([
		['Entry → Create', { resource: 'entry', operation: 'create', userId: 'u1', amount: 5, reason: 'x' }, '/entry'],
		['Inventory → Use Item', { resource: 'inventory', operation: 'useItem', entryId: '5f00000000000000000000aa' }, '/inventory/use'],
	])('Wallet Service %s answered with {} is an error that says the write may have been executed', async (_name, parameters, path) => {
		wallet.injectFault({ type: 'status', status: 200, body: {}, path } as never);
		const result = await runNode({ type: 'walletService', parameters, credentials: walletCredentials() });
		expect(result.error?.message).toBe('Wallet Service: the answer is not what was asked for: no entry in the answer');
		expect(result.error?.description).toMatch(/may have been executed/);
	});

	it.each([
		['Product → Get Many', { resource: 'product', operation: 'getAll', returnAll: true }, '^/products$', 'the products are not a list'],
		[
			'Execution → Get Since Time',
			{ resource: 'execution', operation: 'getSinceTime', productId: { __rl: true, mode: 'id', value: '1' }, timestamp: '1700000000', limit: 5 },
			'^/executions$',
			'the executions are not a list',
		],
	])('Quoine %s answered with an object is an error, not an empty list', async (_name, parameters, path, what) => {
		quoine.injectFault({ type: 'status', status: 200, body: { unexpected: true }, path, times: 0 } as never);
		const result = await runNode({ type: 'quoine', parameters, credentials: quoineCredentials() });
		expect(result.error?.message).toBe(`Quoine: the answer is not what was asked for: ${what}`);
		expect(result.json).toEqual([]);
	});

	it('a Quoine paged list answered with null is an error', async () => {
		// A JSON `null` body.
		quoine.injectFault({ type: 'nonjson', status: 200, text: 'null', path: '^/orders$', times: 0 } as never);
		const result = await runNode({
			type: 'quoine',
			parameters: { resource: 'order', operation: 'getAll', returnAll: true, filters: {} },
			credentials: quoineCredentials(),
		});
		expect(result.error?.message).toBe('Quoine: the answer is not what was asked for: not a list');
	});
});

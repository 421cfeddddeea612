/**
 * Multi-step Quoine workflows in n8n-core's engine against the local simulator, which checks
 * the X-Quoine-Auth JWT on its own (jose), keeps orders, balances, trades and loan bids, and
 * enforces the rate limit.
 */
import type { IDataObject } from 'n8n-workflow';

import { QuoineApi } from '../../credentials/QuoineApi.credentials';
import { QuoineSimulator } from '../../sandbox/quoine';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { runNode, runWorkflow, type TestNode } from '../helpers/engine';

const TOKEN_ID = 'workflow-token';
const SECRET = 'workflow-secret';
const BTCUSD = { __rl: true, mode: 'id', value: '1' };

describe('Quoine workflows against the simulator', () => {
	const sim = new QuoineSimulator();
	let credentials: Record<string, IDataObject>;

	beforeAll(async () => {
		sim.addToken(TOKEN_ID, SECRET);
		await sim.listen();
		credentials = {
			quoineApi: { apiTokenId: TOKEN_ID, apiSecret: SECRET, exchange: 'custom', baseUrl: sim.url, vendorId: '', language: '' },
		};
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		resetRateWindows();
	});

	const node = (name: string, parameters: IDataObject): TestNode => ({ name, type: 'quoine', parameters });
	const run = async (nodes: TestNode[]) => await runWorkflow({ nodes, credentials: credentials as never });
	const balance = async (currency: string) => {
		const result = await runNode({
			type: 'quoine',
			parameters: { resource: 'account', operation: 'getBalances' },
			credentials: credentials as never,
		});
		expect(result.error).toBeUndefined();
		return result.json.find((b) => b.currency === currency)?.balance;
	};

	it('places a limit order, finds it among live orders, cancels it and sees it cancelled', async () => {
		const result = await run([
			node('Place', { resource: 'order', operation: 'createLimit', productId: BTCUSD, side: 'buy', quantity: '0.01', price: '41000' }),
			node('Live Orders', { resource: 'order', operation: 'getAll', returnAll: true, filters: { status: 'live', productId: '1' } }),
			node('Cancel', { resource: 'order', operation: 'cancel', orderId: '={{ $json.id }}' }),
			node('Check', { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' }),
			node('Still Live', { resource: 'order', operation: 'getAll', returnAll: true, filters: { status: 'live' } }),
		]);
		expect(result.error).toBeUndefined();
		const placed = result.output('Place')[0];
		expect(placed).toMatchObject({ order_type: 'limit', side: 'buy', quantity: '0.01', price: '41000.0', status: 'live' });
		expect(result.output('Live Orders').map((o) => o.id)).toEqual([placed.id]);
		expect(result.output('Cancel')[0]).toMatchObject({ id: placed.id, status: 'cancelled' });
		expect(result.output('Check')[0]).toMatchObject({ id: placed.id, status: 'cancelled' });
		expect(result.output('Still Live')).toEqual([]);
	});

	it('a market buy fills: balances move, and the fill shows in my executions and filled orders', async () => {
		const usdBefore = await balance('USD');
		const btcBefore = await balance('BTC');
		const result = await run([
			node('Buy', { resource: 'order', operation: 'createMarket', productId: BTCUSD, side: 'buy', quantity: '0.1' }),
			node('Mine', { resource: 'execution', operation: 'getMine', productId: BTCUSD, returnAll: true }),
		]);
		expect(result.error).toBeUndefined();
		expect(result.output('Buy')[0]).toMatchObject({ order_type: 'market', status: 'filled', filled_quantity: '0.1' });
		expect(result.output('Mine')).toHaveLength(1);
		expect(result.output('Mine')[0]).toMatchObject({ quantity: '0.1', my_side: 'buy' });
		expect(Number(await balance('BTC'))).toBeCloseTo(Number(btcBefore) + 0.1, 10);
		expect(Number(await balance('USD'))).toBeLessThan(Number(usdBefore));

		const filled = await runNode({
			type: 'quoine',
			parameters: { resource: 'order', operation: 'getAll', returnAll: true, filters: { status: 'filled', withDetails: true } },
			credentials: credentials as never,
		});
		expect(filled.json).toHaveLength(1);
		expect(filled.json[0].executions).toHaveLength(1);
	});

	it('edits a live order and refuses to place one beyond the free balance, with a readable error', async () => {
		const result = await run([
			node('Place', { resource: 'order', operation: 'createLimit', productId: BTCUSD, side: 'sell', quantity: '0.5', price: '45000' }),
			node('Edit', { resource: 'order', operation: 'update', orderId: '={{ $json.id }}', updateFields: { price: '44000', quantity: '0.25' } }),
		]);
		expect(result.error).toBeUndefined();
		expect(result.output('Edit')[0]).toMatchObject({ price: '44000.0', quantity: '0.25', status: 'live' });

		const tooBig = await runNode({
			type: 'quoine',
			parameters: { resource: 'order', operation: 'createLimit', productId: BTCUSD, side: 'buy', quantity: '100', price: '41000' },
			credentials: credentials as never,
		});
		expect(tooBig.error?.message).toBe('Not enough free balance to place this order');
	});

	it('opens a margin position, sets stop loss / take profit, and closes the trade', async () => {
		const result = await run([
			node('Margin', {
				resource: 'order', operation: 'createMargin', productId: BTCUSD, orderType: 'market', side: 'buy', quantity: '0.2', price: '', leverageLevel: 2,
			}),
			node('Open Trades', { resource: 'trade', operation: 'getAll', returnAll: true, filters: { status: 'open' } }),
			node('Protect', { resource: 'trade', operation: 'update', tradeId: '={{ $json.id }}', stopLoss: '40000', takeProfit: '45000' }),
			node('Close', { resource: 'trade', operation: 'close', tradeId: '={{ $json.id }}', closedQuantity: '' }),
		]);
		expect(result.error).toBeUndefined();
		expect(result.output('Margin')[0]).toMatchObject({ leverage_level: 2, side: 'buy' });
		expect(result.output('Open Trades')).toHaveLength(1);
		expect(result.output('Protect')[0]).toMatchObject({ stop_loss: '40000.0', take_profit: '45000.0' });
		expect(result.output('Close')[0]).toMatchObject({ status: 'closed' });
	});

	it('lends: creates a loan bid, lists it, sees it on the ladder and closes it', async () => {
		const result = await run([
			node('Bid', { resource: 'loanBid', operation: 'create', currency: 'USD', quantity: '100', rate: '0.00017' }),
			node('Ladder', { resource: 'interestRate', operation: 'getLadder', currency: 'USD' }),
			node('Bids', { resource: 'loanBid', operation: 'getAll', currency: 'USD', returnAll: true }),
			node('Close', { resource: 'loanBid', operation: 'close', loanBidId: '={{ $json.id }}' }),
		]);
		expect(result.error).toBeUndefined();
		expect(result.output('Bid')[0]).toMatchObject({ status: 'live', currency: 'USD' });
		expect(result.output('Ladder')[0].bids).toContainEqual(['0.00017', '100.0']);
		expect(result.output('Bids')).toHaveLength(1);
		expect(result.output('Close')[0]).toMatchObject({ status: 'closed' });
	});

	it('reads products, the order book and public executions, paging with page numbers given as strings', async () => {
		sim.options.pageNumbersAsStrings = true;
		try {
			for (let i = 0; i < 5; i++) {
				const fill = await runNode({
					type: 'quoine',
					parameters: { resource: 'order', operation: 'createMarket', productId: BTCUSD, side: 'buy', quantity: '0.01' },
					credentials: credentials as never,
				});
				expect(fill.error).toBeUndefined();
			}
			const result = await run([
				node('Product', { resource: 'product', operation: 'get', productId: BTCUSD }),
				node('Book', { resource: 'product', operation: 'getOrderBook', productId: BTCUSD, full: true }),
				node('Trades', { resource: 'execution', operation: 'getAll', productId: BTCUSD, returnAll: false, limit: 4 }),
				node('Since', { resource: 'execution', operation: 'getSinceTime', productId: BTCUSD, timestamp: '0', limit: 1000 }),
			]);
			expect(result.error).toBeUndefined();
			expect(result.output('Product')[0]).toMatchObject({ id: 1, currency_pair_code: 'BTCUSD' });
			expect(Array.isArray(result.output('Book')[0].sell_price_levels)).toBe(true);
			expect(result.output('Trades')).toHaveLength(4);
			const since = result.output('Since');
			expect(since.length).toBeGreaterThanOrEqual(5);
			// Paged list is newest first, since-time list oldest first.
			expect(result.output('Trades')[0].id).toBe(since[since.length - 1].id);

			const all = await runNode({
				type: 'quoine',
				parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 5, filters: {} },
				credentials: credentials as never,
			});
			expect(all.json).toHaveLength(5);
			const pages = sim.requests.filter((r) => r.path === '/orders' && r.method === 'GET').map((r) => r.rawQuery);
			expect(pages).toEqual(['limit=5&page=1']);
		} finally {
			sim.options.pageNumbersAsStrings = false;
		}
	});

	it('walks every page when Return All is on (1001 loan bids: a page of 1000, then one more)', async () => {
		const saved = sim.rateLimit;
		sim.rateLimit = false;
		try {
			const created = await runNode({
				type: 'quoine',
				parameters: {
					resource: 'loanBid', operation: 'create', currency: 'USD', quantity: '1', rate: '0.0001',
					requestOptions: { requestsPerWindow: 0 },
				},
				credentials: credentials as never,
				input: Array.from({ length: 1001 }, () => ({})),
			});
			expect(created.error).toBeUndefined();
			const bids = await runNode({
				type: 'quoine',
				parameters: { resource: 'loanBid', operation: 'getAll', currency: 'USD', returnAll: true },
				credentials: credentials as never,
			});
			expect(bids.json).toHaveLength(1001);
			expect(new Set(bids.json.map((b) => b.id)).size).toBe(1001);
			const pages = sim.requests.filter((r) => r.path === '/loan_bids' && r.method === 'GET').map((r) => r.rawQuery);
			expect(pages).toEqual(['currency=USD&limit=1000&page=1', 'currency=USD&limit=1000&page=2']);
		} finally {
			sim.rateLimit = saved;
		}
	});

	it('accounts, trading accounts and leverage', async () => {
		const result = await run([
			node('Fiat', { resource: 'account', operation: 'createFiatAccount', currency: 'eur' }),
			node('Fiats', { resource: 'account', operation: 'getFiatAccounts' }),
		]);
		expect(result.error).toBeUndefined();
		expect(result.output('Fiat')[0]).toMatchObject({ currency: 'EUR' });
		expect(result.output('Fiats').map((a) => a.currency)).toContain('EUR');

		const main = await runNode({ type: 'quoine', parameters: { resource: 'account', operation: 'getMainAsset' }, credentials: credentials as never });
		expect(main.json[0]).toMatchObject({ currency: 'USD' });

		const accounts = await runNode({ type: 'quoine', parameters: { resource: 'tradingAccount', operation: 'getAll' }, credentials: credentials as never });
		expect(accounts.error).toBeUndefined();
		expect(accounts.json.length).toBeGreaterThan(0);
		const id = String(accounts.json[0].id);
		const updated = await run([
			node('Leverage', { resource: 'tradingAccount', operation: 'updateLeverage', tradingAccountId: id, leverageLevel: 4 }),
			node('Account', { resource: 'tradingAccount', operation: 'get', tradingAccountId: '={{ $json.id }}' }),
		]);
		expect(updated.error).toBeUndefined();
		expect(updated.output('Account')[0]).toMatchObject({ id: accounts.json[0].id, leverage_level: 4 });
	});

	it('the credential test request, signed by the credential, passes with the right secret and fails with a wrong one', async () => {
		const credential = new QuoineApi();
		const send = async (apiSecret: string) => {
			const options = await credential.authenticate(
				{ ...credentials.quoineApi, apiSecret } as never,
				{ method: credential.test.request.method, url: credential.test.request.url as string },
			);
			const response = await fetch(`${options.baseURL}${options.url}`, {
				method: options.method,
				headers: options.headers as Record<string, string>,
			});
			return { status: response.status, text: await response.text() };
		};
		const good = await send(SECRET);
		expect(good.status).toBe(200);
		expect(JSON.parse(good.text)).toContainEqual({ currency: 'USD', balance: '10000.0' });
		expect(await send('wrong')).toEqual({ status: 401, text: 'API Authentication failed' });
	});

	it('a wrong secret is rejected by the simulator and reported as an authentication error', async () => {
		const result = await runNode({
			type: 'quoine',
			parameters: { resource: 'account', operation: 'getBalances' },
			credentials: { quoineApi: { ...credentials.quoineApi, apiSecret: 'wrong' } } as never,
		});
		expect(result.error?.message).toBe('Authentication failed: invalid API Token ID or API Secret');
	});

	it('rides out the simulator rate limit: the 429 is waited out and every item succeeds', async () => {
		const saved = sim.rateLimit;
		sim.rateLimit = { max: 2, windowMs: 400 };
		try {
			const result = await runNode({
				type: 'quoine',
				parameters: { resource: 'account', operation: 'getMainAsset', requestOptions: { requestsPerWindow: 0, maxRateLimitWait: 30 } },
				credentials: credentials as never,
				input: [{}, {}, {}],
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(3);
			const statuses = sim.requests.filter((r) => r.path === '/accounts/main_asset').map((r) => r.status);
			expect(statuses).toContain(429);
			expect(statuses.filter((s) => s === 200)).toHaveLength(3);
		} finally {
			sim.rateLimit = saved;
		}
	});
});

/**
 * The Quoine simulator on its own: tokens are signed here with `jose`, never with the node's code,
 * so these tests pin what the simulator accepts and answers.
 */
import { SignJWT } from 'jose';

import { QuoineSimulator, SANDBOX_TOKEN_ID, SANDBOX_TOKEN_SECRET } from '../../sandbox/quoine';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface CallOptions {
	body?: unknown;
	signed?: boolean;
	tokenId?: string;
	secret?: string;
	nonce?: number;
	signedPath?: string;
	version?: string | null;
	auth?: string;
}

let nonce = 1_800_000_000_000;

async function sign(claims: Record<string, unknown>, secret: string): Promise<string> {
	return await new SignJWT(claims)
		.setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
		.sign(new TextEncoder().encode(secret));
}

function client(sim: QuoineSimulator) {
	return async (method: string, pathAndQuery: string, options: CallOptions = {}) => {
		const headers: Record<string, string> = { Accept: 'application/json' };
		if (options.version !== null) headers['X-Quoine-API-Version'] = options.version ?? '2';
		if (options.auth !== undefined) headers['X-Quoine-Auth'] = options.auth;
		else if (options.signed !== false && options.signed !== undefined) {
			headers['X-Quoine-Auth'] = await sign(
				{
					path: options.signedPath ?? pathAndQuery,
					nonce: options.nonce ?? ++nonce,
					token_id: options.tokenId ?? SANDBOX_TOKEN_ID,
				},
				options.secret ?? SANDBOX_TOKEN_SECRET,
			);
		}
		let body: string | undefined;
		if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['Content-Type'] = 'application/json';
		}
		const response = await fetch(`${sim.url}${pathAndQuery}`, { method, headers, body });
		const text = await response.text();
		let json: Json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json };
	};
}

describe('Quoine simulator', () => {
	const sim = new QuoineSimulator();
	const call = client(sim);
	const signed = (method: string, path: string, options: CallOptions = {}) =>
		call(method, path, { signed: true, ...options });

	beforeAll(async () => {
		await sim.listen();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.clock = () => 1_700_000_000;
	});

	describe('authentication', () => {
		it('accepts the spec test vector token for its token id and secret', async () => {
			sim.addToken('123', 'test-secret');
			const specVector =
				'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJwYXRoIjoiL29yZGVycz9wcm9kdWN0X2lkPTEiLCJub25jZSI6MTcwMDAwMDAwMDAwMCwidG9rZW5faWQiOiIxMjMifQ.BsZhb7txz7dktmyyaJwDqtqB4SOtlzzFr0nxjR7ivU0';
			const first = await call('GET', '/orders?product_id=1', { auth: specVector });
			expect(first.status).toBe(200);
			expect(first.json).toMatchObject({ current_page: 1, total_pages: 1 });
			const replay = await call('GET', '/orders?product_id=1', { auth: specVector });
			expect(replay.status).toBe(401);
			expect(replay.text).toBe('Nonce is too small');
		});

		it('accepts a correctly signed request with the query in the path claim', async () => {
			const result = await signed('GET', '/orders?product_id=1&status=live&limit=5');
			expect(result.status).toBe(200);
		});

		it('rejects a wrong secret, an unknown token and a missing header with plain text', async () => {
			for (const options of [{ secret: 'wrong-secret' }, { tokenId: 'nobody' }, { auth: '' }, { auth: 'not-a-jwt' }]) {
				const result = await signed('GET', '/accounts/balance', options);
				expect(result.status).toBe(401);
				expect(result.text).toBe('API Authentication failed');
				expect(result.json).toBeUndefined();
			}
			const unsigned = await call('GET', '/accounts/balance');
			expect(unsigned.status).toBe(401);
		});

		it('rejects a path claim that differs from the path and raw query sent', async () => {
			const cases = [
				{ sent: '/orders?product_id=1', claim: '/orders' },
				{ sent: '/orders?product_id=1&status=live', claim: '/orders?status=live&product_id=1' },
				{ sent: '/orders', claim: '/orders?' },
				{ sent: '/orders?product_id=1', claim: '/trades?product_id=1' },
			];
			for (const { sent, claim } of cases) {
				const result = await signed('GET', sent, { signedPath: claim });
				expect({ sent, status: result.status, text: result.text }).toEqual({
					sent,
					status: 401,
					text: 'API Authentication failed',
				});
			}
		});

		it('requires strictly increasing nonces per token', async () => {
			sim.addToken('other', 'other-secret');
			expect((await signed('GET', '/accounts/balance', { nonce: 5000 })).status).toBe(200);
			const same = await signed('GET', '/accounts/balance', { nonce: 5000 });
			expect(same).toMatchObject({ status: 401, text: 'Nonce is too small' });
			expect((await signed('GET', '/accounts/balance', { nonce: 4999 })).status).toBe(401);
			// Another token has its own sequence.
			expect((await signed('GET', '/accounts/balance', { nonce: 10, tokenId: 'other', secret: 'other-secret' })).status).toBe(200);
			expect((await signed('GET', '/accounts/balance', { nonce: 5001 })).status).toBe(200);
		});

		it('does not let a rejected request consume a nonce', async () => {
			expect((await signed('GET', '/accounts/balance', { nonce: 7000, secret: 'bad' })).status).toBe(401);
			expect((await signed('GET', '/accounts/balance', { nonce: 7000 })).status).toBe(200);
		});

		it('requires X-Quoine-API-Version: 2 on public and signed calls', async () => {
			expect((await call('GET', '/products', { version: null })).status).toBe(400);
			expect((await call('GET', '/products', { version: '1' })).status).toBe(400);
			const missing = await signed('GET', '/accounts/balance', { version: null });
			expect(missing.status).toBe(400);
			expect(missing.json).toEqual({ message: expect.stringContaining('X-Quoine-API-Version') });
			expect((await call('GET', '/products')).status).toBe(200);
		});
	});

	describe('public data', () => {
		it('lists the seeded products and their order books', async () => {
			const products = await call('GET', '/products');
			expect(products.status).toBe(200);
			const pairs = Object.fromEntries((products.json as Json[]).map((p) => [p.id, p.currency_pair_code]));
			expect(pairs).toEqual({ 1: 'BTCUSD', 3: 'ETHJPY', 5: 'BTCJPY', 27: 'ETHBTC' });
			const product = await call('GET', '/products/1');
			expect(product.json).toMatchObject({ id: 1, base_currency: 'BTC', quoted_currency: 'USD', market_ask: '42010.0', market_bid: '41990.0' });
			expect((await call('GET', '/products/999')).status).toBe(404);

			const book = await call('GET', '/products/1/price_levels?full=1');
			expect(book.json.sell_price_levels[0]).toEqual(['42010.0', '0.5']);
			expect(book.json.buy_price_levels[0]).toEqual(['41990.0', '0.5']);
			expect(book.json.buy_price_levels).toHaveLength(3);
		});

		it('answers the interest-rate ladder', async () => {
			const ladder = await call('GET', '/ir_ladders/USD');
			expect(ladder.json.bids[0]).toEqual(['0.0002', '23617.81698']);
			expect(ladder.json.asks).toEqual([]);
		});

		it('pages public executions newest first and answers the since-time form oldest first', async () => {
			const added = [];
			for (let i = 0; i < 45; i++) {
				added.push(sim.addPublicExecution(3, { price: '300000.0', quantity: '0.01', taker_side: 'sell', created_at: 1_700_000_100 + Math.floor(i / 3) }));
			}
			const total = 45 + 3; // three executions are seeded per product
			const page1 = await call('GET', '/executions?product_id=3&limit=20');
			expect(page1.json.current_page).toBe(1);
			expect(page1.json.total_pages).toBe(Math.ceil(total / 20));
			expect(page1.json.models[0].id).toBe(added[44].id);
			const page3 = await call('GET', '/executions?product_id=3&limit=20&page=3');
			expect(page3.json.models).toHaveLength(total - 40);

			const since = await call('GET', '/executions?product_id=3&timestamp=1700000101&limit=4');
			expect(Array.isArray(since.json)).toBe(true);
			expect(since.json.map((e: Json) => e.id)).toEqual(added.slice(3, 7).map((e) => e.id));
			expect(since.json[0]).toEqual({ id: added[3].id, quantity: '0.01', price: '300000.0', taker_side: 'sell', created_at: 1_700_000_101 });

			const capped = await call('GET', '/executions?product_id=3&limit=5000');
			expect(capped.json.models).toHaveLength(total);
			expect((await call('GET', '/executions')).status).toBe(422);
		});
	});

	describe('orders and matching', () => {
		const limitBuy = (quantity: string, price: string) =>
			signed('POST', '/orders', { body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity, price } } });

		it('fills a limit order against a counter order and moves the balances', async () => {
			// Above the best bid (41990) and below the best ask (42010): it rests at the top of the book.
			const placed = await limitBuy('0.1', '41995.0');
			expect(placed.status).toBe(200);
			expect(placed.json).toMatchObject({ status: 'live', filled_quantity: '0.0', price: '41995.0', created_at: 1_700_000_000, updated_at: 1_700_000_000 });
			const free = await signed('GET', '/fiat_accounts');
			expect(free.json.find((a: Json) => a.currency === 'USD')).toMatchObject({ balance: '10000.0', free_margin: '5800.5' });

			sim.clock = () => 1_700_000_050;
			sim.placeCounterOrder({ productId: 1, side: 'sell', quantity: '0.1', price: '41900.0' });
			const order = await signed('GET', `/orders/${placed.json.id}`);
			expect(order.json).toMatchObject({ status: 'filled', filled_quantity: '0.1', updated_at: 1_700_000_050 });
			expect(order.json.executions).toEqual([
				expect.objectContaining({ quantity: '0.1', price: '41995.0', taker_side: 'sell', my_side: 'buy', created_at: 1_700_000_050 }),
			]);

			const balances = await signed('GET', '/accounts/balance');
			expect(balances.json).toEqual(
				expect.arrayContaining([
					{ currency: 'USD', balance: '5800.5' },
					{ currency: 'BTC', balance: '5.1' },
				]),
			);
			const mine = await signed('GET', '/executions/me?product_id=1&with_details=1');
			expect(mine.json.models).toEqual([expect.objectContaining({ my_side: 'buy', order_id: placed.json.id })]);
			const publicPage = await call('GET', '/executions?product_id=1&limit=1');
			expect(publicPage.json.models[0]).toMatchObject({ price: '41995.0', taker_side: 'sell' });
		});

		it('fills market orders across the book', async () => {
			sim.setBalance('USD', '30000.0');
			const market = await signed('POST', '/orders', { body: { order: { order_type: 'market', product_id: 1, side: 'buy', quantity: '0.6' } } });
			expect(market.json).toMatchObject({ status: 'filled', filled_quantity: '0.6' });
			const book = await call('GET', '/products/1/price_levels?full=0');
			expect(book.json.sell_price_levels[0]).toEqual(['42050.0', '0.9']);
			const usd = (await signed('GET', '/accounts/balance')).json.find((b: Json) => b.currency === 'USD');
			expect(usd.balance).toBe('4790.0'); // 30000 - 0.5 * 42010 - 0.1 * 42050
		});

		it('partially fills, refuses to update, and cancels', async () => {
			const placed = await signed('POST', '/orders', { body: { order_type: 'limit', product_id: 1, side: 'sell', quantity: '1.0', price: '43000.0' } });
			expect(placed.json.status).toBe('live');
			const updated = await signed('PUT', `/orders/${placed.json.id}`, { body: { order: { price: '43500.0' } } });
			expect(updated.json).toMatchObject({ price: '43500.0', quantity: '1.0' });

			sim.fillOrder(placed.json.id, '0.25');
			const partial = await signed('GET', `/orders?status=partially_filled`);
			expect(partial.json.models).toEqual([expect.objectContaining({ id: placed.json.id, filled_quantity: '0.25' })]);
			const refused = await signed('PUT', `/orders/${placed.json.id}`, { body: { order: { quantity: '2.0' } } });
			expect(refused).toMatchObject({ status: 422, json: { message: 'Can not update partially filled order' } });

			const cancelled = await signed('PUT', `/orders/${placed.json.id}/cancel`);
			expect(cancelled.json).toMatchObject({ status: 'cancelled', filled_quantity: '0.25' });
			const again = await signed('PUT', `/orders/${placed.json.id}`, { body: { order: { quantity: '2.0' } } });
			expect(again.json).toEqual({ message: 'Can not update non-live order' });
			expect((await signed('PUT', '/orders/1/cancel')).json).toEqual({ message: 'Order not found' });
			expect((await signed('GET', '/orders/1')).status).toBe(404);
		});

		it('rejects orders beyond the free balance and bad quantities in the documented shapes', async () => {
			const tooBig = await limitBuy('1.0', '42000.0');
			expect(tooBig).toMatchObject({ status: 422, json: { errors: { user: ['not_enough_free_balance'] } } });
			expect((await limitBuy('0', '100.0')).json).toEqual({ errors: { quantity: ['must_be_positive'] } });
			expect((await limitBuy('0.00001', '100.0')).json).toEqual({ errors: { quantity: ['less_than_order_size'] } });
			expect((await limitBuy('abc', '100.0')).json).toEqual({ errors: { quantity: ['is_not_a_number'] } });
			const missing = await signed('POST', '/orders', { body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity: '0.1' } } });
			expect(missing).toMatchObject({ status: 422, json: { message: 'missing parameters' } });
			expect(sim.orders.filter((o) => o.userId !== 1)).toHaveLength(0);
		});

		it('fills a market order with range only within the range', async () => {
			sim.setBalance('USD', '1000000.0');
			const ranged = await signed('POST', '/orders', {
				body: { order: { order_type: 'market_with_range', product_id: 1, side: 'buy', quantity: '0.2', price_range: '10.0' } },
			});
			// Only the 0.5 offered at 42010 lies within 42010 + 10.
			expect(ranged.json).toMatchObject({ status: 'filled', filled_quantity: '0.2', price: '42010.0', price_range: '10.0' });
			const wide = await signed('POST', '/orders', {
				body: { order: { order_type: 'market_with_range', product_id: 1, side: 'buy', quantity: '0.1', price_range: '0.0' } },
			});
			expect(wide.json).toMatchObject({ status: 'filled', price: '42010.0' });
			const partial = await signed('POST', '/orders', {
				body: { order: { order_type: 'market_with_range', product_id: 1, side: 'buy', quantity: '1.0', price_range: '5.0' } },
			});
			expect(partial.json).toMatchObject({ status: 'cancelled', filled_quantity: '0.2' });
		});

		it('checks the margin of a margin order against the free balance', async () => {
			const tooBig = await signed('POST', '/orders', {
				body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity: '1.0', price: '40000.0', leverage_level: 2 } },
			});
			expect(tooBig.json).toEqual({ errors: { user: ['not_enough_free_balance'] } });
			const badLevel = await signed('POST', '/orders', {
				body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity: '0.1', price: '40000.0', leverage_level: 3 } },
			});
			expect(badLevel.json).toEqual({ errors: { leverage_level: ['invalid'] } });
			const fits = await signed('POST', '/orders', {
				body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity: '1.0', price: '40000.0', leverage_level: 5, order_direction: 'netout' } },
			});
			expect(fits.json).toMatchObject({ status: 'live', leverage_level: 5, order_direction: 'netout' });
		});

		it('lists order details and requires the product for own executions', async () => {
			const placed = await limitBuy('0.1', '41995.0');
			sim.fillOrder(placed.json.id, '0.05');
			const detailed = await signed('GET', '/orders?with_details=1');
			expect(detailed.json.models[0].executions).toEqual([expect.objectContaining({ quantity: '0.05', my_side: 'buy' })]);
			expect((await signed('GET', '/orders')).json.models[0].executions).toBeUndefined();
			expect((await signed('GET', '/executions/me')).json).toEqual({ message: 'missing parameters' });
			// Public routes ignore a signature, whatever it holds.
			expect((await call('GET', '/products/1', { auth: 'garbage' })).status).toBe(200);
		});

		it('pages orders with filters', async () => {
			for (let i = 0; i < 7; i++) await limitBuy('0.01', `${40000 + i}.0`);
			const page = await signed('GET', '/orders?product_id=1&limit=3&page=3');
			expect(page.json).toMatchObject({ current_page: 3, total_pages: 3 });
			expect(page.json.models).toHaveLength(1);
			expect(page.json.models[0].price).toBe('40000.0');
			expect((await signed('GET', '/orders?product_id=5')).json.models).toEqual([]);
		});
	});

	describe('margin, lending and trading accounts', () => {
		it('opens a margin trade on fill, updates and closes it', async () => {
			const order = await signed('POST', '/orders', {
				body: { order: { order_type: 'limit', product_id: 1, side: 'buy', quantity: '0.2', price: '42010.0', leverage_level: 10, funding_currency: 'USD' } },
			});
			expect(order.json).toMatchObject({ status: 'filled', leverage_level: 10 });
			const trades = await signed('GET', `/orders/${order.json.id}/trades`);
			expect(trades.json).toEqual([expect.objectContaining({ side: 'long', status: 'open', open_quantity: '0.2', margin_used: '840.2', open_price: '42010.0' })]);
			const tradeId = trades.json[0].id;

			const updated = await signed('PUT', `/trades/${tradeId}`, { body: { trade: { stop_loss: '40000.0', take_profit: '45000.0' } } });
			expect(updated.json).toMatchObject({ stop_loss: '40000.0', take_profit: '45000.0' });
			expect((await signed('GET', `/trades/${tradeId}/loans`)).json).toEqual([expect.objectContaining({ status: 'open', currency: 'USD' })]);

			sim.addPublicExecution(1, { price: '43010.0', quantity: '0.1' });
			const partly = await signed('PUT', `/trades/${tradeId}/close`, { body: { closed_quantity: '0.05' } });
			expect(partly.json).toMatchObject({ status: 'open', open_quantity: '0.15', close_quantity: '0.05', close_pnl: '50.0' });
			const all = await signed('PUT', '/trades/close_all', { body: {} });
			expect(all.json).toEqual([expect.objectContaining({ id: tradeId, status: 'closed', close_pnl: '200.0' })]);
			const usd = (await signed('GET', '/accounts/balance')).json.find((b: Json) => b.currency === 'USD');
			expect(usd.balance).toBe('10200.0');
			expect((await signed('GET', '/trades?status=closed')).json.models).toHaveLength(1);
		});

		it('updates the leverage of a trading account only to allowed levels', async () => {
			const accounts = await signed('GET', '/trading_accounts');
			expect(accounts.json[0]).toMatchObject({ id: 1759, leverage_level: 10, long_summary: expect.any(Object) });
			const ok = await signed('PUT', '/trading_accounts/1759', { body: { trading_account: { leverage_level: 25 } } });
			expect(ok.json).toMatchObject({ id: 1759, leverage_level: 25 });
			const bad = await signed('PUT', '/trading_accounts/1759', { body: { trading_account: { leverage_level: 3 } } });
			expect(bad).toMatchObject({ status: 422, json: { errors: { leverage_level: ['invalid'] } } });
			expect((await signed('GET', '/trading_accounts/1')).status).toBe(404);
		});

		it('creates, lists and closes loan bids and updates loans', async () => {
			const bid = await signed('POST', '/loan_bids', { body: { loan_bid: { rate: '0.0002', quantity: '50.0', currency: 'USD' } } });
			expect(bid.json).toMatchObject({ status: 'live', quantity: '50.0', rate: '0.0002', currency: 'USD' });
			expect((await signed('POST', '/loan_bids', { body: { loan_bid: { rate: '0.0008', quantity: '5', currency: 'USD' } } })).status).toBe(422);
			expect((await signed('POST', '/loan_bids', { body: { loan_bid: { rate: '0.0002', quantity: '5', currency: 'JPY' } } })).status).toBe(422);
			const list = await signed('GET', '/loan_bids?currency=USD');
			expect(list.json.models).toEqual([expect.objectContaining({ id: bid.json.id })]);
			expect((await signed('PUT', `/loan_bids/${bid.json.id}/close`)).json.status).toBe('closed');

			const loans = await signed('GET', '/loans?currency=JPY');
			const loanId = loans.json.models[0].id;
			const updated = await signed('PUT', `/loans/${loanId}`, { body: { fund_reloaned: false } });
			expect(updated.json).toMatchObject({ id: loanId, fund_reloaned: false });
		});

		it('creates fiat accounts and reports crypto accounts and the main asset', async () => {
			const created = await signed('POST', '/fiat_accounts', { body: { currency: 'EUR' } });
			expect(created.json).toMatchObject({ currency: 'EUR', balance: '0.0', currency_type: 'fiat' });
			expect((await signed('POST', '/fiat_accounts', { body: { currency: 'EUR' } })).status).toBe(422);
			const crypto = await signed('GET', '/crypto_accounts');
			expect(crypto.json.map((a: Json) => a.currency)).toEqual(['BTC', 'ETH']);
			const main = await signed('GET', '/accounts/main_asset');
			expect(main.json).toMatchObject({ currency: 'USD' });
			expect(Number(main.json.total_amount)).toBeGreaterThan(10000);
		});
	});

	describe('limits and faults', () => {
		it('answers 429 over the rate limit per token and per address', async () => {
			const limited = new QuoineSimulator({ rateLimit: { max: 3, windowMs: 1000 } });
			await limited.listen();
			try {
				let now = 0;
				limited.rateClock = () => now;
				const call2 = client(limited);
				const statuses = [];
				for (let i = 0; i < 4; i++) statuses.push((await call2('GET', '/accounts/balance', { signed: true })).status);
				expect(statuses).toEqual([200, 200, 200, 429]);
				const rejected = await call2('GET', '/accounts/balance', { signed: true });
				expect(rejected.json).toEqual({ message: 'API rate limit exceeded. Please retry after 300s' });
				// Public calls count per address, separately from the token.
				expect((await call2('GET', '/products')).status).toBe(200);
				now = 1001;
				expect((await call2('GET', '/accounts/balance', { signed: true })).status).toBe(200);
			} finally {
				await limited.close();
			}
		});

		it('can lift the rate limit', async () => {
			const unlimited = new QuoineSimulator({ rateLimit: false });
			await unlimited.listen();
			try {
				const call2 = client(unlimited);
				for (let i = 0; i < 310; i++) expect((await call2('GET', '/products/1')).status).toBe(200);
			} finally {
				await unlimited.close();
			}
		});

		it('injects faults from the base simulator', async () => {
			sim.injectFault({ type: 'status', status: 500, path: '^/products$' });
			expect((await call('GET', '/products')).status).toBe(500);
			expect((await call('GET', '/products')).status).toBe(200);
		});
	});
});

import { SignJWT, importPKCS8 } from 'jose';
import { createPrivateKey } from 'crypto';

import { WalletServiceSimulator, sandboxAuthority } from '../../sandbox/wallet-service';

describe('Wallet Service simulator', () => {
	const sim = new WalletServiceSimulator();
	let token: string;

	beforeAll(async () => {
		await sim.listen();
		await sim.addSandboxAuthority();
		const pkcs8 = createPrivateKey(sandboxAuthority.client_config.private_key)
			.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		token = await new SignJWT({ sub: sandboxAuthority.authority_id })
			.setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
			.sign(await importPKCS8(pkcs8, 'ES256'));
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	const call = (path: string, init: RequestInit = {}) => fetch(`${sim.url}/api/v1${path}`, init);

	it('answers 401 without a token and 403 for a Bearer prefix or a bad token', async () => {
		const missing = await call('/wallet');
		expect(missing.status).toBe(401);
		expect(await missing.json()).toEqual({ error: 'authorization data required' });
		for (const authorization of [`Bearer ${token}`, `${token.slice(0, -4)}AAAA`, 'garbage']) {
			const response = await call('/wallet', { headers: { authorization } });
			expect(response.status).toBe(403);
			expect(await response.json()).toEqual({ error: 'forbidden' });
		}
	});

	it('health needs no token', async () => {
		expect(await (await call('/health')).json()).toEqual({ ok: true, version: '1.1.0' });
	});

	it('validates entries like the Joi schema: unknown keys, non-integer amounts, client-sent used', async () => {
		const post = (body: unknown) =>
			call('/entry', {
				method: 'POST',
				headers: { authorization: token, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const cases: Array<[unknown, string]> = [
			[{ user_id: 'u', amount: 1.5, reason: 'r' }, '"amount" must be an integer'],
			[{ user_id: 'u', amount: 1, reason: '' }, '"reason" is not allowed to be empty'],
			[{ user_id: 'u', amount: 1, reason: 'r', extra: 1 }, '"extra" is not allowed'],
			[{ user_id: 'u', amount: 1, reason: 'r', item: { name: 'x', used: true } }, '"item.used" is not allowed'],
			[{ user_id: 'u', amount: 1, reason: 'r', item: { name: 'x', data: '{"a":1}' } }, '"item.data" must be of type object'],
		];
		for (const [body, message] of cases) {
			const response = await post(body);
			expect(response.status).toBe(400);
			const answer = (await response.json()) as { error: { details: Array<{ message: string }> } };
			expect(answer.error.details[0].message).toBe(message);
		}
		expect(sim.entries).toHaveLength(0);
	});

	it('a slow fault holds back only the matching request', async () => {
		sim.injectFault({ type: 'slow', delayMs: 300, path: '/health' });
		const finished: string[] = [];
		const slow = call('/health').then(() => finished.push('slow health'));
		const fast = call('/wallet', { headers: { authorization: token } }).then(() => finished.push('wallet'));
		await Promise.all([slow, fast]);
		expect(finished).toEqual(['wallet', 'slow health']);
		// The fault was used up: the next health check is answered at once and normally.
		expect(await (await call('/health')).json()).toEqual({ ok: true, version: '1.1.0' });
	});

	it('sums wallets per user and filters by authority', async () => {
		sim.entries.push(
			{ entry_id: 'a'.repeat(24), authority_id: 'A', user_id: 'u1', created_on: 1, amount: 5, reason: 'r' },
			{ entry_id: 'b'.repeat(24), authority_id: 'B', user_id: 'u1', created_on: 2, amount: 7, reason: 'r' },
		);
		const all = await (await call('/wallet', { headers: { authorization: token } })).json();
		expect(all).toEqual({ wallets: [{ user_id: 'u1', total: 12 }] });
		const onlyB = await (await call('/wallet?user_ids=&authority_ids=B', { headers: { authorization: token } })).json();
		expect(onlyB).toEqual({ wallets: [{ user_id: 'u1', total: 7 }] });
	});
});

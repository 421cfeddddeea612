import { generateKeyPairSync } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { WalletServiceApi } from '../../credentials/WalletServiceApi.credentials';
import { WalletServiceSimulator, sandboxAuthority } from '../../sandbox/wallet-service';
import { runNode } from '../helpers/engine';

const createEntry = (userId: string, amount: number) => ({
	resource: 'entry',
	operation: 'create',
	userId,
	amount,
	reason: 'test',
});

describe('Wallet Service against the simulator: errors, faults and the credential test', () => {
	const sim = new WalletServiceSimulator();
	let credentials: { walletServiceApi: { authorityConfigSecret: string; baseUrl: string } };

	beforeAll(async () => {
		await sim.listen();
		await sim.addSandboxAuthority();
		credentials = { walletServiceApi: { authorityConfigSecret: sim.sandboxClientConfig(), baseUrl: '' } };
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	/** Sends the credential's test request as n8n does: through `authenticate`, then HTTP. */
	async function credentialTest(authorityConfigSecret: string): Promise<number> {
		const credential = new WalletServiceApi();
		const options = await credential.authenticate(
			{ authorityConfigSecret, baseUrl: '' },
			{ ...(credential.test.request as IHttpRequestOptions) },
		);
		const url = new URL(`${options.baseURL}${options.url}`);
		for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
		const response = await fetch(url, { headers: options.headers as Record<string, string> });
		return response.status;
	}

	it('the credential test passes with the sandbox authority and fails with another key', async () => {
		expect(await credentialTest(sim.sandboxClientConfig())).toBe(200);
		const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
			.privateKey.export({ type: 'sec1', format: 'pem' })
			.toString();
		const wrong = JSON.stringify({ ...JSON.parse(sim.sandboxClientConfig()), private_key: otherKey });
		expect(await credentialTest(wrong)).toBe(403);
		expect(sim.requests.every((request) => request.path === '/api/v1/wallet')).toBe(true);
	});

	it('a key the server does not know gives a clear 403 error without the token', async () => {
		const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
			.privateKey.export({ type: 'sec1', format: 'pem' })
			.toString();
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
			credentials: {
				walletServiceApi: {
					authorityConfigSecret: JSON.stringify({ ...sandboxAuthority.client_config, api_base_url: sim.url, private_key: otherKey }),
					baseUrl: '',
				},
			},
		});
		expect(result.error?.message).toBe('Authority credentials were rejected (403 forbidden)');
		const token = (sim.requests[0].headers as Record<string, string>).authorization;
		expect(JSON.stringify(result.error)).not.toContain(token);
	});

	it('a withdrawal for a user with no entries, which the server never answers, explains the likely cause', async () => {
		const result = await runNode({ type: 'walletService', parameters: createEntry('nobody', -1), credentials });
		expect(result.error?.message).toBe('Wallet Service: the connection was closed without an answer');
		expect(result.error?.description).toContain('withdrawal is made for a user who has no entries');
	});

	it('Use Item on an unknown entry ID fails instead of hanging', async () => {
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'inventory', operation: 'useItem', entryId: '5f00000000000000000000ff' },
			credentials,
		});
		expect(result.error?.message).toBe('Wallet Service: the connection was closed without an answer');
	});

	it.each([
		[{ type: 'status', status: 500, body: { error: 'an internal error has occurred' } }, 'Wallet service error (500): an internal error has occurred'],
		[{ type: 'status', status: 429, body: 'Too many requests' }, 'Wallet Service answered 429: Too many requests'],
		[{ type: 'nonjson', status: 502 }, 'Wallet service error (502): an HTML page (502 Bad Gateway)'],
		[{ type: 'drop' }, 'Wallet Service: the connection was closed without an answer'],
	])('fault %j becomes "%s"', async (fault, message) => {
		// Until cleared: a read is resent once after a 5xx or a reset (the service's retry policy).
		sim.injectFault({ ...fault, path: '/wallet', times: 0 } as never);
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
			credentials,
		});
		expect(result.error?.message).toBe(message);
	});

	it('a 429 with Retry-After is waited out and resent, a write too (it was not executed)', async () => {
		sim.injectFault({ type: 'status', status: 429, path: '/entry', times: 1, headers: { 'retry-after': '1' } } as never);
		const result = await runNode({ type: 'walletService', parameters: createEntry('erin', 3), credentials });
		expect(result.error).toBeUndefined();
		const posts = sim.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.status)).toEqual([429, 200]);
		expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(900);
	});

	it('a read is resent once after a 500 or a reset and then succeeds; a write is never resent', async () => {
		for (const fault of [{ type: 'status', status: 500 }, { type: 'drop' }]) {
			sim.reset();
			sim.injectFault({ ...fault, path: '/wallet', times: 1 } as never);
			const read = await runNode({
				type: 'walletService',
				parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
				credentials,
			});
			expect(read.error).toBeUndefined();
			expect(sim.requests.filter((request) => request.path === '/api/v1/wallet')).toHaveLength(2);
		}
		sim.reset();
		sim.injectFault({ type: 'status', status: 500, path: '/entry', times: 1 } as never);
		const write = await runNode({ type: 'walletService', parameters: createEntry('dave', 5), credentials });
		expect(write.error?.message).toMatch(/500/);
		expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('a 200 answer that is not JSON is an error, not data and not an empty list', async () => {
		sim.injectFault({ type: 'nonjson', path: '/wallet' });
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
			credentials,
		});
		expect(result.error?.message).toBe(
			'Wallet Service: HTTP 200 with a non-JSON answer: an HTML page (502 Bad Gateway)',
		);
		expect(result.json).toEqual([]);
	});

	it('Continue On Fail turns a failed item into an error item paired with its input', async () => {
		await runNode({ type: 'walletService', parameters: createEntry('carol', 10), credentials });
		const result = await runNode({
			type: 'walletService',
			parameters: {
				resource: 'entry',
				operation: 'create',
				userId: 'carol',
				amount: '={{ $json.amount }}',
				reason: 'spend',
			},
			credentials,
			input: [{ amount: -4 }, { amount: -100 }, { amount: 2.5 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const items = result.items('Node');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ user_id: 'carol', amount: -4 });
		expect(items[1].json).toMatchObject({
			error: 'Not enough funds: user "carol" cannot pay -100; the wallet holds 6',
			httpCode: '402',
		});
		expect(items[2].json).toMatchObject({ error: 'Amount: must be a whole number (no decimals)' });
		// Only the two valid items reached the service (plus the setup deposit).
		expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(3);
	});

	it('the health endpoint of a disabled server is reported as unhealthy', async () => {
		sim.healthOk = 'disabled for maintenance';
		const result = await runNode({
			type: 'walletService',
			parameters: { resource: 'service', operation: 'checkHealth', errorIfUnhealthy: false },
			credentials,
		});
		expect(result.json[0]).toEqual({
			healthy: false,
			ok: 'disabled for maintenance',
			version: '1.1.0',
			problem: 'disabled for maintenance',
		});
	});
});

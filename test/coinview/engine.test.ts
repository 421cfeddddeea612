/**
 * The CoinView node and credential against the CoinView / Mixin simulator, run by n8n-core's
 * execution engine: every operation in both endpoint modes and with both key kinds, a transfer whose
 * answer is lost after the server executed it (Retry On Fail on) pays exactly once, and the
 * simulator's checks (JWT, sig, jti, PIN, iterator) hold for what the node really sends.
 */
import { randomUUID } from 'crypto';
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { CoinViewApi } from '../../credentials/CoinViewApi.credentials';
import { rateLimitRetry } from '../../nodes/CoinView/transport';
import { ENCRYPTED_PIN } from '../../nodes/CoinView/transport/auth';
import { ASSET, CoinViewSimulator, OTHER_USERS } from '../../sandbox/coinview';
import { runNode, runWorkflow, type TestNode } from '../helpers/engine';

const sim = new CoinViewSimulator();

type Setup = 'ed25519 direct' | 'rsa relay (backup)' | 'rsa direct (PEM)' | 'ed25519 relay (pin_token)';

function credentialFor(setup: Setup): ICredentialDataDecryptedObject {
	const { wallets } = sim.describe();
	switch (setup) {
		case 'ed25519 direct':
			return {
				source: 'fields',
				userId: wallets.ed25519.userId,
				sessionId: wallets.ed25519.sessionId,
				pinToken: wallets.ed25519.serverPublicKey as string,
				privateKey: wallets.ed25519.privateKey,
				pinSecret: wallets.ed25519.pin,
				endpoint: 'custom',
				baseUrl: sim.directUrl,
				customMode: 'direct',
			};
		case 'ed25519 relay (pin_token)':
			return {
				source: 'fields',
				userId: wallets.ed25519.userId,
				sessionId: wallets.ed25519.sessionId,
				pinToken: wallets.ed25519.pinToken,
				privateKey: wallets.ed25519.privateKeyBase64Url,
				pinSecret: wallets.ed25519.pin,
				endpoint: 'custom',
				baseUrl: sim.relayUrl,
				customMode: 'relay',
			};
		case 'rsa relay (backup)':
			return {
				source: 'backup',
				backupSecretKey: wallets.rsa.backupSecretKey,
				pinSecret: wallets.rsa.pin,
				endpoint: 'custom',
				baseUrl: sim.relayUrl,
				customMode: 'relay',
			};
		case 'rsa direct (PEM)':
			return {
				source: 'fields',
				userId: wallets.rsa.userId,
				sessionId: wallets.rsa.sessionId,
				pinToken: wallets.rsa.pinToken,
				privateKey: wallets.rsa.privateKey,
				pinSecret: wallets.rsa.pin,
				endpoint: 'custom',
				baseUrl: sim.directUrl,
				customMode: 'direct',
			};
	}
}

const walletOf = (setup: Setup) => (setup.startsWith('rsa') ? sim.describe().wallets.rsa : sim.describe().wallets.ed25519);
const SETUPS: Setup[] = ['ed25519 direct', 'rsa relay (backup)', 'rsa direct (PEM)', 'ed25519 relay (pin_token)'];

async function node(setup: Setup, parameters: IDataObject, input?: IDataObject[], continueOnFail = false) {
	return await runNode({
		type: 'coinView',
		parameters,
		credentials: { coinViewApi: credentialFor(setup) },
		input,
		continueOnFail,
		executionId: `exec-${randomUUID()}`,
	});
}

const assetParam = (id: string) => ({ __rl: true, mode: 'id', value: id });

const transferParams = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'transfer',
	operation: 'create',
	recipientId: OTHER_USERS[0].user_id,
	asset: assetParam(ASSET.USDT),
	amount: '12.5',
	memo: 'invoice 42',
	options: {},
	...overrides,
});

/** Mixin calls the node made (not the simulator's admin routes). */
const calls = (filter: (call: IDataObject) => boolean = () => true) => sim.calls.filter(filter);
const transferPosts = () => calls((call) => call.method === 'POST' && call.path === '/transfers');

beforeAll(async () => {
	await sim.listen();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

describe.each(SETUPS)('CoinView node, %s', (setup) => {
	const wallet = () => walletOf(setup);
	const mode = setup.includes('relay') ? 'relay' : 'direct';

	it('Asset → Get Many and Get; every request is signed once with a fresh token', async () => {
		const many = await node(setup, { resource: 'asset', operation: 'getAll', returnAll: true });
		expect(many.error).toBeUndefined();
		const symbols = many.json.map((asset) => asset.symbol).sort();
		expect(symbols).toEqual(setup.startsWith('rsa') ? ['BTC', 'EOS', 'ETH', 'USDT'] : ['BTC', 'ETH', 'USDT']);
		const one = await node(setup, { resource: 'asset', operation: 'get', asset: assetParam(ASSET.XIN) });
		expect(one.json).toEqual([expect.objectContaining({ asset_id: ASSET.XIN, symbol: 'XIN', balance: '0' })]);
		const made = calls();
		expect(made.map((call) => [call.mode, call.method, call.uri, call.ok])).toEqual([
			[mode, 'GET', '/assets', true],
			[mode, 'GET', `/assets/${ASSET.XIN}`, true],
		]);
		for (const call of made) {
			const claims = call.claims as IDataObject;
			expect(claims).toMatchObject({ uid: wallet().userId, sid: wallet().sessionId, scp: 'FULL' });
			expect(Number(claims.exp) - Number(claims.iat)).toBeGreaterThan(0);
		}
		expect(new Set(made.map((call) => (call.claims as IDataObject).jti)).size).toBe(2);
	});

	it('Transfer → Create pays once, Get by Trace ID finds it, Payment → Verify says paid', async () => {
		const traceId = randomUUID();
		const created = await node(setup, transferParams({ options: { traceId } }));
		expect(created.error).toBeUndefined();
		expect(created.json).toEqual([
			expect.objectContaining({
				type: 'transfer',
				trace_id: traceId,
				amount: '-12.5',
				asset_id: ASSET.USDT,
				opponent_id: OTHER_USERS[0].user_id,
				memo: 'invoice 42',
				alreadyExisted: false,
			}),
		]);
		const opening = setup.startsWith('rsa') ? '2500' : '1000';
		expect(sim.balance(wallet().userId, ASSET.USDT)).toBe(String(Number(opening) - 12.5));
		expect(sim.pinChecks.map((check) => check.result)).toEqual(['ok']);

		// The same item again (e.g. an agent's retry) with the same trace ID: nothing is paid again.
		const again = await node(setup, transferParams({ options: { traceId } }));
		expect(again.json[0]).toMatchObject({ trace_id: traceId, alreadyExisted: true });
		expect(sim.transfersOf(wallet().userId)).toHaveLength(1);

		const found = await node(setup, { resource: 'transfer', operation: 'getByTraceId', traceId });
		expect(found.json[0]).toMatchObject({ snapshot_id: created.json[0].snapshot_id, trace_id: traceId });

		const payment = await node(setup, {
			resource: 'payment',
			operation: 'verify',
			recipientId: OTHER_USERS[0].user_id,
			asset: assetParam(ASSET.USDT),
			amount: '12.5',
			traceId,
		});
		expect(payment.json[0]).toMatchObject({ status: 'paid', amount: '12.5' });
		const pending = await node(setup, {
			resource: 'payment',
			operation: 'verify',
			recipientId: OTHER_USERS[0].user_id,
			asset: assetParam(ASSET.USDT),
			amount: '12.5',
			traceId: randomUUID(),
		});
		expect(pending.json[0]).toMatchObject({ status: 'pending' });
	});

	it('User → Get', async () => {
		const result = await node(setup, { resource: 'user', operation: 'get', userId: OTHER_USERS[0].user_id });
		expect(result.json[0]).toMatchObject({ type: 'user', user_id: OTHER_USERS[0].user_id, full_name: 'OS105', identity_number: '20018' });
	});

	it('Transaction → Get Many: Return All walks the offset across pages, filters by asset and opponent', async () => {
		const target = wallet().userId;
		const burst = [
			...sim.incoming({ user_id: target, count: 480, asset_id: ASSET.BTC, amount: '0.001' }),
			...sim.incoming({ user_id: target, count: 60, asset_id: ASSET.BTC, amount: '0.001', timestamps: 'same' }),
			...sim.incoming({ user_id: target, count: 20, asset_id: ASSET.BTC, amount: '0.001', timestamps: 'nanos' }),
			...sim.incoming({ user_id: target, count: 500, asset_id: ASSET.ETH, amount: '0.01' }),
		];
		const all = await node(setup, { resource: 'transaction', operation: 'getAll', returnAll: true, order: 'ASC', filters: {} });
		expect(all.error).toBeUndefined();
		expect(all.json.map((s) => s.snapshot_id)).toEqual(burst.map((s) => s.snapshot_id));
		const newest = await node(setup, { resource: 'transaction', operation: 'getAll', returnAll: false, limit: 3, order: 'DESC', filters: {} });
		expect(newest.json.map((s) => s.snapshot_id)).toEqual(burst.slice(-3).reverse().map((s) => s.snapshot_id));
		const btc = await node(setup, {
			resource: 'transaction',
			operation: 'getAll',
			returnAll: true,
			order: 'DESC',
			filters: { asset: ASSET.BTC },
		});
		expect(btc.json).toHaveLength(560);
		const fromShop = await node(setup, {
			resource: 'transaction',
			operation: 'getAll',
			returnAll: true,
			order: 'DESC',
			filters: { opponent: OTHER_USERS[2].user_id, asset: ASSET.ETH },
		});
		expect(fromShop.json.length).toBeGreaterThan(100);
		expect(fromShop.json.every((s) => s.opponent_id === OTHER_USERS[2].user_id && s.asset_id === ASSET.ETH)).toBe(true);
		// Nothing the node sent was refused by the simulator.
		expect(calls((call) => !call.ok)).toEqual([]);
	});
});

describe('CoinView node: pays once when an answer is lost', () => {
	const setup: Setup = 'ed25519 direct';
	const wallet = () => sim.describe().wallets.ed25519;

	const retrying = (parameters: IDataObject): TestNode => ({
		name: 'Pay',
		type: 'coinView',
		parameters,
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 0,
	});

	it('a reset after the server executed the transfer: looked up by trace ID, not paid again', async () => {
		sim.injectFault({ type: 'resetAfter', mixinPath: '^/transfers$', method: 'POST' });
		const result = await runWorkflow({
			nodes: [retrying(transferParams())],
			credentials: { coinViewApi: credentialFor(setup) },
			executionId: `exec-${randomUUID()}`,
		});
		expect(result.error).toBeUndefined();
		const [out] = result.output('Pay');
		expect(out).toMatchObject({ amount: '-12.5', opponent_id: OTHER_USERS[0].user_id });
		expect(sim.transfersOf(wallet().userId)).toHaveLength(1);
		expect(sim.balance(wallet().userId, ASSET.USDT)).toBe('987.5');
		expect(transferPosts()).toHaveLength(1);
	});

	it('Retry On Fail after the answer and the look-ups were lost: still one payment', async () => {
		sim.injectFault({ type: 'resetAfter', mixinPath: '^/transfers$', method: 'POST' });
		sim.injectFault({ type: 'drop', mixinPath: '^/(transfers|snapshots)/trace/', times: 2 });
		const result = await runWorkflow({
			nodes: [retrying(transferParams())],
			credentials: { coinViewApi: credentialFor(setup) },
			executionId: `exec-${randomUUID()}`,
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Pay')).toEqual([expect.objectContaining({ amount: '-12.5', alreadyExisted: true })]);
		expect(sim.transfersOf(wallet().userId)).toHaveLength(1);
		expect(sim.balance(wallet().userId, ASSET.USDT)).toBe('987.5');
		// The retry looked the transfer up before anything was sent again.
		expect(transferPosts().length).toBeLessThanOrEqual(1);
	});

	// Spec §12.4 / §15 (M4): retry a 500 with the same trace ID; the transfer may already be made.
	it('a 500 after the transfer was made: found by its trace ID before anything is reported, paid once', async () => {
		sim.injectFault({ type: 'errorAfter', mixinPath: '^/transfers$', method: 'POST', code: 500 });
		const result = await node(setup, transferParams());
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ amount: '-12.5', confirmedByTraceLookup: true })]);
		expect(sim.transfersOf(wallet().userId)).toHaveLength(1);
		expect(sim.balance(wallet().userId, ASSET.USDT)).toBe('987.5');
		expect(transferPosts()).toHaveLength(1);
	});

	it('a 500 before the transfer was made: sent again once with the same trace ID and a new PIN', async () => {
		sim.injectFault({ type: 'error', mixinPath: '^/transfers$', method: 'POST', code: 500 });
		const result = await node(setup, transferParams());
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ amount: '-12.5', alreadyExisted: false })]);
		expect(result.json[0].confirmedByTraceLookup).toBeUndefined();
		expect(sim.transfersOf(wallet().userId)).toHaveLength(1);
		expect(transferPosts().map((call) => call.errorCode ?? 'ok')).toEqual([500, 'ok']);
		// Each send was signed anew (new jti); the look-up came between them.
		expect(new Set(transferPosts().map((call) => (call.claims as IDataObject | undefined)?.jti)).size).toBe(2);
		expect(calls((call) => /\/trace\//.test(String(call.path))).length).toBeGreaterThanOrEqual(1);
	});

	it('two 500s: an error after one resend, nothing paid; "retry later" codes are not resent', async () => {
		sim.injectFault({ type: 'error', mixinPath: '^/transfers$', method: 'POST', code: 500, times: 2 });
		const failed = await node(setup, transferParams(), undefined, true);
		expect(failed.json[0].error).toMatch(/Mixin server error \(500\)/);
		expect(transferPosts()).toHaveLength(2);
		sim.reset();
		sim.injectFault({ type: 'error', mixinPath: '^/transfers$', method: 'POST', code: 10105 });
		const locked = await node(setup, transferParams(), undefined, true);
		expect(locked.json[0].error).toMatch(/Locked by another transaction \(10105\)/);
		expect(transferPosts()).toHaveLength(1);
		expect(sim.transfersOf(wallet().userId)).toHaveLength(0);
	});

	it('a batch of three where only item 2 loses its answer: three payments, each once', async () => {
		sim.injectFault({ type: 'resetAfter', mixinPath: '^/transfers$', method: 'POST', skip: 1 });
		sim.injectFault({ type: 'drop', mixinPath: '^/(transfers|snapshots)/trace/', times: 2 });
		const result = await runWorkflow({
			nodes: [
				retrying(
					transferParams({
						recipientId: '={{ $json.to }}',
						amount: '={{ $json.amount }}',
						memo: '={{ "item " + $json.n }}',
					}),
				),
			],
			credentials: { coinViewApi: credentialFor(setup) },
			executionId: `exec-${randomUUID()}`,
			input: [
				{ n: 1, to: OTHER_USERS[0].user_id, amount: '1' },
				{ n: 2, to: OTHER_USERS[1].user_id, amount: '2' },
				{ n: 3, to: OTHER_USERS[2].user_id, amount: '3' },
			],
		});
		expect(result.error).toBeUndefined();
		const out = result.items('Pay');
		expect(out.map((item) => [item.json.amount, item.json.memo, item.pairedItem])).toEqual([
			['-1', 'item 1', { item: 0 }],
			['-2', 'item 2', { item: 1 }],
			['-3', 'item 3', { item: 2 }],
		]);
		// Item 2 was found under its trace ID after its answer was lost; the others were sent once.
		expect(out.map((item) => item.json.alreadyExisted)).toEqual([false, true, false]);
		const paid = sim.transfersOf(wallet().userId);
		expect(paid.map((s) => s.amount).sort()).toEqual(['-1', '-2', '-3']);
		expect(new Set(paid.map((s) => s.trace_id)).size).toBe(3);
		expect(sim.balance(wallet().userId, ASSET.USDT)).toBe('994');
		// Item 1 was not sent again by the retry; item 2 was found by its trace ID.
		expect(transferPosts().filter((call) => call.ok).length).toBe(3);
	});

	it('a wrong PIN is not sent again by Retry On Fail (it could lock the PIN)', async () => {
		const credentials = { coinViewApi: { ...credentialFor(setup), pinSecret: '000000' } };
		const result = await runWorkflow({ nodes: [retrying(transferParams())], credentials, executionId: `exec-${randomUUID()}` });
		expect(result.error?.message).toMatch(/PIN/);
		expect(sim.pinChecks.filter((check) => check.result === 'pin')).toHaveLength(1);
		expect(sim.transfersOf(wallet().userId)).toHaveLength(0);
	});
});

describe('CoinView node: errors', () => {
	const setup: Setup = 'rsa relay (backup)';

	it('insufficient balance names the asset and the amount; Continue On Fail keeps the other items', async () => {
		const result = await node(
			setup,
			transferParams({ amount: '={{ $json.amount }}', recipientId: OTHER_USERS[1].user_id }),
			[{ amount: '1' }, { amount: '100000' }, { amount: '2' }],
			true,
		);
		expect(result.json[0]).toMatchObject({ amount: '-1' });
		expect(String(result.json[1].error)).toMatch(/100000/);
		expect(String(result.json[1].error)).toMatch(new RegExp(ASSET.USDT));
		expect(result.json[2]).toMatchObject({ amount: '-2' });
		expect(sim.balance(sim.describe().wallets.rsa.userId, ASSET.USDT)).toBe('2497');
	});

	it('a Mixin error in HTTP 202 is an error, never a success', async () => {
		for (const code of [10104, 10105, 20125, 403]) {
			sim.injectFault({ type: 'error', code, mixinPath: '^/assets$' });
			const result = await node(setup, { resource: 'asset', operation: 'getAll', returnAll: true }, undefined, true);
			expect(result.json).toHaveLength(1);
			expect(result.json[0].error).toBeDefined();
			expect(result.json[0].symbol).toBeUndefined();
			sim.clearFaults();
		}
	});

	describe('429', () => {
		const defaults = { ...rateLimitRetry };
		beforeEach(() => Object.assign(rateLimitRetry, { maxWaitMs: 50, firstBackoffMs: 1 }));
		afterEach(() => Object.assign(rateLimitRetry, defaults));

		it('is waited out and sent anew, for a read and for a transfer (paid once, one PIN check)', async () => {
			sim.injectFault({ type: 'error', code: 429, mixinPath: '^/assets$' });
			const assets = await node(setup, { resource: 'asset', operation: 'getAll', returnAll: true });
			expect(assets.json.length).toBeGreaterThan(1);
			expect(calls((call) => call.path === '/assets').map((call) => call.errorCode ?? 'ok')).toEqual([429, 'ok']);
			sim.injectFault({ type: 'error', code: 429, mixinPath: '^/transfers$' });
			const paid = await node(setup, transferParams());
			expect(paid.json[0]).toMatchObject({ amount: '-12.5', alreadyExisted: false });
			expect(transferPosts().map((call) => call.errorCode ?? 'ok')).toEqual([429, 'ok']);
			expect(sim.pinChecks.map((check) => check.result)).toEqual(['ok']);
			expect(sim.transfersOf(sim.describe().wallets.rsa.userId)).toHaveLength(1);
		});

		it('beyond the wait it is an error that says to try later, and nothing is paid', async () => {
			sim.injectFault({ type: 'error', code: 429, mixinPath: '^/transfers$', times: 0 });
			const result = await node(setup, transferParams(), undefined, true);
			expect(String(result.json[0].error)).toMatch(/429|rate|later|many/i);
			expect(sim.transfersOf(sim.describe().wallets.rsa.userId)).toHaveLength(0);
		});
	});

	it('an answer that is not what was asked for is an error: truncated, HTML, another record, no data', async () => {
		const other = sim.describe().assets.ETH;
		const faults: Array<Record<string, unknown>> = [
			{ type: 'truncated', mixinPath: '^/assets/' },
			{ type: 'nonjson', mixinPath: '^/assets/' },
			{ type: 'status', status: 200, mixinPath: '^/assets/', body: { data: { type: 'asset', asset_id: other, symbol: 'ETH' } } },
			{ type: 'status', status: 200, mixinPath: '^/assets/', body: { result: 'ok' } },
			{ type: 'status', status: 200, mixinPath: '^/assets/', body: { data: [] } },
		];
		for (const fault of faults) {
			sim.injectFault({ ...fault, times: 5 });
			const result = await node(setup, { resource: 'asset', operation: 'get', asset: assetParam(ASSET.BTC) }, undefined, true);
			expect({ fault: fault.type, error: typeof result.json[0].error }).toEqual({ fault: fault.type, error: 'string' });
			expect(result.json[0].asset_id).toBeUndefined();
			sim.clearFaults();
		}
	});

	it('a transfer answered with another transfer is an error, and says the transfer may have been made', async () => {
		const traceId = randomUUID();
		sim.injectFault({
			type: 'status',
			status: 200,
			mixinPath: '^/transfers$',
			body: { data: { type: 'transfer', snapshot_id: randomUUID(), trace_id: randomUUID(), amount: '-12.5', asset_id: ASSET.USDT, opponent_id: OTHER_USERS[0].user_id } },
		});
		const result = await node(setup, transferParams({ options: { traceId } }), undefined, true);
		expect(result.json[0].error).toBeDefined();
		expect(result.json[0].snapshot_id).toBeUndefined();
	});

	it('on a server without the legacy wallet API, the error says it may be retired', async () => {
		const retired = new CoinViewSimulator({ legacyRetired: true });
		await retired.listen();
		try {
			const data = { ...credentialFor(setup), baseUrl: retired.relayUrl };
			const result = await runNode({
				type: 'coinView',
				parameters: { resource: 'asset', operation: 'getAll', returnAll: true },
				credentials: { coinViewApi: data },
				continueOnFail: true,
			});
			expect(JSON.stringify(result.json[0])).toMatch(/retired|legacy/i);
			const user = await runNode({
				type: 'coinView',
				parameters: { resource: 'user', operation: 'get', userId: OTHER_USERS[0].user_id },
				credentials: { coinViewApi: data },
			});
			expect(user.json[0]).toMatchObject({ user_id: OTHER_USERS[0].user_id });
		} finally {
			await retired.close();
		}
	});

	it('a wrong key is refused by the server (401) and said to be the credential', async () => {
		const wrong = { ...credentialFor('ed25519 direct'), privateKey: '11'.repeat(32) };
		const result = await runNode({
			type: 'coinView',
			parameters: { resource: 'asset', operation: 'getAll', returnAll: true },
			credentials: { coinViewApi: wrong },
			continueOnFail: true,
		});
		expect(String(result.json[0].error)).toMatch(/credential|401|auth/i);
		expect(sim.calls[0]).toMatchObject({ errorCode: 401 });
	});

	it('no secret reaches the output or an error: key, PIN, PIN token, encrypted PIN, tokens', async () => {
		const { wallets } = sim.describe();
		const outputs: string[] = [];
		const run = async (data: ICredentialDataDecryptedObject, parameters: IDataObject) => {
			const result = await runNode({ type: 'coinView', parameters, credentials: { coinViewApi: data }, continueOnFail: true });
			outputs.push(JSON.stringify(result.json), JSON.stringify(result.run.data.resultData));
		};
		sim.injectFault({ type: 'error', code: 20117, mixinPath: '^/transfers$' });
		await run(credentialFor('ed25519 direct'), transferParams());
		await run({ ...credentialFor('ed25519 direct'), pinSecret: '000000' }, transferParams());
		await run({ ...credentialFor('rsa direct (PEM)'), privateKey: wallets.ed25519.privateKey }, transferParams());
		await run(credentialFor('rsa relay (backup)'), transferParams({ amount: '999999' }));
		sim.injectFault({ type: 'resetAfter', mixinPath: '^/transfers$' });
		sim.injectFault({ type: 'drop', mixinPath: '/trace/', times: 4 });
		await run(credentialFor('rsa relay (backup)'), transferParams());
		const sent = sim.requests.flatMap((request) => {
			const secrets: string[] = [];
			const auth = (request.headers as Record<string, string>).authorization;
			if (auth) secrets.push(auth.replace('Bearer ', ''));
			const body = request.rawBody ? (JSON.parse(request.rawBody) as IDataObject) : {};
			if (typeof body.signature === 'string') secrets.push(body.signature);
			const inner = typeof body.content === 'string' ? (JSON.parse(body.content) as IDataObject) : body;
			if (typeof inner.pin === 'string') secrets.push(inner.pin);
			return secrets;
		});
		expect(sent.length).toBeGreaterThan(5);
		const secrets = [
			wallets.ed25519.privateKey,
			wallets.ed25519.pinToken,
			wallets.ed25519.serverPublicKey as string,
			wallets.rsa.pinToken.slice(0, 40),
			wallets.rsa.privateKeyDerPkcs1.slice(40, 80),
			wallets.rsa.backupSecretKey.slice(0, 40),
			'PRIVATE KEY',
			...sent.map((secret) => secret.slice(-40)),
		];
		for (const output of outputs) {
			for (const secret of secrets) expect(output.includes(secret) ? secret : undefined).toBeUndefined();
			expect(output).not.toMatch(/"(pinSecret|privateKey|pinToken|backupSecretKey)"/);
		}
	});

	it('bad input is refused before anything is sent', async () => {
		const cases: IDataObject[] = [
			{ recipientId: 'OS105' },
			{ amount: '1.123456789' },
			{ amount: '0' },
			{ amount: '-1' },
			{ amount: '1e-8' },
			{ amount: '0x10' },
			{ memo: 'x'.repeat(141) },
			{ asset: { __rl: true, mode: 'list', value: 'BTC' } },
			{ options: { traceId: 'trace-1' } },
		];
		for (const overrides of cases) {
			const result = await node(setup, transferParams(overrides), undefined, true);
			expect(result.json[0].error).toBeDefined();
		}
		expect(sim.calls).toEqual([]);
		const badPin = await runNode({
			type: 'coinView',
			parameters: transferParams(),
			credentials: { coinViewApi: { ...credentialFor(setup), pinSecret: '12345' } },
			continueOnFail: true,
		});
		expect(badPin.json[0].error).toBeDefined();
		expect(sim.calls.filter((call) => call.path === '/transfers')).toEqual([]);
	});
});

describe('CoinView credential: PIN iterators across processes', () => {
	type Authenticate = (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

	/** The credential type as a separate n8n process loads it (its own module state). */
	function anotherProcess(): Authenticate {
		let Type: (new () => CoinViewApi) | undefined;
		jest.isolateModules(() => {
			Type = (jest.requireActual('../../credentials/CoinViewApi.credentials') as { CoinViewApi: new () => CoinViewApi }).CoinViewApi;
		});
		const type = new (Type as new () => CoinViewApi)();
		return type.authenticate.bind(type) as Authenticate;
	}

	async function pay(authenticate: Authenticate, amount: string) {
		const options = await authenticate(credentialFor('ed25519 direct'), {
			method: 'POST',
			url: '/transfers',
			body: { asset_id: ASSET.USDT, opponent_id: OTHER_USERS[1].user_id, amount, trace_id: randomUUID(), memo: '', pin: ENCRYPTED_PIN },
			json: true,
		});
		return (await httpRequest(options)) as IDataObject;
	}

	afterEach(() => jest.restoreAllMocks());

	it('a restarted process goes on with larger iterators', async () => {
		const first = anotherProcess();
		expect(await pay(first, '1')).toHaveProperty('data');
		expect(await pay(first, '2')).toHaveProperty('data');
		const restarted = anotherProcess();
		expect(await pay(restarted, '3')).toHaveProperty('data');
		expect(sim.pinChecks.map((check) => check.result)).toEqual(['ok', 'ok', 'ok']);
		const iterators = sim.pinChecks.map((check) => BigInt(check.iterator as string));
		expect(iterators[1] > iterators[0] && iterators[2] > iterators[1]).toBe(true);
	});

	// Two n8n processes (queue-mode workers) paying from one session within the same millisecond:
	// the iterator is precise to the microsecond, so the later payment sends the larger one.
	it('two processes paying from one session in the same millisecond both succeed', async () => {
		const now = Date.now();
		jest.spyOn(Date, 'now').mockReturnValue(now);
		const one = anotherProcess();
		const two = anotherProcess();
		expect(await pay(one, '1')).toHaveProperty('data');
		expect(await pay(two, '2')).toHaveProperty('data');
	});
});

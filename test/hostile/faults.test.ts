/**
 * Faults for every service, through its simulator and n8n's engine: a read and a write of each
 * service meet 429 (with and without Retry-After), 500, a 502 with a long HTML page, a reset
 * before the request, a reset after the server executed it, a timeout (client timeout lowered
 * to 1 s; the server runs the request after it), a truncated JSON answer and a
 * non-JSON 200. Whatever happens: no crash, a short readable error (never the page), a 2xx that
 * cannot be read is an error, a write whose answer was lost says it may have been executed, and
 * no write is recorded twice. Where a service answers errors inside a 2xx (Zerocap's
 * `error_message` in a 200, Mixin's `error` in a 202), that is a fault too. CoinView runs in both
 * endpoint modes (Mixin direct and the CoinView relay); CryptoCoin's write is Quote → Confirm.
 * What each service documents for a lost write answer is asserted as documented (CoinView looks
 * the transfer up by trace ID and succeeds). A summary table is printed at the end, and every case
 * is added to the suite's summary (test/hostile/summary.ts). A batch of three writes whose
 * second answer is lost, with and without Retry On Fail, counts duplicate records per item.
 */
import type { IDataObject, ICredentialDataDecryptedObject } from 'n8n-workflow';

import { sleep } from 'n8n-workflow';

import { coinViewService, rateLimitRetry } from '../../nodes/CoinView/transport';
import { cryptoCoinService, forgetSessions } from '../../nodes/CryptoCoin/transport';
import { quoineService } from '../../nodes/Quoine/transport';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { walletService } from '../../nodes/WalletService/transport';
import { zerocapService } from '../../nodes/Zerocap/transport';
import { ASSET, CoinViewSimulator, OTHER_USERS } from '../../sandbox/coinview';
import { CryptoCoinSimulator, SANDBOX_PLATFORM } from '../../sandbox/cryptocoin';
import { QuoineSimulator } from '../../sandbox/quoine';
import { WalletServiceSimulator } from '../../sandbox/wallet-service';
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, ZerocapSimulator } from '../../sandbox/zerocap';
import { runNode, runWorkflow } from '../helpers/engine';
import { HostileSummary } from './summary';

interface Fault {
	type:
		| 'status'
		| 'drop'
		| 'dropAfter'
		| 'nonjson'
		| 'truncated'
		| 'truncatedAfter'
		| 'error'
		| 'slow';
	/** For "slow": the answer comes this late (the request runs after the wait). */
	delayMs?: number;
	status?: number;
	body?: unknown;
	text?: string;
	headers?: Record<string, string>;
	times?: number;
	/** Mixin error code (CoinView "error" faults: HTTP 202 with an error body). */
	code?: number;
}

interface Simulator {
	listen(): Promise<unknown>;
	close(): Promise<unknown>;
	reset(): void;
	injectFault(fault: object): void;
}

type Parameters = IDataObject | (() => IDataObject);

interface Target {
	parameters: Parameters;
	/** Regular expression on the path the fault hits. */
	path: string;
	/** Only requests with this method meet the fault (e.g. the POST of a write, not its look-ups). */
	method?: string;
}

/** What each fault must lead to, for a read and for a write. */
interface Expectation {
	/** The node succeeds (the wrapper waited the fault out, resent a read, or found a lost write). */
	succeeds?: boolean;
	/** The error says the write may have been executed. */
	mayHaveExecuted?: boolean;
	/** Records the write leaves in the simulator. */
	writes: number;
}

interface ServiceCase {
	name: string;
	sim: Simulator;
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	nodeType: string;
	read: Target;
	write: Target & { count(): number };
	prepare?(): Promise<void> | void;
	/** Turns a fault into what this simulator understands (default: matched on the request path). */
	fault?(fault: Fault, target: Target): object;
	/** Where the service documents another outcome than the default for a fault (by fault label). */
	expect?: Record<string, { read?: Expectation; write?: Expectation }>;
	/** "A 200 with an error body", for services whose API answers errors that way. */
	errorBody?: { label: string; fault: Fault };
	/** Parameters and input of the three-item batch (default: the write's parameters, three items). */
	batch?: { parameters: IDataObject; input(): IDataObject[] };
	/** Faults only this service's simulator can make. */
	extraFaults?: FaultCase[];
}

interface FaultCase {
	label: string;
	fault: Fault;
	read: Expectation;
	write: Expectation;
}

const LONG_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>${'body{color:red}'.repeat(
	50,
)}</style></head><body><h1>502 Bad Gateway</h1>${'<p>upstream failed</p>'.repeat(150)}</body></html>`;

const wallet = new WalletServiceSimulator();
const quoine = new QuoineSimulator();
const zerocap = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });
const coinViewDirect = new CoinViewSimulator();
const coinViewRelay = new CoinViewSimulator();
const cryptoCoin = new CryptoCoinSimulator({ fixedCode: '123456' });

const QUOINE_TOKEN = { id: 'faults-token', secret: 'faults-secret' };

/** CoinView faults are matched on the Mixin path, so they hit the same call in both modes. */
const mixinFault = (fault: Fault, target: Target) => ({
	...fault,
	mixinPath: target.path,
	method: target.method,
});

const coinViewTransfer = (): IDataObject => ({
	resource: 'transfer',
	operation: 'create',
	recipientId: OTHER_USERS[0].user_id,
	asset: { __rl: true, mode: 'id', value: ASSET.USDT },
	amount: '12.5',
	memo: 'fault test',
	options: {},
});

/**
 * docs/coinview.md "A transfer pays once": a lost answer is looked up by trace ID before anything
 * is reported; found, the transfer is returned. So a reset after the server executed the transfer
 * is a success with exactly one transfer.
 */
const COINVIEW_EXPECT: ServiceCase['expect'] = {
	// A read whose answer is lost is an error (no resend: Mixin's 429 budget is per session);
	// a transfer is found by its trace ID.
	'reset after the server executed it': {
		read: { writes: 0 },
		write: { succeeds: true, writes: 1 },
	},
	// The simulator's truncated Mixin answer is sent instead of running the call: nothing was paid,
	// the look-up by trace ID finds nothing, and the error still says the transfer may have been executed.
	'truncated JSON 200': { read: { writes: 0 }, write: { mayHaveExecuted: true, writes: 0 } },
};

function coinViewCase(mode: 'direct' | 'relay'): ServiceCase {
	const sim = mode === 'direct' ? coinViewDirect : coinViewRelay;
	const walletOf = () =>
		mode === 'direct' ? sim.describe().wallets.ed25519 : sim.describe().wallets.rsa;
	return {
		name: `CoinView ${mode}`,
		sim: sim as unknown as Simulator,
		credentials: () => {
			const { wallets } = sim.describe();
			const credential: ICredentialDataDecryptedObject =
				mode === 'direct'
					? {
							source: 'fields',
							userId: wallets.ed25519.userId,
							sessionId: wallets.ed25519.sessionId,
							pinToken: wallets.ed25519.serverPublicKey as string,
							privateKey: wallets.ed25519.privateKey,
							pinSecret: wallets.ed25519.pin,
							endpoint: 'custom',
							baseUrl: sim.directUrl,
							customMode: 'direct',
						}
					: {
							source: 'backup',
							backupSecretKey: wallets.rsa.backupSecretKey,
							pinSecret: wallets.rsa.pin,
							endpoint: 'custom',
							baseUrl: sim.relayUrl,
							customMode: 'relay',
						};
			return { coinViewApi: credential };
		},
		nodeType: 'coinView',
		read: {
			parameters: { resource: 'asset', operation: 'getAll', returnAll: true },
			path: '^/assets$',
		},
		write: {
			parameters: coinViewTransfer,
			path: '^/transfers$',
			method: 'POST',
			count: () => sim.transfersOf(walletOf().userId).length,
		},
		fault: mixinFault,
		expect: COINVIEW_EXPECT,
		// The answer of a call the server executed arrives cut off: for a transfer the look-up by
		// trace ID finds it and the node succeeds (docs/coinview.md: "unreadable answer").
		extraFaults: [
			{
				label: 'truncated 200 after it was executed',
				fault: { type: 'truncatedAfter', times: 1 },
				read: { writes: 0 },
				write: { succeeds: true, writes: 1 },
			},
		],
		errorBody: {
			label: '202 with a Mixin error body',
			fault: { type: 'error', code: 20117, times: 0 },
		},
	};
}

/** Quotes made for the next case (one per item of a batch). */
let cryptoCoinQuoteIds: string[] = [];

const cryptoCoinCredential = (): ICredentialDataDecryptedObject => ({
	environment: 'custom',
	baseUrl: `${cryptoCoin.url}/api/v1`,
	authType: 'platform',
	platform: SANDBOX_PLATFORM.platform_id,
	privateKey: SANDBOX_PLATFORM.private_key,
	algorithm: 'RS512',
	actFor: SANDBOX_PLATFORM.user.email,
	sessionToken: '',
	sessionUserId: '',
	sessionUntil: '',
	sessionFor: '',
});

const services: ServiceCase[] = [
	{
		name: 'Wallet Service',
		sim: wallet as unknown as Simulator,
		credentials: () => ({
			walletServiceApi: { authorityConfigSecret: wallet.sandboxClientConfig(), baseUrl: '' },
		}),
		nodeType: 'walletService',
		read: {
			parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
			path: '/api/v1/wallet',
		},
		write: {
			parameters: {
				resource: 'entry',
				operation: 'create',
				userId: 'fault-user',
				amount: 5,
				reason: 'fault test',
			},
			path: '/api/v1/entry$',
			count: () => wallet.entries.filter((entry) => entry.user_id === 'fault-user').length,
		},
		prepare: async () => {
			await wallet.addSandboxAuthority();
		},
	},
	{
		name: 'Quoine',
		sim: quoine as unknown as Simulator,
		credentials: () => ({
			quoineApi: {
				apiTokenId: QUOINE_TOKEN.id,
				apiSecret: QUOINE_TOKEN.secret,
				exchange: 'custom',
				baseUrl: quoine.url,
				vendorId: '',
				language: '',
			},
		}),
		nodeType: 'quoine',
		read: {
			parameters: {
				resource: 'product',
				operation: 'get',
				productId: { __rl: true, mode: 'id', value: '1' },
				requestOptions: { maxRateLimitWait: 3 },
			},
			path: '/products/1$',
		},
		write: {
			parameters: {
				resource: 'order',
				operation: 'createLimit',
				productId: { __rl: true, mode: 'id', value: '1' },
				side: 'buy',
				quantity: '0.01',
				price: '1000',
				requestOptions: { maxRateLimitWait: 3 },
			},
			path: '/orders/?$',
			count: () => {
				const user = (quoine as unknown as { tokens: Map<string, { userId: number }> }).tokens.get(
					QUOINE_TOKEN.id,
				)?.userId;
				return quoine.orders.filter((order: { userId: number }) => order.userId === user).length;
			},
		},
		prepare: () => {
			quoine.addToken(QUOINE_TOKEN.id, QUOINE_TOKEN.secret);
			resetRateWindows();
		},
	},
	{
		name: 'Zerocap',
		sim: zerocap as unknown as Simulator,
		credentials: () => ({
			zerocapApi: {
				apiKey: SANDBOX_API_KEY,
				apiSecret: SANDBOX_API_SECRET,
				environment: 'custom',
				restBaseUrl: zerocap.restUrl,
				webSocketUrl: zerocap.wsUrl,
				signatureScheme: 'apiKey',
			},
		}),
		nodeType: 'zerocap',
		read: {
			parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 5 },
			path: 'fetch_orders',
		},
		write: {
			parameters: {
				resource: 'order',
				operation: 'create',
				symbol: 'USDT/AUD',
				side: 'buy',
				orderType: 'limit',
				amount: '12.5',
				price: '1.5',
			},
			path: 'create_order',
			count: () => zerocap.orders.size,
		},
		// Spec §6.1: a business rejection is an HTTP 200 whose body carries `error_message`.
		errorBody: {
			label: '200 with error_message',
			fault: {
				type: 'status',
				status: 200,
				body: { error_code: '400', error_message: 'Insufficient balance' },
				times: 0,
			},
		},
	},
	coinViewCase('direct'),
	coinViewCase('relay'),
	{
		name: 'CryptoCoin',
		sim: cryptoCoin as unknown as Simulator,
		credentials: () => ({ cryptoCoinApi: cryptoCoinCredential() }),
		nodeType: 'cryptoCoin',
		read: {
			parameters: { resource: 'order', operation: 'getAll', returnAll: true, status: '' },
			path: '/user/[^/]+/order$',
			method: 'GET',
		},
		write: {
			parameters: () => ({
				resource: 'quote',
				operation: 'confirm',
				quoteId: cryptoCoinQuoteIds[0],
			}),
			path: '/user/[^/]+/quote/[^/]+$',
			method: 'POST',
			count: () => cryptoCoin.allOrders().length,
		},
		batch: {
			parameters: { resource: 'quote', operation: 'confirm', quoteId: '={{ $json.quoteId }}' },
			input: () => cryptoCoinQuoteIds.map((quoteId) => ({ quoteId })),
		},
		prepare: async () => {
			await cryptoCoin.ready();
			forgetSessions();
			// A fresh quote to confirm (made through the node, before the fault is set).
			const quote = await runNode({
				type: 'cryptoCoin',
				parameters: {
					resource: 'quote',
					operation: 'create',
					quoteOperation: 'buy',
					symbol: 'ETH',
					secondSymbol: 'EUR',
					amountSide: 'amount',
					amount: '0.1',
				},
				credentials: { cryptoCoinApi: cryptoCoinCredential() },
				input: [{}, {}, {}],
			});
			expect(quote.error).toBeUndefined();
			cryptoCoinQuoteIds = quote.json.map((entry) => entry.id as string);
			cryptoCoin.requests.length = 0;
		},
	},
];

/** What each fault must lead to, for a read and for a write. */
interface Expectation {
	/** The node succeeds (the wrapper waited the fault out or resent a read). */
	succeeds?: boolean;
	/** The error says the write may have been executed. */
	mayHaveExecuted?: boolean;
	/** Records the write leaves in the simulator. */
	writes: number;
}

const FAULTS: FaultCase[] = [
	{
		label: '429 without Retry-After',
		fault: { type: 'status', status: 429, body: { message: 'Too many requests' }, times: 0 },
		read: { writes: 0 },
		write: { writes: 0 },
	},
	{
		label: '429 with Retry-After: 1',
		fault: {
			type: 'status',
			status: 429,
			body: { message: 'Too many requests' },
			headers: { 'retry-after': '1' },
			times: 1,
		},
		read: { succeeds: true, writes: 0 },
		write: { succeeds: true, writes: 1 },
	},
	{
		label: '500',
		fault: { type: 'status', status: 500, body: { message: 'internal error' }, times: 0 },
		read: { writes: 0 },
		write: { writes: 0 },
	},
	{
		label: '502 with a long HTML page',
		fault: { type: 'nonjson', status: 502, text: LONG_PAGE, times: 0 },
		read: { writes: 0 },
		write: { writes: 0 },
	},
	{
		label: 'reset before the request runs',
		fault: { type: 'drop', times: 0 },
		read: { writes: 0 },
		write: { mayHaveExecuted: true, writes: 0 },
	},
	{
		label: 'reset after the server executed it',
		fault: { type: 'dropAfter', times: 1 },
		read: { succeeds: true, writes: 0 },
		write: { mayHaveExecuted: true, writes: 1 },
	},
	{
		// The server answers after the client timeout (lowered to 1 s here); the request still runs.
		label: 'timeout',
		fault: { type: 'slow', delayMs: 1_500, times: 1 },
		read: { writes: 0 },
		write: { mayHaveExecuted: true, writes: 1 },
	},
	{
		label: 'truncated JSON 200',
		fault: { type: 'truncated', times: 1 },
		read: { writes: 0 },
		write: { mayHaveExecuted: true, writes: 1 },
	},
	{
		label: 'non-JSON 200',
		fault: { type: 'nonjson', status: 200, times: 1 },
		read: { writes: 0 },
		write: { mayHaveExecuted: true, writes: 0 },
	},
];

const summary = new HostileSummary('faults');
summary.watchUnhandledRejections();

interface Row {
	service: string;
	operation: 'read' | 'write';
	fault: string;
	passed: boolean;
	duplicates: number;
	longMessages: number;
}
const rows: Row[] = [];

afterAll(() => {
	const header =
		'service          op     fault                                 passed  duplicates  long-errors';
	const lines = rows.map(
		(row) =>
			`${row.service.padEnd(16)} ${row.operation.padEnd(6)} ${row.fault.padEnd(37)} ${String(row.passed).padEnd(7)} ${String(row.duplicates).padEnd(11)} ${row.longMessages}`,
	);
	const failed = rows.filter((row) => !row.passed).length;
	// The summary table of the suite (tests are not part of the package), through jest's console.
	// eslint-disable-next-line no-console
	console.log(
		`\nFaults: ${rows.length} cases, ${rows.length - failed} passed, ${rows.reduce((sum, row) => sum + row.duplicates, 0)} duplicate writes, ${rows.reduce((sum, row) => sum + row.longMessages, 0)} over-long errors\n${header}\n${lines.join('\n')}\n`,
	);
	summary.finish();
});

const SERVICE_DEFINITIONS = [
	walletService,
	quoineService,
	zerocapService,
	coinViewService,
	cryptoCoinService,
];
const savedTimeouts = SERVICE_DEFINITIONS.map((definition) => definition.timeoutMs);
beforeAll(() => {
	// A client timeout of 1 s, so that the timeout case takes seconds, not minutes.
	for (const definition of SERVICE_DEFINITIONS) definition.timeoutMs = 1_000;
});
afterAll(() =>
	SERVICE_DEFINITIONS.forEach((definition, index) => (definition.timeoutMs = savedTimeouts[index])),
);

/** Waits until the simulator answered every request it received (a slow one runs after the client gave up). */
async function settled(sim: Simulator): Promise<void> {
	const requests = (sim as unknown as { requests: Array<{ status: unknown }> }).requests;
	for (
		let waited = 0;
		waited < 5_000 && requests.some((request) => request.status === 0);
		waited += 20
	)
		await sleep(20);
}

const savedRateLimitRetry = { ...rateLimitRetry };
beforeAll(() => {
	// CoinView waits 429s out with backoff: short waits here (a Retry-After of 1 s is still honoured).
	rateLimitRetry.maxWaitMs = 1_500;
	rateLimitRetry.firstBackoffMs = 100;
});
afterAll(() => Object.assign(rateLimitRetry, savedRateLimitRetry));

const faultsOf = (service: ServiceCase): FaultCase[] => [
	...FAULTS,
	...(service.extraFaults ?? []),
	...(service.errorBody
		? [
				{
					label: service.errorBody.label,
					fault: service.errorBody.fault,
					read: { writes: 0 },
					write: { writes: 0 },
				},
			]
		: []),
];

describe.each(services.map((service) => [service.name, service] as const))(
	'%s under faults',
	(_name, service) => {
		beforeAll(async () => await service.sim.listen());
		afterAll(async () => await service.sim.close());
		beforeEach(async () => {
			service.sim.reset();
			await service.prepare?.();
		});

		describe.each(faultsOf(service).map((entry) => [entry.label, entry] as const))(
			'%s',
			(label, entry) => {
				it.each(['read', 'write'] as const)('%s', async (operation) => {
					const target = service[operation];
					const expected = service.expect?.[label]?.[operation] ?? entry[operation];
					const before = service.write.count();
					const fault = {
						...entry.fault,
						path: target.path,
						...(target.method ? { method: target.method } : {}),
					};
					service.sim.injectFault(service.fault ? service.fault(entry.fault, target) : fault);
					const parameters =
						typeof target.parameters === 'function' ? target.parameters() : target.parameters;
					const result = await runNode({
						type: service.nodeType,
						parameters,
						credentials: service.credentials(),
					});
					if (entry.fault.type === 'slow') await settled(service.sim);
					const error = result.error as { message?: string; description?: string } | undefined;
					const text = `${error?.message ?? ''} ${error?.description ?? ''}`;
					const writes = service.write.count() - before;
					const row: Row = {
						service: service.name,
						operation,
						fault: label,
						passed: false,
						duplicates: Math.max(0, writes - 1),
						longMessages: (error?.message?.length ?? 0) > 300 ? 1 : 0,
					};
					rows.push(row);
					const summaryRow = summary.add({
						service: service.name,
						case: `${operation} / ${label}`,
						duplicates: row.duplicates,
						// A write recorded where the fault should have left none.
						wronglySent: Math.max(0, Math.min(writes, 1) - expected.writes),
					});

					if (expected.succeeds) {
						expect(error).toBeUndefined();
						// A success is a real answer: never an empty or raw-string item.
						if (operation === 'write') expect(result.json).toHaveLength(1);
						for (const item of result.json) expect(Object.keys(item).length).toBeGreaterThan(0);
					} else {
						expect(error?.message).toBeTruthy();
						// Short and readable: never the page itself.
						expect(error!.message!.length).toBeLessThanOrEqual(300);
						expect(text).not.toMatch(/<(html|body|style|p|h1)\b/i);
						expect(text).not.toContain('body{color:red}');
					}
					if (expected.mayHaveExecuted)
						expect(text).toMatch(/may have been (executed|placed|made|created)/i);
					expect(writes).toBe(expected.writes);
					row.passed = true;
					summaryRow.passed = true;
				});
			},
		);
	},
);

const batchOutcomes: string[] = [];
afterAll(() => {
	// eslint-disable-next-line no-console
	console.log(`\nBatch of three, second answer lost:\n${batchOutcomes.join('\n')}\n`);
});

/**
 * Duplicate count in a batch: three writes in one node run, and only the second one's answer is
 * lost after the server executed it. With n8n's Retry On Fail (which runs the whole node again,
 * items that succeeded included) and without it, every item leaves at most one record; a run that
 * succeeds leaves exactly one per item, paired with its input; a run that fails says why.
 */
describe.each(services.map((service) => [service.name, service] as const))(
	'%s: a batch with one lost answer',
	(_name, service) => {
		beforeAll(async () => await service.sim.listen());
		afterAll(async () => await service.sim.close());
		beforeEach(async () => {
			service.sim.reset();
			await service.prepare?.();
		});

		/** The second write request is executed and its answer lost. */
		function loseSecondAnswer(): () => void {
			const target = service.write;
			if (service.fault) {
				service.sim.injectFault({
					type: 'resetAfter',
					mixinPath: target.path,
					method: target.method,
					skip: 1,
					times: 1,
				});
				return () => undefined;
			}
			const sim = service.sim as unknown as { takeFault(method: string, path: string): unknown };
			const original = sim.takeFault.bind(sim);
			let matching = 0;
			sim.takeFault = (method: string, path: string) => {
				if ((!target.method || target.method === method) && new RegExp(target.path).test(path)) {
					matching += 1;
					if (matching === 2) return { type: 'dropAfter', remaining: 0 };
				}
				return original(method, path);
			};
			return () => {
				sim.takeFault = original;
			};
		}

		it.each([
			['with Retry On Fail', true],
			['without Retry On Fail', false],
		] as const)('%s', async (label, retryOnFail) => {
			const parameters =
				service.batch?.parameters ??
				(typeof service.write.parameters === 'function'
					? service.write.parameters()
					: service.write.parameters);
			const input = service.batch?.input() ?? [{ item: 1 }, { item: 2 }, { item: 3 }];
			const before = service.write.count();
			const restore = loseSecondAnswer();
			let result;
			try {
				result = await runWorkflow({
					nodes: [
						{
							name: 'Node',
							type: service.nodeType,
							parameters,
							retryOnFail,
							maxTries: 3,
							waitBetweenTries: 0,
						},
					],
					credentials: service.credentials(),
					input,
					executionId: `batch-${retryOnFail ? 'retry' : 'once'}-${service.nodeType}`,
				});
			} finally {
				restore();
			}
			const writes = service.write.count() - before;
			const row = summary.add({
				service: service.name,
				case: `batch of 3, 2nd answer lost, ${label}`,
				duplicates: Math.max(0, writes - 3),
			});
			const error = result.error as { message?: string; description?: string } | undefined;
			const text = `${error?.message ?? ''} ${error?.description ?? ''}`;
			batchOutcomes.push(
				`${service.name.padEnd(16)} ${label.padEnd(22)} ${writes} records, ${error ? `error: ${error.message}` : `${result.items('Node').length} items`}`,
			);
			expect(writes).toBeLessThanOrEqual(3);
			if (error) {
				// Refused or stopped: it says why, shortly, and that the write may have been executed.
				expect(error.message!.length).toBeLessThanOrEqual(300);
				expect(text).toMatch(/may have been (executed|placed|made|created)/i);
				// The item whose answer was lost was executed; the third was never sent twice.
				expect(writes).toBeGreaterThanOrEqual(2);
			} else {
				expect(writes).toBe(3);
				const items = result.items('Node');
				expect(items).toHaveLength(3);
				expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
			}
			row.passed = true;
		});
	},
);

/**
 * Secrets never leak. Every service runs reads and writes through success and faults with
 * distinctive secrets; all outputs, errors (message, description, context) and n8n's debug log
 * are serialized and searched for the secrets, slices of private keys, and every token and
 * signature that went on the wire (taken from the simulators' request logs). Zero hits allowed.
 * CoinView runs in both endpoint modes with a wallet made for this file (its PIN, PIN token and
 * private key; the JWTs and encrypted PINs it sent, relay envelopes included); CryptoCoin logs in
 * as a platform made for this file (its private key, the Token JWTs) and as a user (the password),
 * and every bearer token the simulator issued is searched for too. Every case is added to the
 * suite's summary (test/hostile/summary.ts).
 */
import { generateKeyPairSync, randomBytes } from 'crypto';
import { LoggerProxy, type IDataObject, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { forgetSessions } from '../../nodes/CryptoCoin/transport';
import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { ASSET, CoinViewSimulator, OTHER_USERS } from '../../sandbox/coinview';
import { CryptoCoinSimulator } from '../../sandbox/cryptocoin';
import { QuoineSimulator } from '../../sandbox/quoine';
import { WalletServiceSimulator, sandboxAuthority } from '../../sandbox/wallet-service';
import { ZerocapSimulator } from '../../sandbox/zerocap';
import { runNode } from '../helpers/engine';
import { HostileSummary } from './summary';

const logged: string[] = [];
const capture = (level: string) => (message: string, meta?: object) => {
	logged.push(`${level} ${message} ${meta ? safeStringify(meta) : ''}`);
};

function safeStringify(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, item: unknown) => {
		if (typeof item === 'object' && item !== null) {
			if (seen.has(item)) return '[circular]';
			seen.add(item);
		}
		if (typeof item === 'bigint') return item.toString();
		return item;
	});
}

/** Distinctive slices of a secret: the whole, and 20-character pieces of a PEM body. */
function slicesOf(secret: string): string[] {
	const body = secret.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
	if (body.length <= 40) return [secret];
	const slices: string[] = [];
	for (let start = 0; start + 20 <= body.length; start += 60)
		slices.push(body.slice(start, start + 20));
	return slices;
}

/** Header values that authenticate a request: tokens and signatures on the wire. */
const AUTH_HEADERS =
	/^(authorization|x-quoine-auth|signature|x-signature|api-signature|x-api-key|api-key|token)$/i;

/** Body fields that carry a signature, token, password or encrypted PIN. */
const SECRET_FIELDS = [
	'signature',
	'sign',
	'token',
	'password',
	'pin',
	'pin_base64',
	'encrypted_pin',
];

/** Secret fields of a JSON body; a relay envelope's `content` (the Mixin body as text) is read too. */
function bodySecrets(rawBody: string, found: Set<string>, depth = 0): void {
	let body: unknown;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return; // not JSON: nothing signed in it
	}
	if (typeof body !== 'object' || body === null) return;
	for (const [key, value] of Object.entries(body as IDataObject)) {
		if (typeof value !== 'string') continue;
		if (SECRET_FIELDS.includes(key) && value.length >= 8) found.add(value);
		if (key === 'content' && depth < 2) bodySecrets(value, found, depth + 1);
	}
}

function wireSecrets(
	requests: Array<{ headers: Record<string, unknown>; rawBody?: string }>,
): string[] {
	const found = new Set<string>();
	for (const request of requests) {
		for (const [name, value] of Object.entries(request.headers)) {
			if (typeof value !== 'string' || value.length < 16) continue;
			if (AUTH_HEADERS.test(name) || /sign|auth|token/i.test(name)) {
				found.add(value.replace(/^Bearer\s+/i, ''));
			}
		}
		bodySecrets(request.rawBody ?? '', found);
	}
	return [...found];
}

interface Leak {
	service: string;
	case: string;
	what: string;
}

const wallet = new WalletServiceSimulator();
const quoine = new QuoineSimulator();
const zerocap = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });

const QUOINE = {
	id: `leak-token-${randomBytes(4).toString('hex')}`,
	secret: `quoine-secret-${randomBytes(12).toString('hex')}`,
};
const ZEROCAP = {
	key: `leak-key-${randomBytes(4).toString('hex')}`,
	secret: `zerocap-secret-${randomBytes(12).toString('hex')}`,
};
// A second authority for the Wallet Service with its own key, so the key is unique to this test.
const walletKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const WALLET_PRIVATE_KEY = walletKeys.privateKey
	.export({ type: 'pkcs8', format: 'pem' })
	.toString();
const WALLET_AUTHORITY = 'leak-authority';

const coinViewDirect = new CoinViewSimulator();
const coinViewRelay = new CoinViewSimulator();
/** A PIN of this file: six digits that start with 9 and are not a run of one digit. */
const COINVIEW_PIN = `9${String(randomBytes(3).readUIntBE(0, 3) % 100000).padStart(5, '0')}`;
/** What the simulator's createWallet returns (RSA and Ed25519 wallets differ in a few fields). */
type CoinViewWallet = Record<string, string>;
const coinViewWallets: { direct?: CoinViewWallet; relay?: CoinViewWallet } = {};

const cryptoCoin = new CryptoCoinSimulator({ fixedCode: '123456' });
const cryptoCoinKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CRYPTOCOIN = {
	platformId: `leak-platform-${randomBytes(4).toString('hex')}`,
	privateKey: cryptoCoinKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
	email: `leak-${randomBytes(4).toString('hex')}@example.com`,
	password: `Leak-pass-${randomBytes(10).toString('hex')}`,
};
/** Every bearer token the CryptoCoin simulator issued in a case (lost answers included). */
const issuedTokens = () => [
	...(cryptoCoin as unknown as { tokens: Map<string, unknown> }).tokens.keys(),
];

interface Case {
	label: string;
	parameters: IDataObject;
	fault?: { type: string; status?: number; path: string; times?: number };
}

interface ServiceUnderTest {
	name: string;
	nodeType: string;
	sim: {
		listen(): Promise<unknown>;
		close(): Promise<unknown>;
		reset(): void;
		injectFault(f: object): void;
		requests: Array<{ headers: Record<string, unknown>; rawBody?: string }>;
	};
	/** Secrets of the credential, and secrets the server issued (searched for whole or as key slices). */
	secrets: () => string[];
	credentials: () => Record<string, ICredentialDataDecryptedObject>;
	prepare: () => Promise<void> | void;
	cases: Case[];
}

const FAULT_TYPES = [
	{ type: 'status', status: 401 },
	{ type: 'status', status: 500 },
	{ type: 'nonjson', status: 502 },
	{ type: 'drop' },
	{ type: 'dropAfter' },
	{ type: 'truncated' },
];

function withFaults(base: Case[], path: string): Case[] {
	const cases = [...base];
	for (const operation of base) {
		for (const fault of FAULT_TYPES) {
			cases.push({
				label: `${operation.label} + ${fault.type} ${fault.status ?? ''}`.trim(),
				parameters: operation.parameters,
				fault: { ...fault, path, times: 0 },
			});
		}
	}
	return cases;
}

const services: ServiceUnderTest[] = [
	{
		name: 'Wallet Service',
		nodeType: 'walletService',
		sim: wallet as never,
		secrets: () => [WALLET_PRIVATE_KEY],
		credentials: () => ({
			walletServiceApi: {
				authorityConfigSecret: JSON.stringify({
					...sandboxAuthority.client_config,
					authority_id: WALLET_AUTHORITY,
					api_base_url: wallet.url,
					private_key: WALLET_PRIVATE_KEY,
				}),
				baseUrl: '',
			},
		}),
		prepare: async () => {
			await wallet.addAuthority(
				WALLET_AUTHORITY,
				walletKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
				'Leak test',
			);
		},
		cases: withFaults(
			[
				{
					label: 'entry create',
					parameters: {
						resource: 'entry',
						operation: 'create',
						userId: 'leak-user',
						amount: 3,
						reason: 'leak test',
					},
				},
				{
					label: 'wallet get many',
					parameters: { resource: 'wallet', operation: 'getAll', returnAll: true },
				},
			],
			'/api/v1/',
		),
	},
	{
		name: 'Quoine',
		nodeType: 'quoine',
		sim: quoine as never,
		secrets: () => [QUOINE.secret],
		credentials: () => ({
			quoineApi: {
				apiTokenId: QUOINE.id,
				apiSecret: QUOINE.secret,
				exchange: 'custom',
				baseUrl: quoine.url,
				vendorId: '',
				language: '',
			},
		}),
		prepare: () => {
			quoine.addToken(QUOINE.id, QUOINE.secret);
			resetRateWindows();
		},
		cases: withFaults(
			[
				{
					label: 'limit order',
					parameters: {
						resource: 'order',
						operation: 'createLimit',
						productId: { __rl: true, mode: 'id', value: '1' },
						side: 'buy',
						quantity: '0.01',
						price: '1000',
						requestOptions: { maxRateLimitWait: 1 },
					},
				},
				{
					label: 'balances',
					parameters: {
						resource: 'account',
						operation: 'getBalances',
						requestOptions: { maxRateLimitWait: 1 },
					},
				},
			],
			'/',
		),
	},
	{
		name: 'Zerocap',
		nodeType: 'zerocap',
		sim: zerocap as never,
		secrets: () => [ZEROCAP.secret],
		credentials: () => ({
			zerocapApi: {
				apiKey: ZEROCAP.key,
				apiSecret: ZEROCAP.secret,
				environment: 'custom',
				restBaseUrl: zerocap.restUrl,
				webSocketUrl: zerocap.wsUrl,
				signatureScheme: 'timestamp',
			},
		}),
		prepare: () => {
			zerocap.addKey(ZEROCAP.key, ZEROCAP.secret);
		},
		cases: withFaults(
			[
				{
					label: 'order create',
					parameters: {
						resource: 'order',
						operation: 'create',
						symbol: 'USDT/AUD',
						side: 'buy',
						orderType: 'limit',
						amount: '10',
						price: '1.5',
					},
				},
				{
					label: 'order get many',
					parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 5 },
				},
			],
			'/',
		),
	},
	coinViewService('direct'),
	coinViewService('relay'),
	cryptoCoinService('platform'),
	cryptoCoinService('user'),
];

function coinViewService(mode: 'direct' | 'relay'): ServiceUnderTest {
	const sim = mode === 'direct' ? coinViewDirect : coinViewRelay;
	const walletOf = () => {
		const wallet = coinViewWallets[mode];
		if (!wallet) throw new Error('no CoinView wallet yet');
		return wallet;
	};
	return {
		name: `CoinView ${mode}`,
		nodeType: 'coinView',
		sim: sim as never,
		secrets: () => {
			const wallet = walletOf();
			return [
				wallet.pin,
				wallet.pinToken,
				wallet.privateKey,
				wallet.backupSecretKey,
				...(wallet.kind === 'rsa'
					? [wallet.privateKeyDerPkcs1 as string]
					: [wallet.privateKeyBase64Url as string]),
			];
		},
		credentials: () => {
			const wallet = walletOf();
			return {
				coinViewApi:
					mode === 'direct'
						? {
								source: 'fields',
								userId: wallet.userId,
								sessionId: wallet.sessionId,
								pinToken: wallet.serverPublicKey,
								privateKey: wallet.privateKey,
								pinSecret: wallet.pin,
								endpoint: 'custom',
								baseUrl: sim.directUrl,
								customMode: 'direct',
							}
						: {
								source: 'backup',
								backupSecretKey: wallet.backupSecretKey,
								pinSecret: wallet.pin,
								endpoint: 'custom',
								baseUrl: sim.relayUrl,
								customMode: 'relay',
							},
			} as Record<string, ICredentialDataDecryptedObject>;
		},
		prepare: async () => {
			// A wallet of this file (reset() removes it): ed25519 for direct mode, RSA for the relay.
			coinViewWallets[mode] = (await sim.createWallet({
				kind: mode === 'direct' ? 'ed25519' : 'rsa',
				pin: COINVIEW_PIN,
			})) as CoinViewWallet;
		},
		cases: withFaults(
			[
				{
					label: 'transfer create',
					parameters: {
						resource: 'transfer',
						operation: 'create',
						recipientId: OTHER_USERS[0].user_id,
						asset: { __rl: true, mode: 'id', value: ASSET.USDT },
						amount: '2.5',
						memo: 'leak test',
						options: {},
					},
				},
				{
					label: 'asset get many',
					parameters: { resource: 'asset', operation: 'getAll', returnAll: true },
				},
			],
			'/',
		),
	};
}

function cryptoCoinService(authType: 'platform' | 'user'): ServiceUnderTest {
	return {
		name: `CryptoCoin ${authType}`,
		nodeType: 'cryptoCoin',
		sim: cryptoCoin as never,
		secrets: () => [CRYPTOCOIN.privateKey, CRYPTOCOIN.password, ...issuedTokens()],
		credentials: () => ({
			cryptoCoinApi: {
				environment: 'custom',
				baseUrl: `${cryptoCoin.url}/api/v1`,
				authType,
				...(authType === 'platform'
					? {
							platform: CRYPTOCOIN.platformId,
							privateKey: CRYPTOCOIN.privateKey,
							algorithm: 'RS512',
							actFor: CRYPTOCOIN.email,
						}
					: { email: CRYPTOCOIN.email, password: CRYPTOCOIN.password }),
				sessionToken: '',
				sessionUserId: '',
				sessionUntil: '',
				sessionFor: '',
			},
		}),
		prepare: async () => {
			await cryptoCoin.ready();
			forgetSessions();
			await cryptoCoin.addPlatform({
				id: CRYPTOCOIN.platformId,
				code: 'LEAKPLT1',
				name: 'leak test platform',
				publicKeyPem: cryptoCoinKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
				algorithm: 'RS512',
			});
			if (!cryptoCoin.user(CRYPTOCOIN.email)) {
				cryptoCoin.addUser({
					email: CRYPTOCOIN.email,
					password: CRYPTOCOIN.password,
					platformId: CRYPTOCOIN.platformId,
					emailVerified: true,
				});
			}
		},
		cases: withFaults(
			[
				{
					label: 'quote create',
					parameters: {
						resource: 'quote',
						operation: 'create',
						quoteOperation: 'buy',
						symbol: 'ETH',
						secondSymbol: 'EUR',
						amountSide: 'amount',
						amount: '0.1',
					},
				},
				{ label: 'profile', parameters: { resource: 'user', operation: 'getProfile' } },
			],
			'/api/v1/',
		),
	};
}

const leaks: Leak[] = [];
let casesRun = 0;
const summary = new HostileSummary('secrets');
summary.watchUnhandledRejections();

beforeAll(() => {
	LoggerProxy.init({
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
		scoped: () => undefined,
	} as never);
});

afterAll(() => {
	// The summary table of the suite (tests are not part of the package), through jest's console.
	// eslint-disable-next-line no-console
	console.log(
		`\nSecrets: ${casesRun} cases, ${leaks.length} leaks${leaks.length ? `\n${leaks.map((leak) => `  ${leak.service} / ${leak.case}: ${leak.what}`).join('\n')}` : ''}\n`,
	);
	summary.finish();
});

describe.each(services.map((service) => [service.name, service] as const))(
	'%s keeps its secrets',
	(_name, service) => {
		beforeAll(async () => await service.sim.listen());
		afterAll(async () => await service.sim.close());

		it.each(service.cases.map((entry) => [entry.label, entry] as const))(
			'%s',
			async (label, entry) => {
				const row = summary.add({ service: service.name, case: label });
				service.sim.reset();
				await service.prepare();
				logged.length = 0;
				if (entry.fault) service.sim.injectFault(entry.fault);
				const result = await runNode({
					type: service.nodeType,
					parameters: entry.parameters,
					credentials: service.credentials(),
					continueOnFail: entry.fault?.type === 'truncated',
				});
				casesRun++;
				const error = result.error as
					| (Error & { description?: string; context?: unknown })
					| undefined;
				const visible = [
					safeStringify(result.json),
					safeStringify(result.run.data.resultData.runData),
					error
						? safeStringify({
								message: error.message,
								description: error.description,
								context: error.context,
								stack: error.stack,
							})
						: '',
					error ? safeStringify(error) : '',
					logged.join('\n'),
				].join('\n');
				// Without a fault the operation succeeds, so the success path was searched too.
				if (!entry.fault) expect(result.error).toBeUndefined();
				const onTheWire = wireSecrets(service.sim.requests);
				// Every case sent at least one signed request, so there is something to look for.
				expect(onTheWire.length).toBeGreaterThan(0);
				// A paid transfer put its JWT and its encrypted PIN on the wire: both are searched for.
				if (service.nodeType === 'coinView' && label === 'transfer create')
					expect(onTheWire.length).toBeGreaterThanOrEqual(2);
				const needles = [...service.secrets().flatMap(slicesOf), ...onTheWire];
				const hits = needles.filter((needle) => visible.includes(needle));
				for (const hit of hits)
					leaks.push({ service: service.name, case: label, what: `${hit.slice(0, 12)}…` });
				row.leaks = hits.length;
				expect(hits).toEqual([]);
				row.passed = true;
			},
		);
	},
);

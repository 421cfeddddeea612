/**
 * Secrets never leak. Every service runs reads and writes through success and faults with
 * distinctive secrets; all outputs, errors (message, description, context) and n8n's debug log
 * are serialized and searched for the secrets, slices of private keys, and every token and
 * signature that went on the wire (taken from the simulators' request logs). Zero hits allowed.
 */
import { generateKeyPairSync, randomBytes } from 'crypto';
import { LoggerProxy, type IDataObject, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { QuoineSimulator } from '../../sandbox/quoine';
import { WalletServiceSimulator, sandboxAuthority } from '../../sandbox/wallet-service';
import { ZerocapSimulator } from '../../sandbox/zerocap';
import { runNode } from '../helpers/engine';

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
	for (let start = 0; start + 20 <= body.length; start += 60) slices.push(body.slice(start, start + 20));
	return slices;
}

/** Header values that authenticate a request: tokens and signatures on the wire. */
const AUTH_HEADERS = /^(authorization|x-quoine-auth|signature|x-signature|api-signature|x-api-key|api-key|token)$/i;

function wireSecrets(requests: Array<{ headers: Record<string, unknown>; rawBody?: string }>): string[] {
	const found = new Set<string>();
	for (const request of requests) {
		for (const [name, value] of Object.entries(request.headers)) {
			if (typeof value !== 'string' || value.length < 16) continue;
			if (AUTH_HEADERS.test(name) || /sign|auth|token/i.test(name)) {
				found.add(value.replace(/^Bearer\s+/i, ''));
			}
		}
		try {
			const body = JSON.parse(request.rawBody ?? '') as IDataObject;
			for (const key of ['signature', 'sign', 'token']) {
				if (typeof body[key] === 'string' && (body[key] as string).length >= 16) found.add(body[key] as string);
			}
		} catch {
			// not JSON: nothing signed in it
		}
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

const QUOINE = { id: `leak-token-${randomBytes(4).toString('hex')}`, secret: `quoine-secret-${randomBytes(12).toString('hex')}` };
const ZEROCAP = { key: `leak-key-${randomBytes(4).toString('hex')}`, secret: `zerocap-secret-${randomBytes(12).toString('hex')}` };
// A second authority for the Wallet Service with its own key, so the key is unique to this test.
const walletKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const WALLET_PRIVATE_KEY = walletKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const WALLET_AUTHORITY = 'leak-authority';

interface Case {
	label: string;
	parameters: IDataObject;
	fault?: { type: string; status?: number; path: string; times?: number };
}

interface ServiceUnderTest {
	name: string;
	nodeType: string;
	sim: { listen(): Promise<unknown>; close(): Promise<unknown>; reset(): void; injectFault(f: object): void; requests: Array<{ headers: Record<string, unknown>; rawBody?: string }> };
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
			cases.push({ label: `${operation.label} + ${fault.type} ${fault.status ?? ''}`.trim(), parameters: operation.parameters, fault: { ...fault, path, times: 0 } });
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
				{ label: 'entry create', parameters: { resource: 'entry', operation: 'create', userId: 'leak-user', amount: 3, reason: 'leak test' } },
				{ label: 'wallet get many', parameters: { resource: 'wallet', operation: 'getAll', returnAll: true } },
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
			quoineApi: { apiTokenId: QUOINE.id, apiSecret: QUOINE.secret, exchange: 'custom', baseUrl: quoine.url, vendorId: '', language: '' },
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
				{ label: 'balances', parameters: { resource: 'account', operation: 'getBalances', requestOptions: { maxRateLimitWait: 1 } } },
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
					parameters: { resource: 'order', operation: 'create', symbol: 'USDT/AUD', side: 'buy', orderType: 'limit', amount: '10', price: '1.5' },
				},
				{ label: 'order get many', parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 5 } },
			],
			'/',
		),
	},
];

const leaks: Leak[] = [];
let casesRun = 0;

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
	// The summary table of the suite (tests are not part of the package).
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
	process.stdout.write(
		`\nSecrets: ${casesRun} cases, ${leaks.length} leaks${leaks.length ? `\n${leaks.map((leak) => `  ${leak.service} / ${leak.case}: ${leak.what}`).join('\n')}` : ''}\n`,
	);
});

describe.each(services.map((service) => [service.name, service] as const))('%s keeps its secrets', (_name, service) => {
	beforeAll(async () => await service.sim.listen());
	afterAll(async () => await service.sim.close());

	it.each(service.cases.map((entry) => [entry.label, entry] as const))('%s', async (label, entry) => {
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
		const error = result.error as (Error & { description?: string; context?: unknown }) | undefined;
		const visible = [
			safeStringify(result.json),
			safeStringify(result.run.data.resultData.runData),
			error ? safeStringify({ message: error.message, description: error.description, context: error.context, stack: error.stack }) : '',
			error ? safeStringify(error) : '',
			logged.join('\n'),
		].join('\n');
		const onTheWire = wireSecrets(service.sim.requests);
		// Every case sent at least one signed request, so there is something to look for.
		expect(onTheWire.length).toBeGreaterThan(0);
		const needles = [...service.secrets().flatMap(slicesOf), ...onTheWire];
		const hits = needles.filter((needle) => visible.includes(needle));
		for (const hit of hits) leaks.push({ service: service.name, case: label, what: `${hit.slice(0, 12)}…` });
		expect(hits).toEqual([]);
	});
});

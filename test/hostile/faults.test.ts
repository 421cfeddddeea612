/**
 * Faults for every service, through its simulator and n8n's engine: a read and a write of each
 * service meet 429 (with and without Retry-After), 500, a 502 with a long HTML page, a reset
 * before the request, a reset after the server executed it, a truncated JSON answer and a
 * non-JSON 200. Whatever happens: no crash, a short readable error (never the page), a 2xx that
 * cannot be read is an error, a write whose answer was lost says it may have been executed, and
 * no write is recorded twice. A summary table is printed at the end.
 */
import type { IDataObject, ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resetRateWindows } from '../../nodes/shared/rateLimit';
import { QuoineSimulator } from '../../sandbox/quoine';
import { WalletServiceSimulator } from '../../sandbox/wallet-service';
import { SANDBOX_API_KEY, SANDBOX_API_SECRET, ZerocapSimulator } from '../../sandbox/zerocap';
import { runNode } from '../helpers/engine';

interface Fault {
	type: 'status' | 'drop' | 'dropAfter' | 'nonjson' | 'truncated';
	status?: number;
	body?: unknown;
	text?: string;
	headers?: Record<string, string>;
	times?: number;
}

interface Simulator {
	listen(): Promise<unknown>;
	close(): Promise<unknown>;
	reset(): void;
	injectFault(fault: Fault & { path?: string; method?: string }): void;
}

interface ServiceCase {
	name: string;
	sim: Simulator;
	credentials(): Record<string, ICredentialDataDecryptedObject>;
	nodeType: string;
	read: { parameters: IDataObject; path: string };
	write: { parameters: IDataObject; path: string; count(): number };
	prepare?(): Promise<void> | void;
}

const LONG_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>${'body{color:red}'.repeat(
	50,
)}</style></head><body><h1>502 Bad Gateway</h1>${'<p>upstream failed</p>'.repeat(150)}</body></html>`;

const wallet = new WalletServiceSimulator();
const quoine = new QuoineSimulator();
const zerocap = new ZerocapSimulator({ heartbeatMs: 0, ladderIntervalMs: 0 });

const QUOINE_TOKEN = { id: 'faults-token', secret: 'faults-secret' };

const services: ServiceCase[] = [
	{
		name: 'Wallet Service',
		sim: wallet as unknown as Simulator,
		credentials: () => ({ walletServiceApi: { authorityConfigSecret: wallet.sandboxClientConfig(), baseUrl: '' } }),
		nodeType: 'walletService',
		read: { parameters: { resource: 'wallet', operation: 'getAll', returnAll: true }, path: '/api/v1/wallet' },
		write: {
			parameters: { resource: 'entry', operation: 'create', userId: 'fault-user', amount: 5, reason: 'fault test' },
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
				const user = (quoine as unknown as { tokens: Map<string, { userId: number }> }).tokens.get(QUOINE_TOKEN.id)?.userId;
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

const FAULTS: Array<{ label: string; fault: Fault; read: Expectation; write: Expectation }> = [
	{
		label: '429 without Retry-After',
		fault: { type: 'status', status: 429, body: { message: 'Too many requests' }, times: 0 },
		read: { writes: 0 },
		write: { writes: 0 },
	},
	{
		label: '429 with Retry-After: 1',
		fault: { type: 'status', status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '1' }, times: 1 },
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
	const header = 'service          op     fault                                 passed  duplicates  long-errors';
	const lines = rows.map(
		(row) =>
			`${row.service.padEnd(16)} ${row.operation.padEnd(6)} ${row.fault.padEnd(37)} ${String(row.passed).padEnd(7)} ${String(row.duplicates).padEnd(11)} ${row.longMessages}`,
	);
	const failed = rows.filter((row) => !row.passed).length;
	// The summary table of the suite (tests are not part of the package).
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
	process.stdout.write(
		`\nFaults: ${rows.length} cases, ${rows.length - failed} passed, ${rows.reduce((sum, row) => sum + row.duplicates, 0)} duplicate writes, ${rows.reduce((sum, row) => sum + row.longMessages, 0)} over-long errors\n${header}\n${lines.join('\n')}\n`,
	);
});

describe.each(services.map((service) => [service.name, service] as const))('%s under faults', (_name, service) => {
	beforeAll(async () => await service.sim.listen());
	afterAll(async () => await service.sim.close());
	beforeEach(async () => {
		service.sim.reset();
		await service.prepare?.();
	});

	describe.each(FAULTS.map((entry) => [entry.label, entry] as const))('%s', (label, entry) => {
		it.each(['read', 'write'] as const)('%s', async (operation) => {
			const target = service[operation];
			const expected = entry[operation];
			const before = service.write.count();
			service.sim.injectFault({ ...entry.fault, path: target.path });
			const result = await runNode({
				type: service.nodeType,
				parameters: target.parameters,
				credentials: service.credentials(),
			});
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

			if (expected.succeeds) {
				expect(error).toBeUndefined();
			} else {
				expect(error?.message).toBeTruthy();
				// Short and readable: never the page itself.
				expect(error!.message!.length).toBeLessThanOrEqual(300);
				expect(text).not.toMatch(/<(html|body|style|p|h1)\b/i);
				expect(text).not.toContain('body{color:red}');
			}
			if (expected.mayHaveExecuted) expect(text).toMatch(/may have been (executed|placed|made|created)/i);
			expect(writes).toBe(expected.writes);
			row.passed = true;
		});
	});
});

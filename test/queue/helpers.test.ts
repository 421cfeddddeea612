/**
 * Helpers of the queue-mode end-to-end suite (e2e/queue/): the webhook copies of the examples, the
 * environment every process shares, and the check that a packed tarball is complete.
 */
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test only: builds a tarball
import { spawnSync } from 'child_process';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test only: builds a tarball
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test only: builds a tarball
import { tmpdir } from 'os';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test only: builds a tarball
import { join } from 'path';

import { missingFromPack, queueEnvironment } from '../../e2e/queue/stack.js';
import { burstWorkflow, idempotentOrderWorkflow, viaWebhook } from '../../e2e/queue/workflows.js';
import { examplesOf, loadServices, packagedFiles } from '../../e2e/services/index.js';

describe('viaWebhook', () => {
	const manual = examplesOf(loadServices()).filter((entry) => entry.example.kind === 'manual');

	it('replaces the Manual Trigger of every manual example by a POST webhook of the same name', () => {
		expect(manual.length).toBeGreaterThan(0);
		for (const { json } of manual) {
			const { json: copy, webhookPath } = viaWebhook(json);
			expect(copy.id).toBe(`${json.id}Q`);
			const trigger = json.nodes.find(
				(node: { type: string }) => node.type === 'n8n-nodes-base.manualTrigger',
			);
			const webhook = copy.nodes.find((node: { name: string }) => node.name === trigger.name);
			expect(webhook).toMatchObject({
				type: 'n8n-nodes-base.webhook',
				webhookId: webhookPath,
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived' },
			});
			expect(
				copy.nodes.some((node: { type: string }) => node.type === 'n8n-nodes-base.manualTrigger'),
			).toBe(false);
			// Everything else is the example as users import it.
			expect(copy.nodes.filter((node: { name: string }) => node.name !== trigger.name)).toEqual(
				json.nodes.filter((node: { name: string }) => node.name !== trigger.name),
			);
			expect(copy.connections).toEqual(json.connections);
		}
	});

	it('gives each copy its own path, and refuses a workflow without a Manual Trigger', () => {
		const { json } = manual[0];
		expect(viaWebhook(json).webhookPath).not.toBe(viaWebhook(json).webhookPath);
		expect(() =>
			viaWebhook({ id: 'x', nodes: [{ name: 'A', type: 'n8n-nodes-base.webhook' }] }),
		).toThrow(/no Manual Trigger/);
	});

	it('the burst signs one request per item, and the order workflow uses a derived client order ID with Retry On Fail', () => {
		const credential = { id: 'c1', name: 'Quoine' };
		const burst = burstWorkflow(credential).json;
		expect(burst.nodes.map((node: { type: string }) => node.type)).toEqual([
			'n8n-nodes-base.webhook',
			'n8n-nodes-base.splitOut',
			'n8n-nodes-crypto-suite.quoine',
		]);
		const order = idempotentOrderWorkflow(credential).json.nodes[1];
		expect(order).toMatchObject({
			retryOnFail: true,
			parameters: { operation: 'createLimit', clientOrderIdMode: 'derived' },
		});
	});
});

describe('queueEnvironment', () => {
	it('puts every process on queue mode, Postgres, Redis and one encryption key', () => {
		expect(
			queueEnvironment({
				postgres: { host: '127.0.0.1', port: 5432, database: 'n8n', user: 'n8n', password: 'pw' },
				redis: { host: '127.0.0.1', port: 6379 },
				encryptionKey: 'k',
			}),
		).toMatchObject({
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_PORT: '5432',
			QUEUE_BULL_REDIS_PORT: '6379',
			N8N_ENCRYPTION_KEY: 'k',
		});
	});
});

describe('missingFromPack', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'pack-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	/** Packs files (path → text) as npm does (under package/) and returns the PackedPackage. */
	function pack(files: Record<string, string>) {
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(join(dir, 'package', file, '..'), { recursive: true });
			writeFileSync(join(dir, 'package', file), text);
		}
		const tarball = join(dir, 'p.tgz');
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- test only: npm packs with tar
		expect(spawnSync('tar', ['-czf', tarball, '-C', dir, 'package']).status).toBe(0);
		return { tarball, name: 'p', version: '0', files: Object.keys(files) };
	}

	const all = () => Object.fromEntries([...packagedFiles()].map((file) => [file, '']));

	it('finds nothing missing in a complete tarball', () => {
		expect(
			missingFromPack(pack({ ...all(), 'dist/a.js': 'require("./b");', 'dist/b.js': '' })),
		).toEqual([]);
	});

	it('names a node of package.json and a required file that are missing (a build half written)', () => {
		const files = all();
		const [first] = Object.keys(files);
		delete files[first];
		expect(missingFromPack(pack({ ...files, 'dist/a.js': 'require("../shared/x");' }))).toEqual([
			first,
			'shared/x (required by dist/a.js)',
		]);
	});
});

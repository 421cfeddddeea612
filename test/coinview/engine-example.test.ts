/**
 * The CoinView examples of the end-to-end suite, run through n8n-core's engine with the suite's
 * own simulator setup, credentials and checks: the manual workflow, the trigger workflow's
 * parameters polled in a PollContext, and both sandbox credentials tested the way n8n tests a
 * credential (the credential's test request and its body rules).
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { CoinViewApi } from '../../credentials/CoinViewApi.credentials';
import * as coinviewService from '../../e2e/services/coinview.js';
import { examplesOf } from '../../e2e/services/index.js';
import { runWorkflow, type TestNode } from '../helpers/engine';
import { createPoller } from '../helpers/poll';

/** The e2e modules are plain JavaScript; their shapes are checked by the suite itself. */
type Json = ReturnType<typeof JSON.parse>;

const service = coinviewService as Json;

describe('CoinView examples of the end-to-end suite', () => {
	let sim: Json;

	beforeAll(async () => {
		sim = await service.start(0);
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	const credentialOf = (name: string): Json => {
		const credential = service.credentials(sim).find((entry: { name: string }) => entry.name === name);
		if (!credential) throw new Error(`no credential ${name}`);
		return credential;
	};
	const exampleOf = (file: string) => {
		const found = examplesOf([service]).find((entry: Json) => entry.example.file === file);
		if (!found) throw new Error(`no example ${file}`);
		return found as Json;
	};

	it("runs the manual example (assets, transfer, trace look-up) and passes the suite's checks", async () => {
		const { json, example } = exampleOf('coinview-transfer-by-trace.json');
		const trigger = json.nodes.find((entry: { type: string }) => entry.type === 'n8n-nodes-base.manualTrigger');
		const nodes: TestNode[] = json.nodes
			.filter((entry: Json) => entry !== trigger)
			.map((entry: Json) => {
				expect(entry.type).toBe('n8n-nodes-crypto-suite.coinView');
				expect(entry.credentials.coinViewApi.id).toBe(credentialOf('CoinView (sandbox)').id);
				return {
					name: entry.name,
					type: 'coinView',
					parameters: entry.parameters,
					retryOnFail: entry.retryOnFail,
					maxTries: entry.maxTries,
				};
			});
		expect(json.nodes.find((entry: Json) => entry.name === 'Pay 1.25 USDT').executeOnce).toBe(true);
		const connections: IConnections = {};
		for (const [from, value] of Object.entries(json.connections as IConnections)) {
			connections[from === trigger.name ? 'Start' : from] = value;
		}
		// The engine helper has no Execute Once setting: give the payment a single item, as n8n does.
		const result = await runWorkflow({
			nodes: [nodes[0]],
			credentials: { coinViewApi: credentialOf('CoinView (sandbox)').data as ICredentialDataDecryptedObject },
			executionId: '4711',
		});
		expect(result.error?.message).toBeUndefined();
		expect(result.output('Get Wallet Assets').length).toBeGreaterThan(1);
		const rest = await runWorkflow({
			nodes: nodes.slice(1),
			connections: {
				Start: { main: [[{ node: nodes[1].name, type: 'main' as never, index: 0 }]] },
				[nodes[1].name]: connections[nodes[1].name],
			},
			credentials: { coinViewApi: credentialOf('CoinView (sandbox)').data as ICredentialDataDecryptedObject },
			executionId: '4711',
		});
		expect(rest.error?.message).toBeUndefined();
		const output = (name: string) => (name === 'Get Wallet Assets' ? result.output(name) : rest.output(name));
		await example.assert({ output, sim, run: rest.run });
		expect(sim.calls.every((call: Json) => call.ok)).toBe(true);
	});

	it('the trigger example sees the incoming transfers the suite produces, once each', async () => {
		const { json, example } = exampleOf('coinview-trigger-incoming.json');
		const [triggerNode] = json.nodes;
		expect(triggerNode.type).toBe('n8n-nodes-crypto-suite.coinViewTrigger');
		expect(triggerNode.parameters.pollTimes.item).toEqual([{ mode: 'everyMinute' }]);
		const parameters = { ...(triggerNode.parameters as IDataObject) };
		delete parameters.pollTimes;
		const poller = createPoller({
			type: 'coinViewTrigger',
			parameters,
			credentials: { coinViewApi: credentialOf('CoinView (sandbox)').data as ICredentialDataDecryptedObject },
		});
		expect(example.ready(sim)).toBe(false);
		expect(await poller.poll()).toBeNull();
		expect(example.ready(sim)).toBe(true);
		const expected = await example.produce(sim);
		expect(expected).toHaveLength(4);
		const executions: Array<{ output: (name: string) => IDataObject[] }> = [];
		for (let index = 0; index < 2; index++) {
			const items = await poller.pollJson();
			if (items.length) executions.push({ output: (name: string) => (name === triggerNode.name ? items : []) });
		}
		expect(example.accept(executions, sim, expected)).toBeUndefined();
		// A missing or repeated transfer is reported.
		expect(example.accept([...executions, ...executions], sim, expected)).toMatch(/repeated/);
		expect(example.accept([], sim, expected)).toMatch(/missing/);
	});

	describe('credential tests', () => {
		const type = new CoinViewApi();

		/** What n8n does to test this credential: sign the test request, send it, apply the body rules. */
		async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ ok: boolean; message?: string; body: Json }> {
			const request = type.test.request as IHttpRequestOptions;
			const options = await (
				type.authenticate as (c: ICredentialDataDecryptedObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>
			)(data, { ...request, json: true });
			const body = (await httpRequest(options)) as Json;
			for (const rule of type.test.rules ?? []) {
				if (rule.type !== 'responseSuccessBody') continue;
				const { key, value, message } = rule.properties as { key: string; value: unknown; message: string };
				const found = key.split('.').reduce((at: Json, part) => (at === undefined || at === null ? undefined : at[part]), body);
				if (found === value) return { ok: false, message, body };
			}
			return { ok: body?.error === undefined && Array.isArray(body?.data), body };
		}

		for (const name of ['CoinView (sandbox)', 'CoinView (sandbox, RSA backup, relay)']) {
			it(`${name}: the right data passes, the wrong key fails with a readable message`, async () => {
				const credential = credentialOf(name);
				const right = await testCredential(credential.data);
				expect(right).toMatchObject({ ok: true });
				expect(sim.calls[sim.calls.length - 1]).toMatchObject({ path: '/assets', ok: true, mode: name.includes('relay') ? 'relay' : 'direct' });
				const wrong = await testCredential(credential.wrongData);
				expect(wrong.ok).toBe(false);
				expect(wrong.message).toMatch(/credential|key|401/i);
				expect(sim.calls[sim.calls.length - 1]).toMatchObject({ errorCode: 401 });
			});
		}
	});
});

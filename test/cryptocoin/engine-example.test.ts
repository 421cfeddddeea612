/**
 * The CryptoCoin example workflow of the end-to-end suite, run through n8n-core's engine with the
 * suite's own simulator setup, credentials and output checks; and both sandbox credentials
 * tested the way n8n tests a credential (preAuthentication, then the credential's test request).
 */
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { CryptoCoinApi } from '../../credentials/CryptoCoinApi.credentials';
import { forgetSessions } from '../../nodes/CryptoCoin/transport';
import * as cryptocoinService from '../../e2e/services/cryptocoin.js';
import { examplesOf } from '../../e2e/services/index.js';
import { runWorkflow, type TestNode } from '../helpers/engine';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const service = cryptocoinService as Json;

describe('CryptoCoin example workflow of the end-to-end suite', () => {
	let sim: Json;

	beforeAll(async () => {
		sim = await service.start(0);
	});
	afterAll(async () => await sim.close());
	beforeEach(() => forgetSessions());

	const credentialOf = (name: string): Json => {
		const credential = service
			.credentials(sim)
			.find((entry: { name: string }) => entry.name === name);
		if (!credential) throw new Error(`no credential ${name}`);
		return credential;
	};

	it("runs the whole partner flow and passes the suite's checks", async () => {
		const [{ json }] = examplesOf([service]);
		const trigger = json.nodes.find(
			(entry: { type: string }) => entry.type === 'n8n-nodes-base.manualTrigger',
		);
		const nodes: TestNode[] = json.nodes
			.filter((entry: { type: string }) => entry !== trigger)
			.map((entry: { name: string; type: string; parameters: IDataObject; credentials: Json }) => {
				expect(entry.type).toBe('n8n-nodes-crypto-suite.cryptoCoin');
				expect(entry.credentials.cryptoCoinApi.id).toBe(
					credentialOf('CryptoCoin (sandbox platform)').id,
				);
				return { name: entry.name, type: 'cryptoCoin', parameters: entry.parameters };
			});
		const connections: IConnections = {};
		for (const [from, value] of Object.entries(json.connections as IConnections)) {
			connections[from === trigger.name ? 'Start' : from] = value;
		}
		connections.Start.main[0]![0].node = nodes[0].name;
		const platform = credentialOf('CryptoCoin (sandbox platform)');
		// Twice in the same sandbox, as with `npm run dev`: each execution registers its own user.
		for (const executionId of ['4711', '4712']) {
			forgetSessions();
			const result = await runWorkflow({
				nodes,
				connections,
				credentials: { cryptoCoinApi: platform.data as ICredentialDataDecryptedObject },
				executionId,
			});
			expect(result.error?.message).toBeUndefined();
			for (const node of nodes) {
				expect({ node: node.name, items: result.output(node.name).length }).toEqual({
					node: node.name,
					items: 1,
				});
			}
			const [example] = service.examples;
			await example.assert({ output: (name: string) => result.output(name), sim, run: result.run });
			// Every step after Create User acts for the new user: one login of that user.
			expect(sim.loginCount({ user: result.output('Create User')[0].id as string })).toBe(1);
		}
		expect(sim.allOrders()).toHaveLength(2);
	});

	describe('credential tests', () => {
		const type = new CryptoCoinApi();

		/** What n8n does to test a credential: log in (always), then send the test request. */
		async function testCredential(data: ICredentialDataDecryptedObject) {
			const helpers = { helpers: { httpRequest } } as Json;
			const output = (await type.preAuthentication!.call(helpers, {
				...data,
				sessionToken: '',
			})) as IDataObject;
			const credentials = { ...data, ...output } as ICredentialDataDecryptedObject;
			const request = type.test.request as IHttpRequestOptions;
			const options = await (
				type.authenticate as (
					c: ICredentialDataDecryptedObject,
					o: IHttpRequestOptions,
				) => Promise<IHttpRequestOptions>
			)(credentials, { ...request, json: true });
			return (await httpRequest(options)) as Json;
		}

		for (const name of ['CryptoCoin (sandbox platform)', 'CryptoCoin (sandbox user)']) {
			it(`${name}: the right data passes, the wrong data fails with a readable message`, async () => {
				const credential = credentialOf(name);
				const before = sim.loginCount();
				const answer = await testCredential(credential.data);
				expect(answer.data.email).toBe('sandbox.user@example.com');
				expect(sim.loginCount()).toBe(before + 1);
				const failure = await testCredential(credential.wrongData).then(
					() => undefined,
					(error: Error) => error,
				);
				expect(failure?.message).toMatch(/CryptoCoin/);
				expect(failure?.message).toMatch(/credential|incorrect|rejected|password|key/i);
				expect(JSON.stringify(failure)).not.toContain('PRIVATE KEY');
				expect(sim.loginCount()).toBe(before + 1);
			});
		}
	});
});

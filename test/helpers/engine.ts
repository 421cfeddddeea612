/**
 * Runs workflows through n8n-core's real execution engine (WorkflowExecute), the way n8n runs
 * them, with node and credential types loaded from this package's source. Credentials go through
 * the credential type's own `authenticate` (and `preAuthentication` when it has one), so requests
 * are signed exactly as in n8n.
 */
import { ExecuteContext, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	createDeferredPromise,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type INodeProperties,
} from 'n8n-workflow';

import { credentialTypes, nodeTypes, PACKAGE } from './registry';

/** Passes its input on: stands in for the Manual Trigger, which lives in n8n-nodes-base. */
class StartNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Starts the test workflow',
		defaults: { name: 'Start' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = { 'test.start': new StartNode() };

	constructor() {
		for (const [name, type] of Object.entries(nodeTypes)) this.types[`${PACKAGE}.${name}`] = type;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

/** Credentials as n8n hands them to `authenticate` and `preAuthentication`. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every request after authentication, for assertions (secrets included: tests only). */
	readonly authenticatedRequests: IHttpRequestOptions[] = [];

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.type(typeName);
		let result = requestOptions;
		if (typeof type.authenticate === 'function') {
			result = await type.authenticate(credentials, requestOptions);
		} else if (type.authenticate) {
			result = applyGenericAuth(type.authenticate.properties as IDataObject, credentials, requestOptions);
		}
		this.authenticatedRequests.push(result);
		return result;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (!type.preAuthentication) return undefined;
		const expirable = type.properties.find(
			(property: INodeProperties) => property.type === 'hidden' && property.typeOptions?.expirable,
		);
		if (!expirable) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		const updated = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		this.data[typeName] = updated;
		return updated;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials for ${type}`);
		return data;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

/** `={{$credentials.x}}` substitution for generic (object) authenticate definitions. */
function applyGenericAuth(
	properties: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const resolve = (value: unknown) =>
		typeof value === 'string'
			? value.replace(/^=/, '').replace(/\{\{\s*\$credentials\??\.(\w+)\s*\}\}/g, (_m, key: string) => String(credentials[key] ?? ''))
			: value;
	const result: IHttpRequestOptions = { ...options };
	for (const section of ['headers', 'qs', 'body'] as const) {
		const values = properties[section] as IDataObject | undefined;
		if (!values) continue;
		const target = { ...((result[section] as IDataObject) ?? {}) };
		for (const [key, value] of Object.entries(values)) target[key] = resolve(value) as string;
		(result as unknown as IDataObject)[section] = target;
	}
	return result;
}

/** The instance ID workflows run under unless a test sets another. */
export const TEST_INSTANCE_ID = 'test-instance';

/**
 * n8n reads the instance ID from its settings file (random per machine). Nodes see it through
 * `getInstanceId()` of their execution context; the tests set it per run, so two runs can play
 * two n8n instances.
 */
let currentInstanceId = TEST_INSTANCE_ID;
const contextPrototype = Object.getPrototypeOf(ExecuteContext.prototype) as { getInstanceId(): string };
contextPrototype.getInstanceId = () => currentInstanceId;

export interface TestNode {
	name: string;
	/** A node name of this package (e.g. "walletService") or a full type. */
	type: string;
	parameters: IDataObject;
	continueOnFail?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface RunResult {
	run: IRun;
	/** Output items (json) of a node's first run, first output. */
	output(nodeName: string): IDataObject[];
	/** Full output items (json + pairedItem) of a node's first run. */
	items(nodeName: string): INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error: IRun['data']['resultData']['error'];
	credentialsHelper: TestCredentialsHelper;
}

/**
 * Runs Start → nodes[0] → nodes[1] → … in n8n-core's engine. `input` is what Start emits.
 * Every package node gets the credential it declares, taken from `credentials`.
 */
export async function runWorkflow(options: {
	nodes: TestNode[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	input?: IDataObject[];
	/** Instead of `input`: whole items, e.g. with binary files. */
	inputItems?: INodeExecutionData[];
	connections?: IConnections;
	executionId?: string;
	/** n8n's instance ID (`getInstanceId()`); a fixed one unless a test plays another n8n. */
	instanceId?: string;
}): Promise<RunResult> {
	currentInstanceId = options.instanceId ?? TEST_INSTANCE_ID;
	const types = new TestNodeTypes();
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	options.nodes.forEach((node, index) => {
		const type = node.type.includes('.') ? node.type : `${PACKAGE}.${node.type}`;
		const description = types.getByNameAndVersion(type).description;
		const credentials: INode['credentials'] = {};
		for (const credential of description.credentials ?? []) {
			credentials[credential.name] = { id: `${credential.name}-id`, name: credential.name };
		}
		nodes.push({
			id: `node-${index}`,
			name: node.name,
			type,
			typeVersion: 1,
			position: [200 * (index + 1), 0],
			parameters: node.parameters as INode['parameters'],
			credentials,
			continueOnFail: node.continueOnFail,
			retryOnFail: node.retryOnFail,
			maxTries: node.maxTries,
			waitBetweenTries: node.waitBetweenTries,
		});
	});
	const connections: IConnections = options.connections ?? {};
	if (!options.connections) {
		for (let index = 0; index < nodes.length - 1; index++) {
			connections[nodes[index].name] = {
				main: [[{ node: nodes[index + 1].name, type: NodeConnectionTypes.Main, index: 0 }]],
			};
		}
	}

	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes: types,
	});

	const executionId = options.executionId ?? 'test-execution';
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData: IRun) => done.resolve(fullRunData));

	const credentialsHelper = new TestCredentialsHelper({ ...options.credentials });
	const additionalData = {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: nodes[0],
					data: { main: [options.inputItems ?? (options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;

	const items = (nodeName: string): INodeExecutionData[] =>
		run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
	return {
		run,
		items,
		output: (nodeName) => items(nodeName).map((item) => item.json),
		error: run.data.resultData.error,
		credentialsHelper,
	};
}

/** Runs a single node of this package on the given input items. */
export async function runNode(options: {
	type: string;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	input?: IDataObject[];
	continueOnFail?: boolean;
	executionId?: string;
	instanceId?: string;
}): Promise<RunResult & { json: IDataObject[] }> {
	const result = await runWorkflow({
		nodes: [
			{
				name: 'Node',
				type: options.type,
				parameters: options.parameters,
				continueOnFail: options.continueOnFail,
			},
		],
		credentials: options.credentials,
		input: options.input,
		executionId: options.executionId,
		instanceId: options.instanceId,
	});
	return { ...result, json: result.output('Node') };
}

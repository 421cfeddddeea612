/**
 * Runs the `poll()` of a polling trigger of this package the way n8n does: in n8n-core's real
 * PollContext, with workflow static data that survives between polls (and can be carried over to
 * a fresh workflow, as after a restart), and with requests authenticated by the credential type's
 * own `authenticate` and sent by n8n-core's HTTP helpers.
 */
import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './engine';
import { nodeTypes, PACKAGE } from './registry';

class PackageNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = nodeTypes[nodeType.replace(`${PACKAGE}.`, '')];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

export interface PollerOptions {
	/** A node name of this package, e.g. "quoineTrigger". */
	type: string;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Static data to start from, e.g. the `staticData` of an earlier poller (a restart). */
	staticData?: IDataObject;
}

export interface Poller {
	/** Runs one poll in "trigger" mode (an active workflow) or "manual" mode ("Fetch Test Event"). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
	/** Output items of one poll, as JSON (an empty list when the poll returned null). */
	pollJson(mode?: 'trigger' | 'manual'): Promise<IDataObject[]>;
	/** The whole workflow static data, as n8n would save it (a JSON copy). */
	savedStaticData(): IDataObject;
	/** The static data object of the trigger node itself (live). */
	nodeStaticData(): IDataObject;
	/** Replaces the node parameters (as when the user edits the node). */
	setParameters(parameters: IDataObject): void;
	node: INode;
}

/** Builds a trigger node in a one-node workflow and returns a handle to poll it repeatedly. */
export function createPoller(options: PollerOptions): Poller {
	const types = new PackageNodeTypes();
	const type = `${PACKAGE}.${options.type}`;
	const description = types.getByNameAndVersion(type).description;
	const credentials: INode['credentials'] = {};
	for (const credential of description.credentials ?? []) {
		credentials[credential.name] = { id: `${credential.name}-id`, name: credential.name };
	}
	const node: INode = {
		id: 'trigger-node',
		name: 'Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials,
	};
	// n8n saves static data as JSON between runs and restarts: start from a JSON copy.
	const staticData = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const workflow = new Workflow({
		id: 'poll-workflow',
		name: 'poll test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: types,
		staticData,
	});
	const credentialsHelper = new TestCredentialsHelper({ ...options.credentials });
	const additionalData = {
		credentialsHelper,
		executionId: 'poll-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;

	const nodeType = types.getByNameAndVersion(type);
	if (!nodeType.poll) throw new Error(`${type} is not a polling trigger`);
	const pollFunction = nodeType.poll;

	const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
		const executeMode: WorkflowExecuteMode = mode;
		const context = new PollContext(workflow, node, additionalData, executeMode, mode === 'manual' ? 'manual' : 'activate');
		return await pollFunction.call(context);
	};

	return {
		node,
		poll,
		async pollJson(mode) {
			const result = await poll(mode);
			return (result?.[0] ?? []).map((item) => item.json);
		},
		savedStaticData: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		nodeStaticData: () => workflow.getStaticData('node', node),
		setParameters(parameters) {
			node.parameters = parameters as INode['parameters'];
		},
	};
}

/**
 * Runs the Zerocap Trigger the way n8n does: n8n-core's real TriggerContext (parameters,
 * credentials through the credential type's own `authenticate`, real HTTP requests), and for manual
 * runs n8n-core's TriggersAndPollers, which swaps `emit` after trigger() returns.
 */
import { ExecutionLifecycleHooks, TriggerContext } from 'n8n-core';
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import {
	Workflow,
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type ITriggerResponse,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import WsWebSocket from 'ws';

import { setWebSocketFactory, type WebSocketLike } from '../../nodes/Zerocap/transport/stream';
import { ZerocapTrigger } from '../../nodes/Zerocap/ZerocapTrigger.node';
import { TestCredentialsHelper } from '../helpers/engine';

/**
 * Node.js 20 has a global WebSocket only with --experimental-websocket (npm test sets it). Without
 * it, the `ws` package stands in through the trigger's factory, with the same `{ headers }` option.
 */
export const usesGlobalWebSocket = typeof WebSocket === 'function';

export function useDefaultWebSocket(): void {
	if (usesGlobalWebSocket) setWebSocketFactory(undefined);
	else setWebSocketFactory((url, headers) => new WsWebSocket(url, { headers }) as unknown as WebSocketLike);
}

const PACKAGE_TYPE = 'n8n-nodes-crypto-suite.zerocapTrigger';

class TriggerNodeTypes implements INodeTypes {
	private readonly type = new ZerocapTrigger();

	getByName(): INodeType {
		return this.type;
	}

	getByNameAndVersion(): INodeType {
		return this.type;
	}

	getKnownTypes() {
		return {};
	}
}

export interface TriggerRun {
	/** json of every emitted item, in order. */
	items: IDataObject[];
	/** Errors passed to emitError. */
	errors: Error[];
	response: ITriggerResponse;
	waitForItems(count: number, timeoutMs?: number): Promise<void>;
	waitForError(timeoutMs?: number): Promise<Error>;
	close(): Promise<void>;
}

function build(parameters: IDataObject, credentials: ICredentialDataDecryptedObject) {
	const node: INode = {
		id: 'trigger',
		name: 'Zerocap Trigger',
		type: PACKAGE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { zerocapApi: { id: 'zerocap-id', name: 'Zerocap' } },
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		name: 'trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new TriggerNodeTypes(),
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'trigger-execution', {
		id: 'trigger-workflow',
		name: 'trigger',
		nodes: [node],
		connections: {},
		active: true,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper({ zerocapApi: credentials }),
		executionId: 'trigger-execution',
		currentNodeParameters: undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData };
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(5);
	}
}

/** Activates the trigger as an active workflow would ('trigger' mode). */
export async function activateTrigger(
	parameters: IDataObject,
	credentials: ICredentialDataDecryptedObject,
	hooks: { onEmit?: (item: IDataObject) => void; keepItems?: boolean } = {},
): Promise<TriggerRun> {
	const { node, workflow, additionalData } = build(parameters, credentials);
	const items: IDataObject[] = [];
	const errors: Error[] = [];
	const context = new TriggerContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		(data: INodeExecutionData[][]) => {
			for (const item of data[0] ?? []) {
				hooks.onEmit?.(item.json);
				if (hooks.keepItems !== false) items.push(item.json);
			}
		},
		(error: Error) => errors.push(error),
	);
	const response = await new ZerocapTrigger().trigger.call(context);
	return {
		items,
		errors,
		response,
		waitForItems: async (count, timeoutMs = 20_000) =>
			await waitUntil(() => items.length >= count, timeoutMs, `${count} items (have ${items.length})`),
		waitForError: async (timeoutMs = 20_000) => {
			await waitUntil(() => errors.length > 0, timeoutMs, 'an error');
			return errors[0];
		},
		close: async () => await response.closeFunction?.(),
	};
}

/**
 * Runs the trigger in manual mode ("Fetch Test Event") through n8n-core: resolves with what the
 * first emit delivered, or rejects with the error.
 */
export async function runManualTrigger(
	parameters: IDataObject,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ response: ITriggerResponse; data: Promise<INodeExecutionData[][]> }> {
	const { node, workflow, additionalData } = build(parameters, credentials);
	const response = (await new TriggersAndPollers().runTrigger(
		workflow,
		node,
		(wf, n, data, mode, activation) => new TriggerContext(wf, n, data, mode, activation),
		additionalData,
		'manual',
		'manual',
	)) as ITriggerResponse;
	const data = (async () => {
		await response.manualTriggerFunction?.();
		return (await response.manualTriggerResponse) as INodeExecutionData[][];
	})();
	return { response, data };
}

import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { walletRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Error If Unhealthy',
		name: 'errorIfUnhealthy',
		type: 'boolean',
		default: false,
		description:
			'Whether to stop with an error when the service is not healthy. When off, the output has "healthy": false and you can branch on it.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['service'], operation: ['checkHealth'] } },
	properties,
);

/** The node speaks API 1.x with x ≥ 1, as the SDK does (COMPATIBLE_API_VERSION = (1, 1)). */
export function assessHealth(body: IDataObject): { healthy: boolean; problem?: string } {
	if (body.ok !== true) {
		return {
			healthy: false,
			problem: typeof body.ok === 'string' ? body.ok : 'the service reports it is not okay',
		};
	}
	const version = /^(\d+)\.(\d+)\.\d+/.exec(String(body.version ?? ''));
	if (!version || Number(version[1]) !== 1 || Number(version[2]) < 1) {
		return {
			healthy: false,
			problem: `server version ${String(body.version)} is not compatible (this node needs 1.1 or a later 1.x)`,
		};
	}
	return { healthy: true };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await walletRequest.call(this, 'GET', '/health', {}, itemIndex);
	const { healthy, problem } = assessHealth(body);
	if (!healthy && this.getNodeParameter('errorIfUnhealthy', itemIndex)) {
		throw new NodeOperationError(this.getNode(), `Wallet service is not healthy: ${problem}`, {
			itemIndex,
		});
	}
	return { healthy, ok: body.ok, version: body.version, ...(problem ? { problem } : {}) };
}

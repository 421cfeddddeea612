import {
	deriveRequestId,
	deriveToolRequestId,
	forgetSentKeys,
	isToolNode,
	sameDecimal,
	uuidV5,
	type RequestIdParts,
} from '../../shared/idempotency';

/** Namespace of the name-based (version 5) UUIDs this node derives client order IDs from. */
export const CLIENT_ORDER_ID_NAMESPACE = '3f0de633-e472-43a0-b141-582636dac459';

/** What makes one order placement unique: a retry of the same node run and item shares all of it. */
export type PlacementKey = RequestIdParts;

/**
 * A client order ID that is the same every time n8n runs this node again for the same item of
 * the same execution (Retry On Fail), and different for any other item, run of the node in a
 * loop, execution, node, workflow or n8n instance. It is an RFC 4122 version-5 UUID, the form the
 * SDK examples use (uuid4 strings).
 */
export function deriveClientOrderId(key: PlacementKey): string {
	return deriveRequestId(key, CLIENT_ORDER_ID_NAMESPACE);
}

/** The AI-tool variant: covers the order's own fields instead of run and item (see shared). */
export function deriveToolClientOrderId(key: {
	instanceId: string;
	workflowId: string;
	nodeId: string;
	executionId: string;
	orderFields: string[];
}): string {
	return deriveToolRequestId(key, key.orderFields, CLIENT_ORDER_ID_NAMESPACE);
}

/** n8n runs a node used as an AI agent tool under its type name with a "Tool" suffix. */
export function isToolNodeType(nodeType: string): boolean {
	return isToolNode({ type: nodeType });
}

/** Forgets every client order ID sent (as after a restart of n8n). */
export function forgetAttempts(): void {
	forgetSentKeys();
}

export { sameDecimal, uuidV5 };

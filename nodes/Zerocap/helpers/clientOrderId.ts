import { createHash } from 'crypto';

/** Namespace of the name-based (version 5) UUIDs this node derives client order IDs from. */
export const CLIENT_ORDER_ID_NAMESPACE = '3f0de633-e472-43a0-b141-582636dac459';

/** What makes one order placement unique: a retry of the same node run and item shares all of it. */
export interface PlacementKey {
	workflowId: string;
	nodeId: string;
	executionId: string;
	runIndex: number;
	itemIndex: number;
}

/**
 * A client order ID that is the same every time n8n runs this node again for the same item of
 * the same execution (Retry On Fail), and different for any other item, run of the node in a
 * loop, execution, node or workflow. It is an RFC 4122 version-5 UUID, the form the SDK examples
 * use (uuid4 strings).
 */
export function deriveClientOrderId(key: PlacementKey): string {
	const name = [key.workflowId, key.nodeId, key.executionId, key.runIndex, key.itemIndex].join(
		'\n',
	);
	return uuidV5(name, CLIENT_ORDER_ID_NAMESPACE);
}

/**
 * When the node runs as an AI agent tool, n8n gives every tool call, and every retry of one, a new
 * run index. There the ID covers the order's own fields instead: a retried call (same fields)
 * keeps its ID, a different order gets another. An identical order repeated within one execution
 * therefore maps to the first one.
 */
export function deriveToolClientOrderId(key: {
	workflowId: string;
	nodeId: string;
	executionId: string;
	orderFields: string[];
}): string {
	const name = ['tool', key.workflowId, key.nodeId, key.executionId, ...key.orderFields].join('\n');
	return uuidV5(name, CLIENT_ORDER_ID_NAMESPACE);
}

/** n8n runs a node used as an AI agent tool under its type name with a "Tool" suffix. */
export function isToolNodeType(nodeType: string): boolean {
	return /Tool$/.test(nodeType);
}

export function uuidV5(name: string, namespace: string): string {
	const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
	const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
	const bytes = hash.subarray(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Client order IDs this process has already sent. Sending one again means n8n is retrying the
 * node (or a workflow reuses a fixed ID), and the first attempt may have placed the order even
 * if its answer was lost, so the node looks the order up before sending again.
 */
const attempted = new Set<string>();
const MAX_REMEMBERED = 10_000;

export function wasAttempted(clientOrderId: string): boolean {
	return attempted.has(clientOrderId);
}

export function rememberAttempt(clientOrderId: string): void {
	attempted.delete(clientOrderId);
	attempted.add(clientOrderId);
	if (attempted.size > MAX_REMEMBERED) {
		const oldest = attempted.values().next().value;
		if (oldest !== undefined) attempted.delete(oldest);
	}
}

/** Forgets every remembered attempt (as after a restart of n8n). */
export function forgetAttempts(): void {
	attempted.clear();
}

/** "0100.50" and "100.5" are the same decimal; compared as text, so no float rounding. */
export function sameDecimal(a: unknown, b: unknown): boolean {
	const left = normalizeDecimal(a);
	const right = normalizeDecimal(b);
	return left !== undefined && left === right;
}

function normalizeDecimal(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
	const whole = match[2].replace(/^0+/, '') || '0';
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	const sign = match[1] === '-' && (whole !== '0' || fraction !== '') ? '-' : '';
	return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

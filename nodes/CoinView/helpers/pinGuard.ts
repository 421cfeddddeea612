import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * After Mixin rejects the PIN (20119), no further transfer of the same credential is sent in the
 * same execution: Retry On Fail, the next items and an AI agent's retries would each try the
 * wrong PIN again, and repeated wrong PINs can lock the wallet's PIN. A new execution (after the
 * credential was fixed) may try again. Keyed by the credential's ID (not its content) and the
 * execution ID; bounded.
 */
const rejected = new Set<string>();
const MAX_REMEMBERED = 1000;

/** Undefined without an execution ID: then nothing is remembered (a fixed credential must work). */
function keyOf(context: IExecuteFunctions): string | undefined {
	const executionId = context.getExecutionId();
	if (!executionId) return undefined;
	const credentialId = context.getNode().credentials?.coinViewApi?.id ?? context.getNode().id;
	return `${String(executionId)}\n${credentialId}`;
}

export function rememberPinRejected(context: IExecuteFunctions): void {
	const key = keyOf(context);
	if (key === undefined) return;
	if (rejected.size >= MAX_REMEMBERED) rejected.clear();
	rejected.add(key);
}

/** Throws, without sending anything, when the PIN was rejected earlier in this execution. */
export function refuseAfterPinRejected(context: IExecuteFunctions, itemIndex: number): void {
	const key = keyOf(context);
	if (key === undefined || !rejected.has(key)) return;
	const error = new NodeOperationError(
		context.getNode(),
		'Not sent: Mixin rejected the PIN of this credential earlier in this execution (20119)',
		{
			itemIndex,
			description:
				'Another try with the same PIN could lock the wallet PIN, so no transfer is sent again in this execution. Check the PIN and the PIN token in the credential, then run the workflow again.',
		},
	);
	error.context.kind = 'auth';
	throw error;
}

/** Forgets every rejection (as after a restart of n8n); for tests. */
export function forgetPinRejections(): void {
	rejected.clear();
}

import type { IExecuteFunctions, INode, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

/**
 * n8n resolves a parameter anew for every item it is asked for (the expression context, the
 * schema check, a fresh copy), about 10–20 µs a read, and copies the whole node for every
 * `getNode()`. A parameter that holds no expression anywhere is the same for every item, so
 * during a node run it is read once and each item gets its own copy of that value; a parameter
 * with an expression (including `$fromAI` when the node runs as an AI tool) is still read per
 * item. Errors are never cached: a read that throws is repeated for the next item.
 *
 * The node copy that errors carry (n8n keeps it with a failed execution) has the values of
 * `secretParameters` (password fields, such as a new user's password) replaced.
 *
 * Returns the function that puts the context's own readers back.
 */
export function cacheParameterReads(context: IExecuteFunctions, secretParameters: string[] = []): () => void {
	const readParameter = context.getNodeParameter;
	const readNode = context.getNode;
	if (typeof readParameter !== 'function' || typeof readNode !== 'function') return () => {};

	const node = readNode.call(context);
	// The raw values decide what is cached; the node copy gets its own object with secrets hidden.
	const parameters = node.parameters ?? {};
	const secrets = secretParameters.filter((name) => name in parameters);
	if (secrets.length > 0) {
		node.parameters = { ...parameters, ...Object.fromEntries(secrets.map((name) => [name, HIDDEN])) };
	}
	const values = new Map<string, unknown>();
	const expressionFree = new Map<string, boolean>();

	const cachedRead = function (
		this: unknown,
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: unknown,
	): unknown {
		const read = () =>
			(readParameter as (...args: unknown[]) => unknown).call(context, name, itemIndex, fallbackValue, options);
		let free = expressionFree.get(name);
		if (free === undefined) {
			free = !holdsExpression(valueAt(parameters, name));
			expressionFree.set(name, free);
		}
		if (!free) return read();
		const fallbackText = jsonText(fallbackValue);
		const optionsText = jsonText(options);
		if (fallbackText === undefined || optionsText === undefined) return read();
		const key = `${name}\u0000${fallbackText}\u0000${optionsText}`;
		if (!values.has(key)) values.set(key, read());
		return copyOf(values.get(key));
	} as IExecuteFunctions['getNodeParameter'];

	context.getNodeParameter = cachedRead;
	context.getNode = (() => node) as () => INode;
	return () => {
		context.getNodeParameter = readParameter;
		context.getNode = readNode;
	};
}

/** Stands for a secret parameter's value in the node copy that errors carry. */
export const HIDDEN = '(hidden)';

/** `a.b.c` in the node's raw parameters, as n8n's own lookup reads dotted names. */
function valueAt(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** An n8n expression is a string starting with "=", anywhere inside the value. */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** A fallback or options argument as cache-key text; undefined when it is not JSON (then not cached). */
function jsonText(value: unknown): string | undefined {
	if (value === undefined) return '-';
	try {
		return JSON.stringify(value);
	} catch {
		return undefined;
	}
}

/** Each item gets its own copy, as n8n gives one: an operation may change what it read. */
function copyOf(value: unknown): NodeParameterValueType | object {
	if (Array.isArray(value)) return value.map(copyOf);
	if (value !== null && typeof value === 'object') {
		if (Object.getPrototypeOf(value) !== Object.prototype) return value;
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = copyOf(entry);
		return copy;
	}
	return value as NodeParameterValueType;
}

/**
 * Bad input, generated for every parameter of every operation of every action node in the
 * registry (test/helpers/registry.ts), from the nodes' own descriptions: a node or operation added
 * to the registry is covered without touching this file.
 *
 * For each operation, every visible parameter of type string, number, json, resourceLocator or
 * options (and the same types inside collections) is fed every hostile value, one item per value,
 * between two items with valid values, in ONE run with Continue On Fail, through n8n-core's engine,
 * with nock answering every request and real network switched off. Each hostile item must either
 *   - fail with an error whose message names the parameter by its editor label, with nothing sent
 *     for it (the run's request count is checked against the count for the valid items alone), or
 *   - be in ALLOWED below, which documents the value that is sent instead.
 * The valid items must still run (no validation error) and every output stays paired with its item.
 * A summary table is printed; any wrong send fails the suite.
 */
import { generateKeyPairSync } from 'crypto';

import nock from 'nock';
import {
	NodeConnectionTypes,
	NodeHelpers,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { runWorkflow } from '../helpers/engine';
import { credentialTypes, nodeTypes } from '../helpers/registry';
import { sessionFor } from '../../nodes/CryptoCoin/transport/auth';
import { rsaCredentials as coinViewCredentials } from '../coinview/fixtures';
import { credentials as quoineCredentials, noPacing } from '../quoine/fixtures';
import { credentials as walletCredentials } from '../wallet-service/fixtures';

// ------------------------------------------------------------------------------------------------
// Test credentials: one table per credential type. A credential type not in the table gets values
// built from its own properties (text → "test-<name>", URLs → a nock host, options → default).

const CRYPTOCOIN_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const CRYPTOCOIN_PLATFORM: ICredentialDataDecryptedObject = {
	environment: 'custom',
	baseUrl: 'http://cryptocoin.test/api',
	authType: 'platform',
	platform: 'plat-hostile',
	privateKey: CRYPTOCOIN_KEY,
	algorithm: 'RS512',
	actFor: 'ana@example.com',
	sessionToken: '',
	sessionUserId: '',
	sessionUntil: '',
	sessionFor: '',
};

const CREDENTIALS: Record<string, ICredentialDataDecryptedObject> = {
	coinViewApi: coinViewCredentials,
	// Logged in already, so a run sends only the operation's own requests.
	cryptoCoinApi: {
		...CRYPTOCOIN_PLATFORM,
		sessionToken: '11|HostileTokenHostileTokenHostileToken000',
		sessionUserId: 'ana-uuid',
		sessionUntil: new Date(Date.now() + 3_600_000).toISOString(),
		sessionFor: sessionFor(CRYPTOCOIN_PLATFORM),
	},
	...walletCredentials,
	...quoineCredentials,
	zerocapApi: {
		apiKey: 'zc-key-hostile',
		apiSecret: 'zc-secret-hostile',
		environment: 'custom',
		restBaseUrl: 'http://zerocap.test/v2',
		webSocketUrl: 'ws://zerocap.test/v2',
		signatureScheme: 'apiKey',
	},
};

function credentialsFor(type: ICredentialType): ICredentialDataDecryptedObject {
	if (CREDENTIALS[type.name]) return CREDENTIALS[type.name];
	const values: ICredentialDataDecryptedObject = {};
	for (const property of type.properties) {
		if (property.type === 'string') {
			values[property.name] = /url/i.test(property.name) ? `http://${type.name.toLowerCase()}.test` : `test-${property.name}`;
		} else if (property.type === 'hidden') {
			values[property.name] = '';
		} else {
			values[property.name] = property.default as string;
		}
	}
	return values;
}

function nodeCredentials(description: INodeTypeDescription): Record<string, ICredentialDataDecryptedObject> {
	const result: Record<string, ICredentialDataDecryptedObject> = {};
	for (const credential of description.credentials ?? []) {
		const type = credentialTypes[credential.name];
		if (!type) throw new Error(`No credential type ${credential.name} in test/helpers/registry.ts`);
		result[credential.name] = credentialsFor(type);
	}
	return result;
}

// ------------------------------------------------------------------------------------------------
// Valid values where a field's placeholder is not one, and parameters every run of a node gets.

const NODE_PARAMETERS: Record<string, IDataObject> = { quoine: noPacing };

/** `node.param` or `node.resource.operation.param` → a valid value (else the placeholder, else '1'). */
const VALID: Record<string, unknown> = {
	'quoine.tradingAccount.updateLeverage.leverageLevel': 2,
	'quoine.order.createMargin.leverageLevel': 2,
	'quoine.loanBid.create.rate': '0.0002',
	'quoine.loan.update.fundReloaned': 'true',
	'quoine.execution.getSinceTime.timestamp': '1529020800',
	'quoine.order.update.updateFields': { quantity: '0.01' },
	'quoine.order.createMargin.price': '500',
	'walletService.entry.create.amount': 5,
	'walletService.inventory.useItem.entryId': '5f0000000000000000000abc',
};

// ------------------------------------------------------------------------------------------------
// Hostile values. Special numbers are made by the expression itself (item JSON cannot carry them).

interface Hostile {
	name: string;
	/** The value, or a special marker resolved in the expression. */
	value: unknown;
}

const SPECIAL: Record<string, string> = { NaN: 'NaN', Infinity: 'Infinity', '-Infinity': '-Infinity', '-0': '-0' };

const HOSTILE: Hostile[] = [
	{ name: 'empty', value: '' },
	{ name: 'whitespace', value: '   ' },
	{ name: '100k characters', value: 'x'.repeat(100_000) },
	{ name: '100k digits', value: '9'.repeat(100_000) },
	{ name: '1000 digits', value: '1'.repeat(1000) },
	{ name: 'sharp s', value: 'ß' },
	{ name: 'long s', value: 'ſ' },
	{ name: 'ligature ff', value: 'ﬀ' },
	{ name: 'long s pair', value: 'uſdt/aud' },
	{ name: 'fullwidth 1', value: '１' },
	{ name: 'arabic-indic 3', value: '٣' },
	{ name: 'hex', value: '0x10' },
	{ name: 'binary', value: '0b101' },
	{ name: 'octal', value: '0o7' },
	{ name: 'exponent overflow', value: '1e400' },
	{ name: 'exponent', value: '1e3' },
	{ name: 'leading plus', value: '+1' },
	{ name: 'leading dot', value: '.5' },
	{ name: 'too many decimals', value: `0.${'1'.repeat(30)}` },
	{ name: 'negative text', value: '-1' },
	{ name: 'zero text', value: '0' },
	{ name: 'NaN text', value: 'NaN' },
	{ name: 'Infinity text', value: 'Infinity' },
	{ name: 'NaN', value: SPECIAL.NaN },
	{ name: 'Infinity', value: SPECIAL.Infinity },
	{ name: '-0', value: SPECIAL['-0'] },
	{ name: 'negative number', value: -1 },
	{ name: 'fraction number', value: 1.5 },
	{ name: 'out-of-range number', value: 2 ** 60 },
	{ name: 'letters in an ID', value: '12x' },
	{ name: 'malformed JSON', value: '{"a":' },
	{ name: 'object', value: { a: 1 } },
	{ name: 'array', value: [1, 2] },
	{ name: 'null', value: null },
];

function itemFor(hostile: Hostile): IDataObject {
	if (typeof hostile.value === 'string' && Object.values(SPECIAL).includes(hostile.value) && hostile.name === hostile.value) {
		return { special: hostile.value };
	}
	return { v: hostile.value as IDataObject[string] };
}

/** Resolves `$json.v`, or builds NaN / Infinity / -0, which item JSON cannot hold. */
const EXPRESSION =
	'={{ $json.special === "NaN" ? NaN : $json.special === "Infinity" ? Infinity : $json.special === "-Infinity" ? -Infinity : $json.special === "-0" ? -0 : $json.v }}';

// ------------------------------------------------------------------------------------------------
// What is accepted on purpose. Key: `node.param` (collection children as `parent.child`), `*`
// matches any node. Each entry lists the hostile values accepted and what is sent for them.

interface Allowed {
	values: string[];
	sends: string;
}

/** Hostile-looking values that are plain ASCII text: fine for a text ID, sent as typed. */
const ASCII_ID_TEXT = ['hex', 'binary', 'octal', 'exponent overflow', 'exponent', 'leading dot', 'too many decimals', 'negative text', 'zero text', 'NaN text', 'Infinity text', 'letters in an ID', '1000 digits'];
/** The same, plus what a free-text field (a reason, a user name) accepts: any text up to its bound. */
const FREE_TEXT = [...ASCII_ID_TEXT, 'sharp s', 'long s', 'ligature ff', 'long s pair', 'fullwidth 1', 'arabic-indic 3', 'leading plus', 'malformed JSON'];
/** Numbers from an expression that a text field takes as their exact decimal text. */
const NUMBERS_AS_TEXT = ['negative number', 'fraction number'];

/** Values a field that is not required accepts as "not given": the field is left out of the request. */
const NOT_GIVEN = ['empty', 'whitespace', 'null'];

const ALLOWED: Record<string, Allowed> = {
	// Free text: any text up to the field's bound is sent as typed (trimmed); it is not a number.
	'walletService.userId': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'the text as typed (numbers as their exact decimal text)' },
	'walletService.reason': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'the text as typed (numbers as their exact decimal text)' },
	'walletService.additionalFields.itemName': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'the text as typed' },
	// A whole number; negative withdraws; 0 is an entry the service records.
	'walletService.amount': { values: ['negative text', 'zero text', 'negative number'], sends: '-1 / 0 as JSON numbers' },
	// Filters of IDs the service compares as text (a list from an expression is joined with commas).
	'walletService.filters.userIds': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT, 'array'], sends: 'the comma-separated list as text' },
	'walletService.filters.authorityIds': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT, 'array'], sends: 'the comma-separated list as text' },
	// Zerocap IDs are text the API compares as given (INFERRED format: ASCII letters, digits, - _ . :).
	'zerocap.orderId': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'the ID as typed, URL-encoded' },
	'zerocap.filters.ids': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT, 'array'], sends: 'the IDs as a JSON list of texts' },
	'zerocap.additionalFields.clientOrderId': { values: ASCII_ID_TEXT, sends: 'client_order_id as typed' },
	'zerocap.additionalFields.customerId': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'customer_id (body and header) as typed' },
	// Pacing: 0 turns pacing off / fails at once instead of waiting, as the fields say.
	'quoine.requestOptions.maxRateLimitWait': { values: ['zero text'], sends: 'no request change; a 429 or full budget fails at once' },
	'quoine.requestOptions.requestsPerWindow': { values: ['zero text'], sends: 'no request change; pacing off' },
	// Concurrency applies to Quoine's public reads only (where a bad value refuses the node, which
	// is checked first); signed calls run one at a time and never read it.
	'*.requestOptions.concurrency': { values: HOSTILE.map((hostile) => hostile.name), sends: 'nothing: not read by operations that run one request at a time' },
	// Currency codes: ASCII letters and digits, 2 to 12 (crypto codes such as 1INCH start with a
	// digit), sent upper-cased; the exchange answers an unknown code with its own error.
	'*.currency': { values: ['hex', 'binary', 'octal', 'exponent overflow', 'exponent', 'NaN text', 'Infinity text', 'letters in an ID'], sends: 'the code upper-cased, e.g. 0X10, NAN' },
	'*.fundingCurrency': { values: ['hex', 'binary', 'octal', 'exponent overflow', 'exponent', 'NaN text', 'Infinity text', 'letters in an ID'], sends: 'the code upper-cased' },
	'*.additionalFields.fundingCurrency': { values: ['hex', 'binary', 'octal', 'exponent overflow', 'exponent', 'NaN text', 'Infinity text', 'letters in an ID'], sends: 'the code upper-cased' },
	'*.filters.fundingCurrency': { values: ['hex', 'binary', 'octal', 'exponent overflow', 'exponent', 'NaN text', 'Infinity text', 'letters in an ID'], sends: 'the code upper-cased' },
	// CoinView transfer memo: free text (the API bounds it; the node refuses more than its bound).
	'coinView.memo': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'memo as typed' },
	'coinView.filters.after': { values: ['zero text'], sends: 'offset 1970-01-01T00:00:00Z' },
	'coinView.filters.before': { values: ['zero text'], sends: '1970-01-01T00:00:00Z' },
	// CryptoCoin: user and record IDs are opaque text (e-mail or UUID for the user); names and
	// addresses are free text.
	'cryptoCoin.actForUser': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'the e-mail or user ID as typed' },
	'cryptoCoin.userId': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'the user ID as typed' },
	'cryptoCoin.recordId': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'the record ID as typed' },
	'cryptoCoin.orderId': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'the order ID as typed' },
	'cryptoCoin.zip': { values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed' },
	'cryptoCoin.city': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed' },
	'cryptoCoin.street': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed' },
	'cryptoCoin.firstName': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed' },
	'cryptoCoin.lastName': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed' },
	'cryptoCoin.password': { values: [...FREE_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed (never in output)' },
	// Opaque ASCII codes and IDs the API checks itself: verification codes, quote and platform IDs,
	// wallet addresses, network and currency codes.
	...Object.fromEntries(
		['code', 'quoteId', 'platformId', 'address', 'network', 'symbol', 'secondSymbol'].map((name) => [
			`cryptoCoin.${name}`,
			{ values: [...ASCII_ID_TEXT, ...NUMBERS_AS_TEXT], sends: 'as typed (codes upper-cased)' },
		]),
	),
	// Times: "0" is Unix second 0 (1970-01-01T00:00:00Z), a valid time; as From it filters nothing out.
	'*.filters.startTime': { values: ['zero text'], sends: 'start_time 0' },
	'*.filters.endTime': { values: ['zero text'], sends: 'no end time (0 means none)' },
	'quoine.timestamp': { values: ['zero text'], sends: 'timestamp=0' },
	// Decimals: a JS number that converts exactly is sent as its decimal text.
	'*.quantity': { values: ['fraction number'], sends: '"1.5"' },
	'*.price': { values: ['fraction number'], sends: '"1.5"' },
	'*.priceRange': { values: ['fraction number'], sends: '"1.5"' },
	'*.amount': { values: ['fraction number'], sends: '"1.5"' },
	'*.closedQuantity': { values: ['fraction number'], sends: '"1.5"' },
	'*.updateFields.quantity': { values: ['fraction number'], sends: '"1.5"' },
	'*.updateFields.price': { values: ['fraction number'], sends: '"1.5"' },
	// Stop loss / take profit: 0 removes it (allowZero).
	'quoine.stopLoss': { values: ['zero text', 'fraction number'], sends: '"0" removes the stop loss; 1.5 → "1.5"' },
	'quoine.takeProfit': { values: ['zero text', 'fraction number'], sends: '"0" removes the take profit; 1.5 → "1.5"' },
	'quoine.rate': { values: [], sends: '' },
};

function allowedFor(node: string, param: string, required: boolean, hostile: string, type?: string): Allowed | undefined {
	if (!required && NOT_GIVEN.includes(hostile)) return { values: NOT_GIVEN, sends: 'nothing for the field (left out)' };
	if (type === 'json' && hostile === 'object') return { values: ['object'], sends: 'the object as JSON' };
	for (const key of [`${node}.${param}`, `*.${param}`]) {
		const entry = ALLOWED[key];
		if (entry?.values.includes(hostile)) return entry;
	}
	return undefined;
}

// ------------------------------------------------------------------------------------------------
// Walking the descriptions

const FUZZED_TYPES = new Set(['string', 'number', 'json', 'resourceLocator', 'options', 'dateTime']);
const NODE_VERSION = { typeVersion: 1 };

interface Target {
	/** Path of the parameter: `name` or `collection.child`. */
	path: string;
	label: string;
	property: INodeProperties;
	parent?: INodeProperties;
	required: boolean;
}

interface Case {
	node: string;
	resource?: string;
	operation?: string;
	base: IDataObject;
	/** Every parameter with its default, for valid values of optional fields. */
	defaults: IDataObject;
	targets: Target[];
}

function optionValues(property: INodeProperties | undefined): string[] {
	return (property?.options ?? []).map((option) => String((option as { value: unknown }).value));
}

function withDefaults(description: INodeTypeDescription, values: IDataObject): IDataObject {
	return (NodeHelpers.getNodeParameters(description.properties, values as never, true, false, NODE_VERSION, description) ??
		{}) as IDataObject;
}

function isShown(description: INodeTypeDescription, property: INodeProperties, values: IDataObject): boolean {
	return NodeHelpers.displayParameter(values as never, property, NODE_VERSION, description);
}

function validValue(node: string, resource: string | undefined, operation: string | undefined, property: INodeProperties): unknown {
	const specific = VALID[`${node}.${resource}.${operation}.${property.name}`] ?? VALID[`${node}.${property.name}`];
	if (specific !== undefined) return specific;
	if (property.type === 'number') return property.default === 0 || property.default === undefined ? 1 : property.default;
	if (property.type === 'resourceLocator') {
		// The ID mode's placeholder is an example ID ("43d61dcd-…" for a UUID, "1" for a number).
		const idMode = property.modes?.find((mode) => mode.name === 'id');
		const example = idMode?.placeholder && !/…|\s/.test(idMode.placeholder) ? idMode.placeholder : '1';
		return { __rl: true, mode: 'id', value: example };
	}
	if (property.type === 'options') return property.default;
	if (property.type === 'json') return '{"name": "test"}';
	// A binary property name: the file every test item carries.
	if (/binary/i.test(property.name)) return 'data';
	if (property.placeholder && !/…/.test(property.placeholder)) return property.placeholder;
	return '1';
}

function casesFor(nodeName: string, description: INodeTypeDescription): Case[] {
	const resourceProperty = description.properties.find((property) => property.name === 'resource');
	const resources = resourceProperty ? optionValues(resourceProperty) : [undefined];
	const cases: Case[] = [];
	for (const resource of resources) {
		const start = withDefaults(description, resource === undefined ? {} : { resource });
		const operationProperty = description.properties.find(
			(property) => property.name === 'operation' && isShown(description, property, start),
		);
		const operations = operationProperty ? optionValues(operationProperty) : [undefined];
		for (const operation of operations) {
			const chosen: IDataObject = { ...NODE_PARAMETERS[nodeName] };
			if (resource !== undefined) chosen.resource = resource;
			if (operation !== undefined) chosen.operation = operation;
			let values = withDefaults(description, chosen);
			const targets: Target[] = [];
			for (const property of description.properties) {
				if (property.name === 'resource' || property.name === 'operation') continue;
				if (!isShown(description, property, values)) continue;
				if (FUZZED_TYPES.has(property.type)) {
					const required = property.required === true;
					const preset = VALID[`${nodeName}.${resource}.${operation}.${property.name}`] !== undefined;
					if (required || preset || ['resourceLocator', 'options', 'json'].includes(property.type)) {
						chosen[property.name] = validValue(nodeName, resource, operation, property) as IDataObject[string];
					}
					targets.push({ path: property.name, label: property.displayName, property, required });
				} else if (property.type === 'collection') {
					const preset = VALID[`${nodeName}.${resource}.${operation}.${property.name}`];
					if (preset !== undefined) chosen[property.name] = preset as IDataObject;
					for (const child of (property.options ?? []) as INodeProperties[]) {
						if (!FUZZED_TYPES.has(child.type)) continue;
						targets.push({ path: `${property.name}.${child.name}`, label: child.displayName, property: child, parent: property, required: false });
					}
				}
			}
			values = withDefaults(description, chosen);
			cases.push({ node: nodeName, resource, operation, base: { ...chosen }, defaults: values, targets });
		}
	}
	return cases;
}

function withTarget(base: IDataObject, target: Target, value: unknown): IDataObject {
	const parameters: IDataObject = { ...base };
	const wrapped = target.property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
	if (target.parent) {
		parameters[target.parent.name] = { ...((base[target.parent.name] as IDataObject) ?? {}), [target.property.name]: wrapped as IDataObject[string] };
	} else {
		parameters[target.path] = wrapped as IDataObject[string];
	}
	return parameters;
}

// ------------------------------------------------------------------------------------------------
// Running with every request answered and counted

const requests: string[] = [];

function answerEverything(): void {
	const scope = nock(/.*/).persist();
	for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
		scope[method](/.*/).reply(function (uri, body) {
			requests.push(`${this.req.method} ${this.req.headers.host ?? ''}${uri} ${typeof body === 'string' ? body : JSON.stringify(body ?? '')}`);
			return [200, {}];
		});
	}
}

let runs = 0;

const FILE = { data: Buffer.from('%PDF-1.4 hostile test file').toString('base64'), mimeType: 'application/pdf', fileName: 'test.pdf' };

type RunOutcome = Awaited<ReturnType<typeof runWorkflow>> & { json: IDataObject[] };

async function runCase(testCase: Case, parameters: IDataObject, input: IDataObject[]) {
	const type = nodeTypes[testCase.node];
	const before = requests.length;
	// A new execution each time, so no earlier run's remembered outcome stands in for a request.
	try {
		const result = await runWorkflow({
			nodes: [{ name: 'Node', type: testCase.node, parameters, continueOnFail: true }],
			credentials: nodeCredentials(type.description),
			// Every item carries a small file, for operations that upload one.
			inputItems: input.map((json) => ({ json, binary: { data: { ...FILE } } })),
			executionId: `hostile-${++runs}`,
		});
		return { result: { ...result, json: result.output('Node') }, sent: requests.slice(before) };
	} catch (error) {
		// n8n itself refused to start the workflow (parameter issues): nothing can have been sent.
		const failed = { error: error as Error, json: [] as IDataObject[], items: () => [] };
		return { result: failed as unknown as RunOutcome, sent: requests.slice(before) };
	}
}

/** The hostile value as a fixed expression on a one-item run: refused naming the field, nothing sent? */
async function refusedForTheNode(testCase: Case, target: Target, hostile: Hostile): Promise<boolean> {
	const special = itemFor(hostile).special as string | undefined;
	const expression = `={{ ${special ?? JSON.stringify(hostile.value)} }}`;
	const { result, sent } = await runCase({ ...testCase }, withTarget(testCase.base, target, expression), [{}]);
	const message = result.error?.message ?? (result.json[0]?.error as string | undefined) ?? '';
	if (target.property.type === 'options' && sent.length === 0 && result.error?.name === 'WorkflowHasIssuesError') return true;
	return message.includes(target.label) && sent.length === 0;
}

interface Row {
	node: string;
	operation: string;
	param: string;
	tried: number;
	refused: number;
	accepted: number;
	wrongSends: number;
	unnamed: number;
}

const rows: Row[] = [];
const failures: string[] = [];
const acceptedLog: string[] = [];
const oddities = new Set<string>();

/**
 * Feeds every hostile value to one parameter (one item each, between two valid items, Continue On
 * Fail) and classifies each: refused naming the field, accepted on purpose, or wrong.
 */
async function checkTarget(nodeName: string, testCase: Case, target: Target, perItem: number, fixed: number): Promise<Row> {
		const items = [{}, ...HOSTILE.map(itemFor), {}];
		const parameters = withTarget(testCase.base, target, EXPRESSION);
		// The valid items give the parameter its valid value through the same expression.
		const valid = target.parent
			? ((testCase.base[target.parent.name] as IDataObject | undefined)?.[target.property.name] ?? target.property.default)
			: (testCase.base[target.path] ?? testCase.defaults[target.path]);
		const validValueForItem = target.property.type === 'resourceLocator' ? (valid as IDataObject)?.value : valid;
		items[0] = { v: validValueForItem as IDataObject[string] };
		items[items.length - 1] = { v: validValueForItem as IDataObject[string] };
		const { result, sent } = await runCase(testCase, parameters, items);
		const out = result.items('Node');
		if ((result.error as Error | undefined)?.name === 'WorkflowHasIssuesError') {
			// n8n refuses an expression in this options field for this node before running it;
			// each value is then tried alone as well (refusedForTheNode).
			expect(sent).toEqual([]);
		}
		const row: Row = { node: nodeName, operation: `${testCase.resource}.${testCase.operation}`, param: target.path, tried: HOSTILE.length, refused: 0, accepted: 0, wrongSends: 0, unnamed: 0 };
		const where = `${nodeName} ${testCase.resource}.${testCase.operation} ${target.path}`;

		if ((result.error as Error | undefined)?.name !== 'WorkflowHasIssuesError') expect(result.error).toBeUndefined();
		// Paired: every output names its input item, in item order; a list operation may give
		// several (or, for an empty answer, no) items per input.
		const paired = out.map((item) => (item.pairedItem as { item: number } | undefined)?.item ?? -1);
		expect(paired.every((item, index) => item >= 0 && item < items.length && (index === 0 || item >= paired[index - 1]))).toBe(true);
		const byItem = (item: number) => out.filter((_, index) => paired[index] === item).map((entry) => entry.json ?? {});

		let acceptedItems = 0;
		let nodeLevel = false;
		for (const [index, hostile] of HOSTILE.entries()) {
			const outputs = byItem(index + 1);
			if (out.some((entry, at) => paired[at] === index + 1 && !entry.json)) oddities.add(`${where}: an accepted item's output has no json (answer {})`);
			const json = outputs.find((entry) => typeof entry.error === 'string') ?? outputs[0] ?? {};
			const error = typeof json.error === 'string' ? json.error : undefined;
			if (error !== undefined && error.includes(target.label)) {
				row.refused++;
				continue;
			}
			const nothingSent = /Nothing was sent/i.test(String(json.errorDescription ?? ''));
			const allowed = allowedFor(nodeName, target.path, target.required, hostile.name, target.property.type);
			const notGiven = !target.required && NOT_GIVEN.includes(hostile.name);
			if (!notGiven && (await refusedForTheNode(testCase, target, hostile))) {
				// A parameter read once per run (e.g. Concurrency) refuses the whole node.
				row.refused++;
				nodeLevel = true;
				continue;
			}
			if (!nothingSent) acceptedItems++;
			if (allowed) {
				row.accepted++;
				acceptedLog.push(`${where} ← ${hostile.name}: ${allowed.sends}`);
			} else if (error !== undefined && nothingSent) {
				row.unnamed++;
				failures.push(`${where} ← ${hostile.name}: refused without naming "${target.label}": ${error}`);
			} else {
				row.wrongSends++;
				failures.push(`${where} ← ${hostile.name}: accepted (${error ?? 'success'})`);
			}
		}
		// Every request is accounted for: the valid items' plus the accepted ones'.
		const expected = fixed + perItem * (2 + acceptedItems);
		if (!nodeLevel && sent.length > expected) {
			row.wrongSends += sent.length - expected;
			failures.push(`${where}: ${sent.length - expected} request(s) sent for refused items`);
		}
		for (const index of [0, items.length - 1]) {
			const error = byItem(index)[0]?.error;
			if (typeof error === 'string' && error.startsWith(`${target.label}:`)) failures.push(`${where}: the valid value was refused: ${error}`);
		}
	return row;
}

const actionNodes = Object.entries(nodeTypes).filter(([, type]) => typeof type.execute === 'function');

beforeAll(() => {
	nock.disableNetConnect();
	answerEverything();
});

afterAll(() => {
	// The lax probe's findings prove the suite can fail; they are not the package's.
	for (const list of [failures, acceptedLog]) list.splice(0, list.length, ...list.filter((line) => !line.startsWith(PROBE)));
	nock.cleanAll();
	nock.enableNetConnect();
	const totals = rows.reduce(
		(sum, row) => ({
			tried: sum.tried + row.tried,
			refused: sum.refused + row.refused,
			accepted: sum.accepted + row.accepted,
			wrongSends: sum.wrongSends + row.wrongSends,
			unnamed: sum.unnamed + row.unnamed,
		}),
		{ tried: 0, refused: 0, accepted: 0, wrongSends: 0, unnamed: 0 },
	);
	const byNode = new Map<string, Row>();
	for (const row of rows) {
		const entry = byNode.get(row.node) ?? { ...row, operation: '', param: '', tried: 0, refused: 0, accepted: 0, wrongSends: 0, unnamed: 0 };
		entry.tried += row.tried;
		entry.refused += row.refused;
		entry.accepted += row.accepted;
		entry.wrongSends += row.wrongSends;
		entry.unnamed += row.unnamed;
		byNode.set(row.node, entry);
	}
	const line = (name: string, row: { tried: number; refused: number; accepted: number; wrongSends: number; unnamed: number }) =>
		`${name.padEnd(16)} ${String(row.tried).padStart(7)} ${String(row.refused + row.accepted - row.wrongSends - row.unnamed).padStart(7)} ${String(row.refused).padStart(8)} ${String(row.accepted).padStart(9)} ${String(row.wrongSends).padStart(14)} ${String(row.unnamed).padStart(8)}`;
	const table = [
		'Bad input suite',
		`${'node'.padEnd(16)} ${'cases'.padStart(7)} ${'passed'.padStart(7)} ${'refused'.padStart(8)} ${'accepted'.padStart(9)} ${'wrongly sent'.padStart(14)} ${'unnamed'.padStart(8)}`,
		...[...byNode.entries()].map(([name, row]) => line(name, row)),
		line('total', totals),
	];
	// What is accepted, per field: the documented allow-list as it was exercised.
	const acceptedByField = new Map<string, Set<string>>();
	for (const line of acceptedLog) {
		const [where, rest] = line.split(' ← ');
		const [node, , param] = where.split(' ');
		const key = `${node}.${param} → ${rest.slice(rest.indexOf(': ') + 2)}`;
		const values = acceptedByField.get(key) ?? new Set<string>();
		values.add(rest.slice(0, rest.indexOf(': ')));
		acceptedByField.set(key, values);
	}
	const accepted = [...acceptedByField.entries()].map(([key, values]) => `${key}: ${[...values].join(', ')}`);
	// eslint-disable-next-line no-console
	console.log(
		table.join('\n') +
			(failures.length ? `\n\nProblems:\n${failures.slice(0, 80).join('\n')}` : '') +
			`\n\nAccepted on purpose (field → what is sent: values):\n${accepted.join('\n')}` +
			(oddities.size ? `\n\nNot input problems, noticed on the way:\n${[...oddities].slice(0, 20).join('\n')}` : ''),
	);
});

describe.each(actionNodes.map(([name, type]) => [name, type.description] as const))('%s', (nodeName, description) => {
	const cases = casesFor(nodeName, description);

	it('has operations to try', () => {
		expect(cases.length).toBeGreaterThan(0);
	});

	describe.each(cases.map((testCase) => [`${testCase.resource ?? '-'} → ${testCase.operation ?? '-'}`, testCase] as const))(
		'%s',
		(_title, testCase) => {
			let perItem = 0;
			let fixed = 0;

			beforeAll(async () => {
				const one = await runCase(testCase, testCase.base, [{}]);
				const two = await runCase(testCase, testCase.base, [{}, {}]);
				perItem = two.sent.length - one.sent.length;
				fixed = one.sent.length - perItem;
			});

			it('the valid values are valid (they send a request)', async () => {
				const { result, sent } = await runCase(testCase, testCase.base, [{}]);
				const error = result.json[0]?.error as string | undefined;
				if (sent.length === 0) failures.push(`${nodeName} ${testCase.resource}.${testCase.operation}: valid values sent nothing (${error})`);
				expect({ sent: sent.length > 0, error: sent.length > 0 ? undefined : error }).toEqual({ sent: true, error: undefined });
			});

			it.each(testCase.targets.map((target) => [target.path, target] as const))('%s', async (_path, target) => {
				const row = await checkTarget(nodeName, testCase, target, perItem, fixed);
				rows.push(row);
				expect(row.wrongSends).toBe(0);
				expect(row.unnamed).toBe(0);
			}, 120_000);
		},
	);
});

// ------------------------------------------------------------------------------------------------
// The suite can fail: a deliberately lax node (Number() on the amount, no bound on the note) must
// be caught sending hostile values.

const PROBE = 'laxProbe';

class LaxProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lax Probe',
		name: PROBE,
		group: ['transform'],
		version: 1,
		description: 'Sends what it is given, read with Number()',
		defaults: { name: 'Lax Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Amount', name: 'amount', type: 'string', required: true, default: '', placeholder: '5' },
			{ displayName: 'Note', name: 'note', type: 'string', required: true, default: '', placeholder: 'hi' },
		],
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (let item = 0; item < this.getInputData().length; item++) {
			try {
				const amount = Number(this.getNodeParameter('amount', item));
				if (!Number.isFinite(amount)) throw new NodeOperationError(this.getNode(), 'Amount: must be a number', { itemIndex: item });
				const note = String(this.getNodeParameter('note', item) ?? '');
				if (note.trim() === '') throw new NodeOperationError(this.getNode(), 'is required', { itemIndex: item });
				await this.helpers.httpRequest({ method: 'POST', url: 'http://probe.test/send', body: { amount, note }, json: true });
				out.push({ json: { ok: true }, pairedItem: { item } });
			} catch (error) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item } });
			}
		}
		return [out];
	}
}

describe('the suite itself', () => {
	beforeAll(() => {
		nodeTypes[PROBE] = new LaxProbe();
	});
	afterAll(() => {
		delete nodeTypes[PROBE];
	});

	it('catches a node that reads amounts with Number() and sends unbounded text', async () => {
		const [testCase] = casesFor(PROBE, nodeTypes[PROBE].description);
		expect(testCase.targets.map((target) => target.path)).toEqual(['amount', 'note']);
		const amount = await checkTarget(PROBE, testCase, testCase.targets[0], 1, 0);
		const note = await checkTarget(PROBE, testCase, testCase.targets[1], 1, 0);
		expect(amount.wrongSends).toBeGreaterThanOrEqual(10);
		expect(failures).toContain(`${PROBE} undefined.undefined amount ← hex: accepted (success)`);
		// Unbounded text is sent, and a refusal that does not name the field is not a refusal.
		expect(failures).toContain(`${PROBE} undefined.undefined note ← 100k characters: accepted (success)`);
		expect(failures).toContain(`${PROBE} undefined.undefined note ← empty: accepted (is required)`);
		expect(note.wrongSends).toBeGreaterThan(2);
	});
});

// ------------------------------------------------------------------------------------------------
// The same rule in every node: one meaning for "1700000000", one answer for ".5".

describe('one rule across nodes', () => {
	async function firstRequest(node: string, parameters: IDataObject): Promise<{ sent: string[]; error?: string }> {
		const testCase: Case = { node, base: {}, defaults: {}, targets: [] };
		const { result, sent } = await runCase(testCase, { ...NODE_PARAMETERS[node], ...parameters }, [{}]);
		return { sent, error: result.json[0]?.error as string | undefined };
	}

	it('"1700000000" is Unix seconds in Quoine Since and in Zerocap From', async () => {
		const quoine = await firstRequest('quoine', {
			resource: 'execution',
			operation: 'getSinceTime',
			productId: { __rl: true, mode: 'id', value: '1' },
			timestamp: '1700000000',
			limit: 20,
		});
		expect(quoine.sent[0]).toContain('timestamp=1700000000&');
		const zerocap = await firstRequest('zerocap', {
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { startTime: '1700000000' },
		});
		expect(zerocap.sent[0]).toContain('"start_datetime":1700000000000');
		// Milliseconds are refused in both, never guessed.
		const quoineMs = await firstRequest('quoine', {
			resource: 'execution',
			operation: 'getSinceTime',
			productId: { __rl: true, mode: 'id', value: '1' },
			timestamp: '1700000000000',
			limit: 20,
		});
		const zerocapMs = await firstRequest('zerocap', { resource: 'order', operation: 'getAll', returnAll: false, limit: 5, filters: { startTime: '1700000000000' } });
		expect([quoineMs.sent, zerocapMs.sent]).toEqual([[], []]);
		expect(quoineMs.error).toMatch(/^Since: is too large for Unix seconds/);
		expect(zerocapMs.error).toMatch(/^From: is too large for Unix seconds/);
	});

	it('".5" is refused with the same words by Quoine and Zerocap', async () => {
		const quoine = await firstRequest('quoine', {
			resource: 'order',
			operation: 'createLimit',
			productId: { __rl: true, mode: 'id', value: '1' },
			side: 'buy',
			quantity: '.5',
			price: '100',
		});
		const zerocap = await firstRequest('zerocap', { resource: 'order', operation: 'create', symbol: 'USDT/AUD', side: 'buy', orderType: 'limit', amount: '.5', price: '1.5' });
		expect([quoine.sent, zerocap.sent]).toEqual([[], []]);
		expect(quoine.error).toBe('Quantity: must have digits on both sides of the dot, such as 0.5');
		expect(zerocap.error).toBe('Amount: must have digits on both sides of the dot, such as 0.5');
	});
});

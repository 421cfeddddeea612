'use strict';
/**
 * Wallet Service simulator (spec: wallet-service.md). It keeps entries in memory, checks authority
 * tokens with `jose` (not the signing code of the node), and answers with the documented shapes,
 * status codes and error bodies, including the cases where the real server never answers.
 */
const { randomBytes } = require('node:crypto');
const { decodeJwt, importSPKI, jwtVerify } = require('jose');

const { Simulator } = require('../common/server');
const sandboxAuthority = require('./sandbox-authority.json');

/**
 * @typedef {{ name: string, used: boolean, data?: Record<string, unknown> }} Item
 * @typedef {{ entry_id: string, authority_id: string, user_id: string, created_on: number, amount: number, reason: string, item?: Item }} Entry
 */

class WalletServiceSimulator extends Simulator {
	/** @param {{ healthOk?: true | string, version?: string }} [options] */
	constructor(options = {}) {
		super('wallet-service');
		/** @type {Entry[]} */
		this.entries = [];
		/** @type {Map<string, { name: string, key: any }>} */
		this.authorities = new Map();
		/** @type {true | string} The value /health reports as "ok". */
		this.healthOk = options.healthOk ?? true;
		this.version = options.version ?? '1.1.0';
		this.onReset = () => {
			this.entries.length = 0;
			this.healthOk = options.healthOk ?? true;
			this.version = options.version ?? '1.1.0';
		};

		this.route('GET', '/api/v1/health', () => ({
			status: 200,
			body: { ok: this.healthOk, version: this.version },
		}));
		this.route('GET', '/api/v0/health', () => ({
			status: 200,
			body: { ok: 'server version 0.1.0 has be deprecated', version: '0.1.0' },
		}));
		this.route('GET', '/api/v1/wallet', (req) => this.authorized(req, () => this.getWallets(req)));
		this.route('POST', '/api/v1/entry', (req) =>
			this.authorized(req, (authorityId) => this.createEntry(req, authorityId)),
		);
		this.route('GET', '/api/v1/entry/inventory', (req) =>
			this.authorized(req, () => this.getInventory(req)),
		);
		this.route('POST', '/api/v1/entry/:entryId/inventory/use', (req) =>
			this.authorized(req, () => this.useItem(req)),
		);
	}

	/**
	 * Registers an authority by its public key, as create-authority does on the server.
	 * @param {string} authorityId @param {string} publicKeyPem @param {string} [name]
	 */
	async addAuthority(authorityId, publicKeyPem, name = 'authority') {
		this.authorities.set(authorityId, { name, key: await importSPKI(publicKeyPem, 'ES256') });
	}

	/** Registers the sandbox authority whose client configuration ships with the sandbox. */
	async addSandboxAuthority() {
		await this.addAuthority(
			sandboxAuthority.authority_id,
			sandboxAuthority.public_key,
			sandboxAuthority.name,
		);
	}

	/** The client configuration of the sandbox authority, pointing at this simulator. */
	sandboxClientConfig() {
		return JSON.stringify({ ...sandboxAuthority.client_config, api_base_url: this.url });
	}

	/**
	 * @param {import('../common/server').SimRequest} req
	 * @param {(authorityId: string) => any} next
	 */
	async authorized(req, next) {
		const header = req.headers.authorization;
		if (!header) return { status: 401, body: { error: 'authorization data required' } };
		try {
			// The real server decodes the whole header value: a "Bearer " prefix makes it fail.
			const sub = decodeJwt(header).sub;
			const authority = sub ? this.authorities.get(sub) : undefined;
			if (!authority) throw new Error('unknown authority');
			await jwtVerify(header, authority.key, { algorithms: ['ES256'] });
			return await next(/** @type {string} */ (sub));
		} catch {
			return { status: 403, body: { error: 'forbidden' } };
		}
	}

	/** @param {import('../common/server').SimRequest} req */
	getWallets(req) {
		const userIds = list(req.query.get('user_ids'));
		const authorityIds = list(req.query.get('authority_ids'));
		/** @type {Map<string, number>} */
		const totals = new Map();
		for (const entry of this.entries) {
			if (userIds.length && !userIds.includes(entry.user_id)) continue;
			if (authorityIds.length && !authorityIds.includes(entry.authority_id)) continue;
			totals.set(entry.user_id, (totals.get(entry.user_id) ?? 0) + entry.amount);
		}
		return {
			status: 200,
			body: { wallets: [...totals].map(([user_id, total]) => ({ user_id, total })) },
		};
	}

	/** @param {import('../common/server').SimRequest} req @param {string} authorityId */
	createEntry(req, authorityId) {
		const problem = validateEntry(req.body);
		if (problem) return { status: 400, body: { error: problem } };
		const body = req.body;

		if (body.amount < 0) {
			const userEntries = this.entries.filter((entry) => entry.user_id === body.user_id);
			// The real server reads `.total` of an empty aggregate and never answers (spec §12.3).
			if (userEntries.length === 0) return 'drop';
			const total = userEntries.reduce((sum, entry) => sum + entry.amount, 0);
			if (total < Math.abs(body.amount)) {
				return {
					status: 402,
					body: {
						error: `user ${body.user_id} does not have enough money to pay ${body.amount} as their wallet only has ${total} in value`,
					},
				};
			}
		}

		/** @type {Entry} */
		const entry = {
			entry_id: randomBytes(12).toString('hex'),
			authority_id: authorityId,
			user_id: body.user_id,
			created_on: Date.now() / 1000,
			amount: body.amount,
			reason: body.reason,
		};
		if (body.item) {
			entry.item = { name: body.item.name, used: false };
			if (body.item.data !== undefined && body.item.data !== null) entry.item.data = body.item.data;
		}
		this.entries.push(entry);
		return { status: 200, body: { entry } };
	}

	/** @param {import('../common/server').SimRequest} req */
	getInventory(req) {
		const entryIds = list(req.query.get('entry_ids'));
		// A malformed ObjectId is a CastError in an async handler: never answered (spec §12.4).
		if (entryIds.some((id) => !/^[0-9a-f]{24}$/i.test(id))) return 'drop';
		const userIds = list(req.query.get('user_ids'));
		const authorityIds = list(req.query.get('authority_ids'));
		const used = req.query.get('used');
		const inventory = this.entries
			.filter((entry) => entry.item)
			.filter((entry) => !entryIds.length || entryIds.includes(entry.entry_id))
			.filter((entry) => !userIds.length || userIds.includes(entry.user_id))
			.filter((entry) => !authorityIds.length || authorityIds.includes(entry.authority_id))
			.filter((entry) => used === null || used === '' || String(entry.item?.used) === used)
			.map(({ entry_id, authority_id, user_id, item }) => ({ entry_id, authority_id, user_id, item }));
		return { status: 200, body: { inventory } };
	}

	/** @param {import('../common/server').SimRequest} req */
	useItem(req) {
		const entry = this.entries.find((candidate) => candidate.entry_id === req.params.entryId);
		// Unknown ids and entries without an item throw inside the handler: no answer (spec §12.5).
		if (!entry || !entry.item) return 'drop';
		entry.item.used = true;
		return { status: 200, body: { entry } };
	}
}

/** @param {string | null} value */
function list(value) {
	return (value ?? '').split(',').filter((part) => part !== '');
}

/**
 * A Joi-like check of entryReqSchema; errors carry a details[] array like a serialized
 * ValidationError (INFERRED shape, spec §9).
 * @param {any} body
 */
function validateEntry(body) {
	/** @param {string} message @param {string[]} path @param {string} type */
	const fail = (message, path, type) => ({
		_original: body,
		details: [{ message, path, type, context: { label: path.join('.'), key: path[path.length - 1] } }],
	});
	if (typeof body !== 'object' || body === null) return fail('"value" must be of type object', [], 'object.base');
	for (const key of Object.keys(body)) {
		if (!['user_id', 'amount', 'reason', 'item'].includes(key)) return fail(`"${key}" is not allowed`, [key], 'object.unknown');
	}
	if (body.user_id === undefined || body.user_id === null) return fail('"user_id" is required', ['user_id'], 'any.required');
	if (typeof body.user_id !== 'string') return fail('"user_id" must be a string', ['user_id'], 'string.base');
	if (body.user_id === '') return fail('"user_id" is not allowed to be empty', ['user_id'], 'string.empty');
	if (body.amount === undefined || body.amount === null) return fail('"amount" is required', ['amount'], 'any.required');
	if (typeof body.amount !== 'number') return fail('"amount" must be a number', ['amount'], 'number.base');
	if (!Number.isInteger(body.amount)) return fail('"amount" must be an integer', ['amount'], 'number.integer');
	if (body.reason === undefined || body.reason === null) return fail('"reason" is required', ['reason'], 'any.required');
	if (typeof body.reason !== 'string') return fail('"reason" must be a string', ['reason'], 'string.base');
	if (body.reason === '') return fail('"reason" is not allowed to be empty', ['reason'], 'string.empty');
	if (body.item !== undefined && body.item !== null) {
		if (typeof body.item !== 'object' || Array.isArray(body.item)) return fail('"item" must be of type object', ['item'], 'object.base');
		for (const key of Object.keys(body.item)) {
			if (!['name', 'data'].includes(key)) return fail(`"item.${key}" is not allowed`, ['item', key], 'object.unknown');
		}
		if (typeof body.item.name !== 'string' || body.item.name === '') return fail('"item.name" is required', ['item', 'name'], 'any.required');
		const data = body.item.data;
		if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
			return fail('"item.data" must be of type object', ['item', 'data'], 'object.base');
		}
	}
	return undefined;
}

module.exports = { WalletServiceSimulator, sandboxAuthority };

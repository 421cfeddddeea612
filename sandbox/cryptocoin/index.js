'use strict';
/**
 * CryptoCoin.pro partner API simulator (spec: cryptocoin.md; the Implementation Flow page).
 *
 * It models the documented flow: create a user (with `platform.id`), verify the email, log in
 * as the user (POST /authenticate) or as a platform (POST /authenticate-jwt/{platform} with an
 * RS512 JWT in the `Token` header, verified here with `jose`), add and verify a phone, add banks,
 * cards and wallets, create a quote that expires unless confirmed, confirm it into an order, pay
 * it (bank proof as JSON or a file upload, or the card payment URL), and submit KYC parts, which
 * block the order's approval while they are required and not accepted.
 *
 * Everything the spec leaves UNDOCUMENTED is decided here as INFERRED (see the README of the
 * node for the same list); the choices are the Laravel defaults the API shows elsewhere:
 * `{ data: … }` envelopes, `{ message, errors: { field: [..] } }` 422 bodies, `data`/`links`/
 * `meta` pagination with `?page=`, 204 on delete.
 *
 * Test hooks (methods, and the same under /__sandbox/cryptocoin/…): read verification codes,
 * expire tokens and quotes, shorten the token lifetime, lock or deactivate a user, pay a card
 * order, review KYC, lose the answer of a request after it was executed, count logins.
 */
const { randomBytes, randomUUID } = require('node:crypto');
const { decodeProtectedHeader, importSPKI, jwtVerify } = require('jose');

const { Simulator } = require('../common/server');
const { boundaryOf, parseMultipart } = require('./multipart');
const sandboxPlatform = require('./sandbox-platform.json');

const API = '/api/v1';
/** DOC: 14 days. */
const DEFAULT_TOKEN_TTL_SECONDS = 1209600;
/** UNDOCUMENTED lifetime of a quote; INFERRED one minute. */
const DEFAULT_QUOTE_TTL_SECONDS = 60;
/** INFERRED: KYC becomes required once a user's orders reach this value in EUR. */
const DEFAULT_KYC_THRESHOLD_EUR = '1000';
/** INFERRED: a second tier (video and EDD) from this value in EUR. */
const DEFAULT_EDD_THRESHOLD_EUR = '15000';
/** INFERRED order limits in EUR. */
const MIN_ORDER_EUR = '10';
const MAX_ORDER_EUR = '100000';
const PER_PAGE = 15;
const MAX_PER_PAGE = 100;

/** INFERRED prices (EUR per coin) and fiat rates (units per EUR). */
const COIN_PRICES_EUR = { BTC: '50000', ETH: '2000', USDT: '0.9', LTC: '80' };
const FIAT_PER_EUR = { EUR: '1', USD: '1.1', RON: '4.97', GBP: '0.86' };
const COIN_DECIMALS = 8;
const FIAT_DECIMALS = 2;

const KYC_PARTS = /** @type {const} */ (['personalData', 'address', 'documents', 'video', 'edd']);
/** Path segment of each KYC part: personal-data is DOC, the others INFERRED. */
const KYC_PATHS = {
	personalData: 'personal-data',
	address: 'address',
	documents: 'documents',
	video: 'video',
	edd: 'edd',
};
const ORDER_STATUSES = ['APPROVED', 'REJECTED', 'PAYMENT_WAITING', 'PROCESSING_PAYMENT'];
const KYC_STATUSES = ['ACCEPTED', 'REJECTED', 'NOT COMPLETED', 'WAITING ADMIN APPROVAL'];

/**
 * @typedef {import('../common/server').SimRequest} SimRequest
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {{ id: string, code: string, name: string, algorithm: string, key: any }} Platform
 * @typedef {{ id: string, userId: string, created: number, until: number, revoked: boolean, kind: 'platform' | 'user' }} Token
 * @typedef {{ submitted: boolean, submittedAt?: string, data?: any, files?: Array<{ field: string, filename: string, contentType?: string, size: number }> }} KycPart
 * @typedef {{
 *   id: string, email: string, password: string, platformId: string | null, status: 'active' | 'inactive' | 'locked',
 *   profile: Record<string, unknown>, emailVerified: boolean, emailCode: string,
 *   phone: { phone: string, verified: boolean, code: string, createdAt: string } | null,
 *   banks: any[], cards: any[], wallets: any[], quotes: any[], orders: any[],
 *   kyc: { status: string, parts: Record<string, KycPart>, reviewedAt?: string }, createdAt: string,
 * }} User
 */

class CryptoCoinSimulator extends Simulator {
	/**
	 * @param {{ tokenTtlSeconds?: number, quoteTtlSeconds?: number, kycReview?: 'auto' | 'manual',
	 *   kycThresholdEur?: string, eddThresholdEur?: string, seed?: boolean, fixedCode?: string,
	 *   tierOneParts?: Array<'personalData' | 'address' | 'documents' | 'video' | 'edd'> }} [options]
	 *   kycReview 'auto' accepts KYC as soon as every required part is submitted; 'manual' leaves
	 *   it WAITING ADMIN APPROVAL until reviewKyc(). seed (default true) adds the sandbox platform
	 *   and the sandbox user. fixedCode makes every email and SMS code that value (for example
	 *   workflows, which cannot read a mailbox); by default codes are random 6-digit numbers.
	 *   tierOneParts: the KYC parts required from kycThresholdEur (default personal data, address
	 *   and documents); every part is required from eddThresholdEur.
	 */
	constructor(options = {}) {
		super('cryptocoin');
		this.options = options;
		/** @type {Map<string, Platform>} by platform ID */
		this.platforms = new Map();
		/** @type {Map<string, User>} by user ID */
		this.users = new Map();
		/** @type {Map<string, Token>} by token text */
		this.tokens = new Map();
		/** @type {Array<{ kind: 'platform' | 'user', platform?: string, userId: string, at: number }>} successful logins */
		this.logins = [];
		/** @type {Array<{ method?: string, path?: string, remaining: number }>} */
		this.lostAnswers = [];
		/** Raw request bytes by request headers object (the common server reads bodies as text). */
		this.rawBodies = new WeakMap();
		this.tokenSequence = 0;
		this.clockOffsetMs = 0;
		/**
		 * Test hook: called after each API request was handled (before its answer is sent), e.g.
		 * to expire tokens or quotes in the middle of a workflow.
		 * @type {((request: { method: string, path: string, status: number }) => void) | undefined}
		 */
		this.afterRequest = undefined;
		this.applyOptions();
		this.onReset = () => {
			this.users.clear();
			this.tokens.clear();
			this.logins.length = 0;
			this.lostAnswers.length = 0;
			this.afterRequest = undefined;
			this.clockOffsetMs = 0;
			this.applyOptions();
			this.seeded = this.options.seed === false ? Promise.resolve() : this.seed();
		};
		/** Resolves when the sandbox platform and user exist; await ready() before use. */
		this.seeded = options.seed === false ? Promise.resolve() : this.seed();

		this.adminRoutes();

		// Public.
		this.route('POST', `${API}/authenticate-jwt/:platform`, (req) => this.authenticateJwt(req));
		this.route('POST', `${API}/authenticate`, (req) => this.authenticateUser(req));
		this.route('POST', `${API}/user/verify`, (req) => this.verifyEmail(req));
		this.route('POST', `${API}/user`, (req) => this.createUser(req));

		// Bearer.
		const user = `${API}/user/:user`;
		this.route('GET', user, (req) => this.withUser(req, (u) => ok(this.userResource(u))));
		this.route('POST', `${user}/phone`, (req) => this.withUser(req, (u) => this.addPhone(req, u)));
		this.route('POST', `${user}/phone/verify`, (req) =>
			this.withUser(req, (u) => this.verifyPhone(req, u)),
		);
		for (const kind of /** @type {const} */ (['bank', 'card', 'wallet'])) {
			this.route('POST', `${user}/${kind}`, (req) =>
				this.withUser(req, (u) => this.addMethod(req, u, kind)),
			);
			this.route('GET', `${user}/${kind}`, (req) =>
				this.withUser(req, (u) =>
					page(
						req,
						u[`${kind}s`].map((entry) => publicMethod(entry)),
					),
				),
			);
			this.route('GET', `${user}/${kind}/:id`, (req) =>
				this.withUser(req, (u) => {
					const entry = u[`${kind}s`].find((candidate) => candidate.id === req.params.id);
					return entry ? ok(publicMethod(entry)) : notFound(kind);
				}),
			);
			this.route('DELETE', `${user}/${kind}/:id`, (req) =>
				this.withUser(req, (u) => {
					const list = u[`${kind}s`];
					const index = list.findIndex((candidate) => candidate.id === req.params.id);
					if (index === -1) return notFound(kind);
					list.splice(index, 1);
					return { status: 204 };
				}),
			);
		}
		this.route('POST', `${user}/quote`, (req) =>
			this.withUser(req, (u) => this.createQuote(req, u)),
		);
		this.route('GET', `${user}/quote`, (req) =>
			this.withUser(req, (u) =>
				page(
					req,
					u.quotes.map((quote) => this.quoteResource(quote)),
				),
			),
		);
		this.route('GET', `${user}/quote/:quote`, (req) =>
			this.withUser(req, (u) => {
				const quote = u.quotes.find((candidate) => candidate.id === req.params.quote);
				return quote ? ok(this.quoteResource(quote)) : notFound('quote');
			}),
		);
		this.route('POST', `${user}/quote/:quote`, (req) =>
			this.withUser(req, (u) => this.confirmQuote(req, u)),
		);
		this.route('GET', `${user}/order`, (req) => this.withUser(req, (u) => this.listOrders(req, u)));
		this.route('GET', `${user}/order/:order`, (req) =>
			this.withUser(req, (u) => {
				const order = u.orders.find((candidate) => candidate.id === req.params.order);
				return order ? ok(this.orderResource(u, order)) : notFound('order');
			}),
		);
		this.route('POST', `${user}/order/:order/payment-confirmation`, (req) =>
			this.withUser(req, (u) => this.confirmPayment(req, u)),
		);
		this.route('GET', `${user}/kyc`, (req) => this.withUser(req, (u) => ok(this.kycResource(u))));
		for (const part of KYC_PARTS) {
			this.route('POST', `${user}/kyc/${KYC_PATHS[part]}`, (req) =>
				this.withUser(req, (u) => this.submitKyc(req, u, part)),
			);
		}

		// The card payment page the order's paymentUrl points at (stands in for the payment integrator).
		this.route('GET', '/checkout/pay/:order', (req) => this.payByCardPage(req));
	}

	applyOptions() {
		this.tokenTtlSeconds = this.options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
		this.quoteTtlSeconds = this.options.quoteTtlSeconds ?? DEFAULT_QUOTE_TTL_SECONDS;
		this.kycReview = this.options.kycReview ?? 'auto';
		this.kycThresholdEur = this.options.kycThresholdEur ?? DEFAULT_KYC_THRESHOLD_EUR;
		this.eddThresholdEur = this.options.eddThresholdEur ?? DEFAULT_EDD_THRESHOLD_EUR;
	}

	/** The simulator's clock: real time moved by advanceClock(). */
	now() {
		return Date.now() + this.clockOffsetMs;
	}

	/**
	 * Moves the simulator's clock forward: tokens and quotes expire as if that much time had
	 * passed (platform JWTs are still checked against real time, the clock of their signer).
	 * @param {number} ms
	 */
	advanceClock(ms) {
		this.clockOffsetMs += ms;
	}

	newCode() {
		return this.options.fixedCode ?? code();
	}

	async ready() {
		await this.seeded;
		return this;
	}

	async seed() {
		await this.addPlatform({
			id: sandboxPlatform.platform_id,
			code: sandboxPlatform.platform_code,
			name: sandboxPlatform.name,
			publicKeyPem: sandboxPlatform.public_key,
			algorithm: sandboxPlatform.algorithm,
		});
		if (!this.user(sandboxPlatform.user.email)) {
			this.addUser({
				id: sandboxPlatform.user.id,
				email: sandboxPlatform.user.email,
				password: sandboxPlatform.user.password,
				platformId: sandboxPlatform.platform_id,
				emailVerified: true,
				profile: { first_name: 'Sandbox', last_name: 'User' },
			});
		}
	}

	/**
	 * Registers a platform by its public key (what onboarding does on the real service).
	 * @param {{ id: string, code: string, publicKeyPem: string, algorithm?: string, name?: string }} platform
	 */
	async addPlatform(platform) {
		const algorithm = platform.algorithm ?? 'RS512';
		this.platforms.set(platform.id, {
			id: platform.id,
			code: platform.code,
			name: platform.name ?? 'platform',
			algorithm,
			key: await importSPKI(platform.publicKeyPem, algorithm),
		});
	}

	/**
	 * Adds a user directly (test setup). @param {{ id?: string, email: string, password?: string, platformId?: string | null,
	 * emailVerified?: boolean, status?: User['status'], profile?: Record<string, unknown> }} input
	 */
	addUser(input) {
		const now = iso(this.now());
		/** @type {User} */
		const u = {
			id: input.id ?? randomUUID(),
			email: input.email,
			password: input.password ?? randomBytes(12).toString('hex'),
			platformId: input.platformId ?? null,
			status: input.status ?? 'active',
			profile: input.profile ?? {},
			emailVerified: input.emailVerified ?? false,
			emailCode: this.newCode(),
			phone: null,
			banks: [],
			cards: [],
			wallets: [],
			quotes: [],
			orders: [],
			kyc: { status: 'NOT COMPLETED', parts: {} },
			createdAt: now,
		};
		for (const part of KYC_PARTS) u.kyc.parts[part] = { submitted: false };
		this.users.set(u.id, u);
		return u;
	}

	// ---------------------------------------------------------------------------------------------
	// Test hooks

	/** @param {string} idOrEmail */
	user(idOrEmail) {
		const wanted = String(idOrEmail).toLowerCase();
		return [...this.users.values()].find(
			(u) => u.id === idOrEmail || u.email.toLowerCase() === wanted,
		);
	}

	/** The email verification code sent to a user. @param {string} idOrEmail */
	emailCode(idOrEmail) {
		return this.user(idOrEmail)?.emailCode;
	}

	/** The SMS code sent to a user's phone. @param {string} idOrEmail */
	phoneCode(idOrEmail) {
		return this.user(idOrEmail)?.phone?.code;
	}

	/** Revokes tokens (all, or a user's): the next request with one gets 401. @param {string} [idOrEmail] */
	expireTokens(idOrEmail) {
		const userId = idOrEmail === undefined ? undefined : this.user(idOrEmail)?.id;
		let count = 0;
		for (const token of this.tokens.values()) {
			if (userId !== undefined && token.userId !== userId) continue;
			if (!token.revoked) count += 1;
			token.revoked = true;
		}
		return count;
	}

	/** @param {number} seconds lifetime of tokens issued from now on */
	setTokenTtl(seconds) {
		this.tokenTtlSeconds = seconds;
	}

	/** @param {number} seconds lifetime of quotes created from now on */
	setQuoteTtl(seconds) {
		this.quoteTtlSeconds = seconds;
	}

	/** Makes quotes (all, or one) expire now unless already confirmed. @param {string} [quoteId] */
	expireQuotes(quoteId) {
		let count = 0;
		for (const u of this.users.values()) {
			for (const quote of u.quotes) {
				if (quoteId !== undefined && quote.id !== quoteId) continue;
				if (quote.status !== 'available') continue;
				quote.expiresAt = this.now() - 1;
				count += 1;
			}
		}
		return count;
	}

	/** @param {string} idOrEmail @param {User['status']} status */
	setUserStatus(idOrEmail, status) {
		const u = this.user(idOrEmail);
		if (!u) throw new Error(`no user ${idOrEmail}`);
		u.status = status;
	}

	/** The payment integrator confirms a card payment. @param {string} orderId */
	payCard(orderId) {
		const found = this.findOrder(orderId);
		if (!found) return false;
		const { order } = found;
		if (order.method !== 'card' || order.status !== 'PAYMENT_WAITING') return false;
		order.status = 'PROCESSING_PAYMENT';
		order.paidAt = iso(this.now());
		order.updatedAt = order.paidAt;
		return true;
	}

	/** An administrator reviews a user's KYC. @param {string} idOrEmail @param {'ACCEPTED' | 'REJECTED'} status */
	reviewKyc(idOrEmail, status) {
		const u = this.user(idOrEmail);
		if (!u) throw new Error(`no user ${idOrEmail}`);
		if (!['ACCEPTED', 'REJECTED'].includes(status))
			throw new Error(`not a review outcome: ${status}`);
		u.kyc.status = status;
		u.kyc.reviewedAt = iso(this.now());
		if (status === 'REJECTED') {
			for (const order of u.orders) {
				if (order.status !== 'APPROVED') {
					order.status = 'REJECTED';
					order.updatedAt = iso(this.now());
				}
			}
		}
	}

	/**
	 * The next matching request(s) are executed, then the connection is cut without an answer.
	 * @param {{ method?: string, path?: string, times?: number }} rule path is a regular expression
	 */
	loseAnswer(rule = {}) {
		this.lostAnswers.push({ method: rule.method, path: rule.path, remaining: rule.times ?? 1 });
	}

	/** Successful logins, optionally of one kind or user. @param {{ kind?: 'platform' | 'user', user?: string }} [filter] */
	loginCount(filter = {}) {
		const userId = filter.user === undefined ? undefined : this.user(filter.user)?.id;
		return this.logins.filter(
			(login) =>
				(!filter.kind || login.kind === filter.kind) &&
				(userId === undefined || login.userId === userId),
		).length;
	}

	/** Every order of every user. */
	allOrders() {
		return [...this.users.values()].flatMap((u) =>
			u.orders.map((order) => this.orderResource(u, order)),
		);
	}

	adminRoutes() {
		const admin = '/__sandbox/cryptocoin';
		this.route('GET', `${admin}/codes`, ({ query }) => {
			const u = this.user(query.get('user') ?? query.get('email') ?? '');
			return u
				? { status: 200, body: { email: u.emailCode, phone: u.phone?.code ?? null, userId: u.id } }
				: { status: 404, body: { error: 'no such user' } };
		});
		this.route('POST', `${admin}/tokens/expire`, ({ body }) => ({
			status: 200,
			body: { expired: this.expireTokens(body?.user) },
		}));
		this.route('POST', `${admin}/tokens/ttl`, ({ body }) => {
			this.setTokenTtl(Number(body?.seconds));
			return { status: 200, body: { ok: true } };
		});
		this.route('POST', `${admin}/quotes/expire`, ({ body }) => ({
			status: 200,
			body: { expired: this.expireQuotes(body?.quote) },
		}));
		this.route('POST', `${admin}/users/status`, ({ body }) => {
			this.setUserStatus(body?.user, body?.status);
			return { status: 200, body: { ok: true } };
		});
		this.route('POST', `${admin}/kyc/review`, ({ body }) => {
			this.reviewKyc(body?.user, body?.status);
			return { status: 200, body: { ok: true } };
		});
		this.route('POST', `${admin}/orders/:order/pay`, ({ params }) => ({
			status: 200,
			body: { paid: this.payCard(params.order) },
		}));
		this.route('POST', `${admin}/clock/advance`, ({ body }) => {
			this.advanceClock(Number(body?.ms ?? 0));
			return { status: 200, body: { offsetMs: this.clockOffsetMs } };
		});
		this.route('POST', `${admin}/lose-answer`, ({ body }) => {
			this.loseAnswer(body ?? {});
			return { status: 200, body: { ok: true } };
		});
		this.route('GET', `${admin}/logins`, () => ({ status: 200, body: this.logins }));
		this.route('GET', `${admin}/orders`, () => ({ status: 200, body: this.allOrders() }));
	}

	// ---------------------------------------------------------------------------------------------
	// Plumbing: raw bodies for uploads, answers lost after execution, Laravel content negotiation

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async handle(req, res) {
		/** @type {Buffer[]} */
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks);
		this.rawBodies.set(req.headers, raw);
		// The common server reads the body again: give it the same bytes.
		Object.defineProperty(req, Symbol.asyncIterator, {
			value: async function* replay() {
				if (raw.length) yield raw;
			},
		});
		return super.handle(req, res);
	}

	/**
	 * @param {string} method @param {string} path @param {string} rawQuery
	 * @param {import('node:http').IncomingMessage} req @param {string} rawBody
	 */
	async dispatch(method, path, rawQuery, req, rawBody) {
		await this.seeded;
		let result = await super.dispatch(method, path, rawQuery, req, rawBody);
		if (path.startsWith('/__sandbox/')) return result;
		if (this.afterRequest && result !== 'drop')
			this.afterRequest({ method, path, status: result.status });
		const index = this.lostAnswers.findIndex(
			(rule) =>
				(!rule.method || rule.method.toUpperCase() === method) &&
				(!rule.path || new RegExp(rule.path).test(path)),
		);
		if (index !== -1) {
			const rule = this.lostAnswers[index];
			rule.remaining -= 1;
			if (rule.remaining <= 0) this.lostAnswers.splice(index, 1);
			return 'drop';
		}
		// Laravel answers errors as JSON only to clients that want JSON (Accept: application/json);
		// others get a redirect (401 → /login, 422 → back) with an HTML page.
		if (result !== 'drop' && result.status >= 400 && !wantsJson(req.headers.accept)) {
			const location = result.status === 401 ? '/login' : '/';
			result = {
				status: 302,
				text: `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url='${location}'" /><title>Redirecting to ${location}</title></head><body>Redirecting to <a href="${location}">${location}</a>.</body></html>`,
				headers: { 'content-type': 'text/html; charset=UTF-8', location },
			};
		}
		return result;
	}

	/**
	 * The request body as Laravel sees it: JSON only with a JSON Content-Type, form fields and
	 * files from multipart/form-data.
	 * @param {SimRequest} req
	 * @returns {{ fields: Record<string, any>, files: Array<{ field: string, filename: string, contentType?: string, data: Buffer }>, multipart: boolean, malformed: boolean }}
	 */
	input(req) {
		const contentType = String(req.headers['content-type'] ?? '');
		const boundary = boundaryOf(contentType);
		if (boundary) {
			const raw = this.rawBodies.get(req.headers) ?? Buffer.from(req.rawBody);
			const parts = parseMultipart(raw, boundary);
			if (!parts) return { fields: {}, files: [], multipart: true, malformed: true };
			/** @type {Record<string, any>} */
			const fields = {};
			const files = [];
			for (const part of parts) {
				if (part.filename !== undefined) {
					files.push({
						field: part.name,
						filename: part.filename,
						contentType: part.contentType,
						data: part.data,
					});
				} else {
					setDotted(fields, part.name, part.data.toString('utf8'));
				}
			}
			return { fields, files, multipart: true, malformed: false };
		}
		if (/[/+]json\b/i.test(contentType)) {
			if (req.rawBody.trim() === '')
				return { fields: {}, files: [], multipart: false, malformed: false };
			if (req.body === undefined)
				return { fields: {}, files: [], multipart: false, malformed: true };
			const fields =
				req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body)
					? req.body
					: {};
			return { fields, files: [], multipart: false, malformed: false };
		}
		return { fields: {}, files: [], multipart: false, malformed: false };
	}

	// ---------------------------------------------------------------------------------------------
	// Authentication

	/** @param {SimRequest} req */
	async authenticateJwt(req) {
		const jwt = req.headers.token;
		if (typeof jwt !== 'string' || jwt.trim() === '') {
			return { status: 400, body: { message: 'jwt must be provided', errors: {} } };
		}
		// DOC (S2): "This endpoint do not require any payload, except the Token header". INFERRED
		// (strict): a body is a client mistake (e.g. the user named there instead of in the JWT).
		if (String(req.rawBody ?? '').trim() !== '') {
			return invalid({ token: ['Send no body: the user and expire go in the Token header JWT.'] });
		}
		// The path value: the Platform ID or the Platform Code (UNDOCUMENTED which; both accepted).
		const platform = [...this.platforms.values()].find(
			(candidate) => candidate.id === req.params.platform || candidate.code === req.params.platform,
		);
		const rejected = { status: 403, body: { error: 'The provided credentials are incorrect.' } };
		if (!platform) return rejected;
		/** @type {any} */
		let payload;
		try {
			const header = decodeProtectedHeader(jwt);
			if (header.alg !== platform.algorithm) return rejected;
			({ payload } = await jwtVerify(jwt, platform.key, { algorithms: [platform.algorithm] }));
		} catch {
			return rejected;
		}
		/** @type {Record<string, string[]>} */
		const errors = {};
		const hasEmail = payload.email !== undefined;
		const hasId = payload.id !== undefined;
		if (!hasEmail && !hasId) errors.email = ['The email field is required when id is not present.'];
		if (hasEmail && hasId) errors.email = ['Give either email or id, not both.'];
		if (hasEmail && (typeof payload.email !== 'string' || !isEmail(payload.email))) {
			errors.email = ['The email must be a valid email address.'];
		}
		if (hasId && typeof payload.id !== 'string') errors.id = ['The id must be a string.'];
		const nowSeconds = Math.floor(Date.now() / 1000);
		if (payload.expire === undefined) {
			errors.expire = ['The expire field is required.'];
		} else if (!Number.isInteger(payload.expire)) {
			errors.expire = ['The expire must be a Unix timestamp in seconds.'];
		} else if (payload.expire > 99999999999) {
			// INFERRED (strict): a value in milliseconds is a client bug, not a date in the year 5000.
			errors.expire = ['The expire must be a Unix timestamp in seconds.'];
		} else if (payload.expire < nowSeconds) {
			errors.expire = ['The expire must be a date after or equal to now.'];
		}
		if (Object.keys(errors).length) return invalid(errors);
		const u = hasEmail ? this.user(payload.email) : this.users.get(payload.id);
		// A platform acts only for the users it created (INFERRED).
		if (!u || u.platformId !== platform.id) return rejected;
		const refused = accountRefusal(u);
		if (refused) return refused;
		this.logins.push({ kind: 'platform', platform: platform.id, userId: u.id, at: Date.now() });
		return ok(this.issueToken(u, 'platform'));
	}

	/** @param {SimRequest} req */
	authenticateUser(req) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (!present(fields.email)) errors.email = ['The email field is required.'];
		else if (typeof fields.email !== 'string' || !isEmail(fields.email))
			errors.email = ['The email must be a valid email address.'];
		if (!present(fields.password)) errors.password = ['The password field is required.'];
		else if (typeof fields.password !== 'string')
			errors.password = ['The password must be a string.'];
		if (Object.keys(errors).length) return invalid(errors);
		const u = this.user(fields.email);
		if (!u || u.password !== fields.password) {
			return { status: 403, body: { error: 'The provided credentials are incorrect.' } };
		}
		const refused = accountRefusal(u);
		if (refused) return refused;
		if (!u.emailVerified) {
			// INFERRED: the email must be verified (step 2 comes before step 3).
			return { status: 403, body: { error: 'The email address is not verified.' } };
		}
		this.logins.push({ kind: 'user', userId: u.id, at: Date.now() });
		return ok(this.issueToken(u, 'user'));
	}

	/** @param {User} u @param {'platform' | 'user'} kind */
	issueToken(u, kind) {
		this.tokenSequence += 1;
		const id = `${this.tokenSequence}|${alphanumeric(40)}`;
		const created = this.now();
		const until = created + this.tokenTtlSeconds * 1000;
		this.tokens.set(id, { id, userId: u.id, created, until, revoked: false, kind });
		return {
			id,
			userId: u.id,
			ttl: this.tokenTtlSeconds,
			until: isoMicro(until),
			created: isoMicro(created),
		};
	}

	/**
	 * Bearer check, then the `{user}` path segment must be the token's user.
	 * @param {SimRequest} req @param {(u: User) => SimResponse | Promise<SimResponse>} next
	 */
	async withUser(req, next) {
		const header = req.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
		const token = match ? this.tokens.get(match[1]) : undefined;
		if (!token || token.revoked || token.until <= this.now()) {
			return { status: 401, body: { message: 'Unauthenticated.' } };
		}
		const u = this.users.get(token.userId);
		if (!u) return { status: 401, body: { message: 'Unauthenticated.' } };
		const refused = accountRefusal(u);
		if (refused) return refused;
		if (req.params.user !== u.id) {
			return { status: 403, body: { message: 'This action is unauthorized.' } };
		}
		return next(u);
	}

	// ---------------------------------------------------------------------------------------------
	// Users and verification

	/** @param {SimRequest} req */
	createUser(req) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (!present(fields.email)) errors.email = ['The email field is required.'];
		else if (typeof fields.email !== 'string' || !isEmail(fields.email))
			errors.email = ['The email must be a valid email address.'];
		else if (this.user(fields.email)) errors.email = ['The email has already been taken.'];
		if (!present(fields.password)) errors.password = ['The password field is required.'];
		else if (typeof fields.password !== 'string')
			errors.password = ['The password must be a string.'];
		else if (fields.password.length < 8)
			errors.password = ['The password must be at least 8 characters.'];
		let platformId = null;
		if (fields.platform !== undefined) {
			// DOC: `platform.id`, a nested object in the JSON body (Laravel dot notation).
			if (
				fields.platform === null ||
				typeof fields.platform !== 'object' ||
				Array.isArray(fields.platform)
			) {
				errors.platform = ['The platform must be an array.'];
			} else if (!present(fields.platform.id)) {
				errors['platform.id'] = ['The platform.id field is required when platform is present.'];
			} else if (
				typeof fields.platform.id !== 'string' ||
				!this.platforms.has(fields.platform.id)
			) {
				errors['platform.id'] = ['The selected platform.id is invalid.'];
			} else {
				platformId = fields.platform.id;
			}
		}
		if (fields['platform.id'] !== undefined) {
			errors['platform.id'] = ['Send platform.id as a nested object: {"platform": {"id": "…"}}.'];
		}
		const profile = {};
		for (const [key, check] of Object.entries(PROFILE_FIELDS)) {
			if (fields[key] === undefined || fields[key] === null) continue;
			const problem = check(fields[key], key);
			if (problem) errors[key] = [problem];
			else profile[key] = fields[key];
		}
		if (Object.keys(errors).length) return invalid(errors);
		const u = this.addUser({ email: fields.email, password: fields.password, platformId, profile });
		return { status: 201, body: { data: this.userResource(u) } };
	}

	/** @param {SimRequest} req */
	verifyEmail(req) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (!present(fields.email)) errors.email = ['The email field is required.'];
		else if (typeof fields.email !== 'string' || !isEmail(fields.email))
			errors.email = ['The email must be a valid email address.'];
		if (!present(fields.code)) errors.code = ['The code field is required.'];
		else if (typeof fields.code !== 'string') errors.code = ['The code must be a string.'];
		if (Object.keys(errors).length) return invalid(errors);
		const u = this.user(fields.email);
		if (!u) return invalid({ email: ['The selected email is invalid.'] });
		if (String(fields.code) !== u.emailCode) return invalid({ code: ['The code is invalid.'] });
		u.emailVerified = true;
		return ok(this.userResource(u));
	}

	/** @param {SimRequest} req @param {User} u */
	addPhone(req, u) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		if (!present(fields.phone)) return invalid({ phone: ['The phone field is required.'] });
		if (typeof fields.phone !== 'string' || !/^[1-9][0-9]{6,14}$/.test(fields.phone)) {
			return invalid({
				phone: [
					'The phone format is invalid: digits with the country code and no "+", e.g. 40730000000.',
				],
			});
		}
		const taken = [...this.users.values()].some(
			(other) => other.id !== u.id && other.phone?.verified && other.phone.phone === fields.phone,
		);
		if (taken) return invalid({ phone: ['The phone has already been taken.'] });
		// A new number replaces the old one and needs a new verification; an SMS code is "sent".
		u.phone = {
			phone: fields.phone,
			verified: false,
			code: this.newCode(),
			createdAt: iso(this.now()),
		};
		return { status: 201, body: { data: phoneResource(u) } };
	}

	/** @param {SimRequest} req @param {User} u */
	verifyPhone(req, u) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		if (!present(fields.code)) return invalid({ code: ['The code field is required.'] });
		if (typeof fields.code !== 'string') return invalid({ code: ['The code must be a string.'] });
		if (!u.phone) return invalid({ phone: ['Add a phone number before verifying it.'] });
		if (String(fields.code) !== u.phone.code) return invalid({ code: ['The code is invalid.'] });
		u.phone.verified = true;
		return ok(phoneResource(u));
	}

	/** @param {User} u */
	userResource(u) {
		return {
			id: u.id,
			email: u.email,
			...u.profile,
			status: u.status,
			emailVerified: u.emailVerified,
			phone: u.phone?.phone ?? null,
			phoneVerified: u.phone?.verified ?? false,
			platform: u.platformId ? { id: u.platformId } : null,
			kyc: this.kycResource(u),
			createdAt: u.createdAt,
		};
	}

	// ---------------------------------------------------------------------------------------------
	// Banks, cards, wallets (bodies UNDOCUMENTED; INFERRED fields below)

	/** @param {SimRequest} req @param {User} u @param {'bank' | 'card' | 'wallet'} kind */
	addMethod(req, u, kind) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		const checked = METHOD_CHECKS[kind](fields);
		if ('errors' in checked) return invalid(checked.errors);
		const list = u[`${kind}s`];
		const duplicate = list.find((entry) => entry.key === checked.key);
		if (duplicate) return invalid({ [checked.keyField]: [`This ${kind} has already been added.`] });
		const entry = {
			id: randomUUID(),
			kind,
			key: checked.key,
			...checked.value,
			status: 'active',
			createdAt: iso(this.now()),
		};
		list.push(entry);
		return { status: 201, body: { data: publicMethod(entry) } };
	}

	// ---------------------------------------------------------------------------------------------
	// Quotes and orders

	/** @param {SimRequest} req @param {User} u */
	createQuote(req, u) {
		const { fields, malformed } = this.input(req);
		if (malformed) return badJson();
		/** @type {Record<string, string[]>} */
		const errors = {};
		const operation = fields.operation;
		if (!present(operation)) errors.operation = ['The operation field is required.'];
		else if (!['buy', 'sell', 'buy_with_fiat'].includes(operation))
			errors.operation = ['The selected operation is invalid. Use buy, sell or buy_with_fiat.'];
		const symbol = fields.symbol;
		if (!present(symbol)) errors.symbol = ['The symbol field is required.'];
		else if (typeof symbol !== 'string' || !Object.hasOwn(COIN_PRICES_EUR, symbol))
			errors.symbol = [
				`The selected symbol is invalid. Available: ${Object.keys(COIN_PRICES_EUR).join(', ')}.`,
			];
		const secondSymbol = fields.secondSymbol;
		if (!present(secondSymbol)) errors.secondSymbol = ['The second symbol field is required.'];
		else if (typeof secondSymbol !== 'string' || !Object.hasOwn(FIAT_PER_EUR, secondSymbol))
			errors.secondSymbol = [
				`The selected second symbol is invalid. Available: ${Object.keys(FIAT_PER_EUR).join(', ')}.`,
			];
		const hasAmount = present(fields.amount);
		const hasSecondAmount = present(fields.secondAmount);
		if (!hasAmount && !hasSecondAmount) {
			errors.amount = ['The amount field is required when second amount is not present.'];
		} else if (hasAmount && hasSecondAmount) {
			errors.amount = ['Give either amount or second amount, not both.'];
		} else if (hasAmount && typeof fields.amount !== 'string') {
			errors.amount = ['The amount must be a string.'];
		} else if (hasSecondAmount && typeof fields.secondAmount !== 'string') {
			errors.secondAmount = ['The second amount must be a string.'];
		} else if (hasAmount && !isDecimal(fields.amount, COIN_DECIMALS)) {
			errors.amount = [
				`The amount must be a positive decimal number with at most ${COIN_DECIMALS} decimals.`,
			];
		} else if (hasSecondAmount && !isDecimal(fields.secondAmount, FIAT_DECIMALS)) {
			errors.secondAmount = [
				`The second amount must be a positive decimal number with at most ${FIAT_DECIMALS} decimals.`,
			];
		}
		// The payment method: `method` in older examples, `orderPaymentType` in the newest (both DOC).
		const method = fields.orderPaymentType ?? fields.method;
		const methodField = fields.orderPaymentType !== undefined ? 'orderPaymentType' : 'method';
		if (operation === 'buy_with_fiat') {
			if (!present(method))
				errors[methodField] = ['The method field is required when operation is buy_with_fiat.'];
			else if (!['card', 'bank'].includes(method))
				errors[methodField] = ['The selected method is invalid. Use card or bank.'];
		} else if (method !== undefined && method !== null && !['card', 'bank'].includes(method)) {
			errors[methodField] = ['The selected method is invalid. Use card or bank.'];
		}
		let wallet;
		if (present(fields.wallet)) {
			wallet = u.wallets.find((entry) => entry.id === fields.wallet);
			if (!wallet) errors.wallet = ['The selected wallet is invalid.'];
		}
		if (Object.keys(errors).length) return invalid(errors);

		const price = multiply(COIN_PRICES_EUR[symbol], FIAT_PER_EUR[secondSymbol], FIAT_DECIMALS);
		// Decimal columns: amounts come back with a fixed scale (8 for coins, 2 for fiat).
		const amount = hasAmount
			? fixed(String(fields.amount), COIN_DECIMALS)
			: divide(String(fields.secondAmount), price, COIN_DECIMALS);
		const secondAmount = hasAmount
			? multiply(amount, price, FIAT_DECIMALS)
			: fixed(String(fields.secondAmount), FIAT_DECIMALS);
		const valueEur = multiply(amount, COIN_PRICES_EUR[symbol], FIAT_DECIMALS);
		if (compare(amount, '0') <= 0) return invalid({ amount: ['The amount is too small.'] });
		if (compare(valueEur, MIN_ORDER_EUR) < 0 || compare(valueEur, MAX_ORDER_EUR) > 0) {
			return invalid({
				[hasAmount ? 'amount' : 'secondAmount']: [
					`The order value must be between ${MIN_ORDER_EUR} and ${MAX_ORDER_EUR} EUR (this one is ${valueEur} EUR).`,
				],
			});
		}
		const now = this.now();
		const quote = {
			id: randomUUID(),
			status: 'available',
			operation,
			symbol,
			secondSymbol,
			amount,
			secondAmount,
			price,
			fee: '0.00',
			method: method ?? null,
			wallet: wallet?.id ?? null,
			valueEur,
			orderId: null,
			createdAt: iso(now),
			expiresAt: now + this.quoteTtlSeconds * 1000,
		};
		u.quotes.push(quote);
		return { status: 201, body: { data: this.quoteResource(quote) } };
	}

	/** @param {any} quote */
	quoteResource(quote) {
		if (quote.status === 'available' && quote.expiresAt <= this.now()) quote.status = 'expired';
		const { valueEur: _value, ...rest } = quote;
		return { ...rest, expiresAt: iso(quote.expiresAt) };
	}

	/** @param {SimRequest} req @param {User} u */
	confirmQuote(req, u) {
		const { malformed } = this.input(req);
		if (malformed) return badJson();
		const quote = u.quotes.find((candidate) => candidate.id === req.params.quote);
		if (!quote) return notFound('quote');
		const { status } = this.quoteResource(quote);
		if (status === 'expired') {
			return invalid(
				{ quote: ['The quote has expired. Create a new quote and confirm it in time.'] },
				'The quote has expired.',
			);
		}
		if (status === 'completed') {
			return invalid(
				{ quote: [`The quote has already been confirmed (order ${quote.orderId}).`] },
				'The quote has already been confirmed.',
			);
		}
		const now = iso(this.now());
		const order = {
			id: randomUUID(),
			quoteId: quote.id,
			operation: quote.operation,
			symbol: quote.symbol,
			secondSymbol: quote.secondSymbol,
			amount: quote.amount,
			secondAmount: quote.secondAmount,
			price: quote.price,
			fee: quote.fee,
			method: quote.method,
			wallet: quote.wallet,
			valueEur: quote.valueEur,
			// buy_with_fiat waits for the fiat payment; buy and sell use the user's balance.
			status: quote.operation === 'buy_with_fiat' ? 'PAYMENT_WAITING' : 'PROCESSING_PAYMENT',
			paymentConfirmation: null,
			createdAt: now,
			updatedAt: now,
		};
		quote.status = 'completed';
		quote.orderId = order.id;
		u.orders.push(order);
		this.updateKycRequirements(u);
		return { status: 201, body: { data: this.orderResource(u, order) } };
	}

	/** @param {SimRequest} req @param {User} u */
	listOrders(req, u) {
		let orders = u.orders;
		const status = req.query.get('status');
		if (status !== null) {
			if (!ORDER_STATUSES.includes(status))
				return invalid({ status: ['The selected status is invalid.'] });
			orders = orders.filter((order) => this.orderResource(u, order).status === status);
		}
		const quoteId = req.query.get('quote');
		if (quoteId !== null) orders = orders.filter((order) => order.quoteId === quoteId);
		return page(
			req,
			orders.map((order) => this.orderResource(u, order)),
		);
	}

	/** @param {User} u @param {any} order */
	orderResource(u, order) {
		// A paid order is approved once KYC allows it (not required, or ACCEPTED).
		if (order.status === 'PROCESSING_PAYMENT' && this.kycAllowsApproval(u)) {
			order.status = 'APPROVED';
			order.updatedAt = iso(this.now());
		}
		const { valueEur: _value, ...rest } = order;
		const resource = { ...rest };
		if (order.operation === 'buy_with_fiat' && order.method === 'card') {
			resource.paymentUrl = `${this.url}/checkout/pay/${order.id}`;
		}
		if (order.operation === 'buy_with_fiat' && order.method === 'bank') {
			resource.bankDetails = {
				beneficiary: 'CryptoCoin Sandbox Ltd',
				iban: 'RO49AAAA1B31007593840000',
				swift: 'AAAAROBU',
				reference: `CC-${order.id.slice(0, 8).toUpperCase()}`,
				amount: order.secondAmount,
				currency: order.secondSymbol,
			};
		}
		return resource;
	}

	/** @param {string} orderId */
	findOrder(orderId) {
		for (const u of this.users.values()) {
			const order = u.orders.find((candidate) => candidate.id === orderId);
			if (order) return { u, order };
		}
		return undefined;
	}

	/** @param {SimRequest} req */
	payByCardPage(req) {
		const found = this.findOrder(req.params.order);
		if (!found)
			return {
				status: 404,
				text: '<html><body>Unknown order</body></html>',
				headers: { 'content-type': 'text/html' },
			};
		this.payCard(found.order.id);
		return {
			status: 200,
			text: `<html><body>Sandbox card payment for order ${found.order.id}: ${this.orderResource(found.u, found.order).status}</body></html>`,
			headers: { 'content-type': 'text/html' },
		};
	}

	/** @param {SimRequest} req @param {User} u */
	confirmPayment(req, u) {
		const order = u.orders.find((candidate) => candidate.id === req.params.order);
		if (!order) return notFound('order');
		const { fields, files, multipart, malformed } = this.input(req);
		if (malformed)
			return multipart ? invalid({ file: ['The upload could not be read.'] }) : badJson();
		if (order.operation !== 'buy_with_fiat' || order.method !== 'bank') {
			return invalid({
				order: ['Payment confirmation is only for buy_with_fiat orders paid by bank transfer.'],
			});
		}
		if (order.status !== 'PAYMENT_WAITING') {
			return invalid({
				order: [`The order is not waiting for a payment (status ${order.status}).`],
			});
		}
		const proofFiles = files.filter((file) => file.data.length > 0);
		if (files.length && !proofFiles.length)
			return invalid({ file: ['The file must not be empty.'] });
		if (!proofFiles.length && Object.keys(fields).length === 0) {
			return invalid({
				file: ['The proof of payment is required: upload a file or send its details.'],
			});
		}
		order.paymentConfirmation = {
			fields,
			files: proofFiles.map((file) => ({
				field: file.field,
				filename: file.filename,
				contentType: file.contentType,
				size: file.data.length,
			})),
			receivedAt: iso(this.now()),
		};
		order.status = 'PROCESSING_PAYMENT';
		order.updatedAt = order.paymentConfirmation.receivedAt;
		const resource = this.orderResource(u, order);
		// The answer shows the order as the confirmation left it; approval shows on the next read.
		return ok({ ...resource, status: 'PROCESSING_PAYMENT' });
	}

	// ---------------------------------------------------------------------------------------------
	// KYC

	/** @param {User} u */
	updateKycRequirements(u) {
		const total = u.orders.reduce((sum, order) => add(sum, order.valueEur), '0');
		u.kyc.tier =
			compare(total, this.eddThresholdEur) >= 0
				? 2
				: compare(total, this.kycThresholdEur) >= 0
					? 1
					: 0;
		this.settleKycStatus(u);
	}

	/** @param {User} u */
	requiredParts(u) {
		const tier = u.kyc.tier ?? 0;
		if (tier === 0) return [];
		if (tier === 1) return this.options.tierOneParts ?? ['personalData', 'address', 'documents'];
		return [...KYC_PARTS];
	}

	/** @param {User} u */
	kycAllowsApproval(u) {
		return this.requiredParts(u).length === 0 || u.kyc.status === 'ACCEPTED';
	}

	/** @param {User} u */
	settleKycStatus(u) {
		if (u.kyc.status === 'REJECTED') return;
		const required = this.requiredParts(u);
		const missing = required.filter((part) => !u.kyc.parts[part].submitted);
		if (missing.length) {
			// A new requirement re-opens an accepted KYC.
			u.kyc.status = 'NOT COMPLETED';
			return;
		}
		if (required.length === 0) return;
		if (u.kyc.status === 'ACCEPTED') return;
		u.kyc.status = this.kycReview === 'auto' ? 'ACCEPTED' : 'WAITING ADMIN APPROVAL';
	}

	/** @param {User} u */
	kycResource(u) {
		const required = this.requiredParts(u);
		/** @type {Record<string, any>} */
		const resource = { status: u.kyc.status };
		for (const part of KYC_PARTS) {
			const state = u.kyc.parts[part];
			resource[part] = {
				required: required.includes(part),
				submitted: state.submitted,
				submittedAt: state.submittedAt ?? null,
			};
		}
		return resource;
	}

	/** @param {SimRequest} req @param {User} u @param {typeof KYC_PARTS[number]} part */
	submitKyc(req, u, part) {
		const { fields, files, multipart, malformed } = this.input(req);
		if (malformed)
			return multipart ? invalid({ file: ['The upload could not be read.'] }) : badJson();
		if (u.kyc.status === 'ACCEPTED' || u.kyc.status === 'WAITING ADMIN APPROVAL') {
			if (u.kyc.parts[part].submitted) {
				return invalid({
					[part]: ['This KYC part was already submitted and is under review or accepted.'],
				});
			}
		}
		const checked = KYC_CHECKS[part](fields, files);
		if ('errors' in checked) return invalid(checked.errors);
		const now = iso(this.now());
		u.kyc.parts[part] = {
			submitted: true,
			submittedAt: now,
			data: checked.data,
			files: files.map((file) => ({
				field: file.field,
				filename: file.filename,
				contentType: file.contentType,
				size: file.data.length,
			})),
		};
		if (u.kyc.status === 'REJECTED') u.kyc.status = 'NOT COMPLETED';
		this.settleKycStatus(u);
		return ok(this.kycResource(u));
	}
}

// -------------------------------------------------------------------------------------------------
// Validation (Laravel-style messages)

const PROFILE_FIELDS = {
	first_name: (/** @type {any} */ value, /** @type {string} */ key) => textProblem(value, key, 191),
	last_name: (/** @type {any} */ value, /** @type {string} */ key) => textProblem(value, key, 191),
	type: (/** @type {any} */ value) =>
		['personal', 'business'].includes(value) ? undefined : 'The selected type is invalid.',
	dob: (/** @type {any} */ value) =>
		isAdultDate(value)
			? undefined
			: 'The dob must be a date (YYYY-MM-DD) of a person at least 18 years old.',
	country: (/** @type {any} */ value) =>
		isCountry(value) ? undefined : 'The country must be a 2-letter ISO code in capitals, e.g. RO.',
	phone: (/** @type {any} */ value) =>
		typeof value === 'string' && /^[1-9][0-9]{6,14}$/.test(value)
			? undefined
			: 'The phone format is invalid.',
};

/** @type {Record<'bank' | 'card' | 'wallet', (fields: any) => { errors: Record<string, string[]> } | { key: string, keyField: string, value: Record<string, unknown> }>} */
const METHOD_CHECKS = {
	bank(fields) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		const iban = typeof fields.iban === 'string' ? fields.iban.replace(/ /g, '') : fields.iban;
		if (!present(iban)) errors.iban = ['The iban field is required.'];
		else if (typeof iban !== 'string' || !isIban(iban))
			errors.iban = ['The iban is not a valid IBAN.'];
		if (
			present(fields.swift) &&
			(typeof fields.swift !== 'string' ||
				!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(fields.swift))
		) {
			errors.swift = ['The swift is not a valid BIC.'];
		}
		if (present(fields.currency) && !Object.hasOwn(FIAT_PER_EUR, fields.currency)) {
			errors.currency = ['The selected currency is invalid.'];
		}
		for (const key of ['name', 'holder']) {
			if (present(fields[key])) {
				const problem = textProblem(fields[key], key, 191);
				if (problem) errors[key] = [problem];
			}
		}
		if (Object.keys(errors).length) return { errors };
		return {
			key: iban,
			keyField: 'iban',
			value: {
				iban,
				swift: fields.swift ?? null,
				name: fields.name ?? null,
				holder: fields.holder ?? null,
				currency: fields.currency ?? null,
			},
		};
	},
	card(fields) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		const number =
			typeof fields.number === 'string' ? fields.number.replace(/ /g, '') : fields.number;
		if (!present(number)) errors.number = ['The number field is required.'];
		else if (typeof number !== 'string' || !/^[0-9]{13,19}$/.test(number) || !luhn(number))
			errors.number = ['The number is not a valid card number.'];
		const month = fields.expiry_month;
		const year = fields.expiry_year;
		if (!present(month)) errors.expiry_month = ['The expiry month field is required.'];
		else if (!/^(0?[1-9]|1[0-2])$/.test(String(month)))
			errors.expiry_month = ['The expiry month must be between 1 and 12.'];
		if (!present(year)) errors.expiry_year = ['The expiry year field is required.'];
		else if (!/^[0-9]{4}$/.test(String(year)))
			errors.expiry_year = ['The expiry year must be 4 digits.'];
		if (!errors.expiry_month && !errors.expiry_year) {
			const now = new Date();
			const expiry = Number(year) * 12 + Number(month);
			if (expiry < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1)
				errors.expiry_year = ['The card has expired.'];
		}
		if (present(fields.holder)) {
			const problem = textProblem(fields.holder, 'holder', 191);
			if (problem) errors.holder = [problem];
		}
		if (fields.cvv !== undefined) errors.cvv = ['Do not send the card security code.'];
		if (Object.keys(errors).length) return { errors };
		return {
			key: number,
			keyField: 'number',
			value: {
				brand: number.startsWith('4') ? 'visa' : /^5[1-5]/.test(number) ? 'mastercard' : 'card',
				last4: number.slice(-4),
				expiry_month: String(Number(month)).padStart(2, '0'),
				expiry_year: String(year),
				holder: fields.holder ?? null,
			},
		};
	},
	wallet(fields) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (!present(fields.address)) errors.address = ['The address field is required.'];
		else if (typeof fields.address !== 'string' || !/^[A-Za-z0-9:]{20,120}$/.test(fields.address))
			errors.address = ['The address format is invalid.'];
		if (!present(fields.network)) errors.network = ['The network field is required.'];
		else if (typeof fields.network !== 'string' || !/^[A-Z0-9]{2,10}$/.test(fields.network))
			errors.network = ['The network must be a network code in capitals, e.g. ETH.'];
		if (
			!errors.address &&
			!errors.network &&
			fields.network === 'ETH' &&
			!/^0x[0-9a-fA-F]{40}$/.test(fields.address)
		) {
			errors.address = ['The address is not a valid ETH address.'];
		}
		if (present(fields.symbol) && !Object.hasOwn(COIN_PRICES_EUR, fields.symbol))
			errors.symbol = ['The selected symbol is invalid.'];
		if (present(fields.label)) {
			const problem = textProblem(fields.label, 'label', 191);
			if (problem) errors.label = [problem];
		}
		if (Object.keys(errors).length) return { errors };
		return {
			key: `${fields.network}:${fields.address}`,
			keyField: 'address',
			value: {
				address: fields.address,
				network: fields.network,
				symbol: fields.symbol ?? null,
				label: fields.label ?? null,
			},
		};
	},
};

/** @type {Record<typeof KYC_PARTS[number], (fields: any, files: Array<{ field: string, data: Buffer }>) => { errors: Record<string, string[]> } | { data: any }>} */
const KYC_CHECKS = {
	personalData(fields) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		for (const key of ['first_name', 'last_name']) {
			if (!present(fields[key])) errors[key] = [`The ${key.replace('_', ' ')} field is required.`];
			else {
				const problem = textProblem(fields[key], key, 191);
				if (problem) errors[key] = [problem];
			}
		}
		if (!present(fields.dob)) errors.dob = ['The dob field is required.'];
		else if (!isAdultDate(fields.dob))
			errors.dob = ['The dob must be a date (YYYY-MM-DD) of a person at least 18 years old.'];
		for (const key of ['country', 'nationality']) {
			if (present(fields[key]) && !isCountry(fields[key]))
				errors[key] = [`The ${key} must be a 2-letter ISO code in capitals.`];
		}
		return Object.keys(errors).length ? { errors } : { data: fields };
	},
	address(fields) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (!present(fields.country)) errors.country = ['The country field is required.'];
		else if (!isCountry(fields.country))
			errors.country = ['The country must be a 2-letter ISO code in capitals.'];
		for (const key of ['city', 'street', 'zip']) {
			if (!present(fields[key])) errors[key] = [`The ${key} field is required.`];
			else {
				const problem = textProblem(fields[key], key, 191);
				if (problem) errors[key] = [problem];
			}
		}
		return Object.keys(errors).length ? { errors } : { data: fields };
	},
	documents(fields, files) {
		if (!files.length) return { errors: { file: ['Upload at least one document file.'] } };
		if (files.some((file) => file.data.length === 0))
			return { errors: { file: ['The file must not be empty.'] } };
		if (!present(fields.type)) return { errors: { type: ['The type field is required.'] } };
		if (
			!['passport', 'id_card', 'driving_license', 'residence_permit', 'proof_of_address'].includes(
				fields.type,
			)
		) {
			return { errors: { type: ['The selected type is invalid.'] } };
		}
		return { data: fields };
	},
	video(fields, files) {
		if (!files.length) return { errors: { file: ['Upload the video file.'] } };
		if (files.some((file) => file.data.length === 0))
			return { errors: { file: ['The file must not be empty.'] } };
		return { data: fields };
	},
	edd(fields) {
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (!present(fields.source_of_funds))
			errors.source_of_funds = ['The source of funds field is required.'];
		else {
			const problem = textProblem(fields.source_of_funds, 'source_of_funds', 1000);
			if (problem) errors.source_of_funds = [problem];
		}
		return Object.keys(errors).length ? { errors } : { data: fields };
	},
};

/** @param {any} value */
function present(value) {
	return value !== undefined && value !== null && value !== '';
}

/** @param {any} value @param {string} key @param {number} max */
function textProblem(value, key, max) {
	const label = key.replace(/_/g, ' ');
	if (typeof value !== 'string') return `The ${label} must be a string.`;
	if (value.length > max) return `The ${label} may not be greater than ${max} characters.`;
	return undefined;
}

/** @param {string} value */
function isEmail(value) {
	return (
		value.length <= 191 &&
		/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(value)
	);
}

/** @param {any} value */
function isCountry(value) {
	return typeof value === 'string' && /^[A-Z]{2}$/.test(value);
}

/** @param {any} value */
function isAdultDate(value) {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
	const adult = new Date(date);
	adult.setUTCFullYear(adult.getUTCFullYear() + 18);
	return adult.getTime() <= Date.now() && date.getUTCFullYear() >= 1900;
}

/** @param {string} iban */
function isIban(iban) {
	if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (const char of rearranged) {
		const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
		for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	return remainder === 1;
}

/** @param {string} number */
function luhn(number) {
	let sum = 0;
	for (let index = 0; index < number.length; index++) {
		let digit = Number(number[number.length - 1 - index]);
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

/**
 * A positive plain decimal as a JSON string (amounts are text, as in every example: "10"): no
 * JSON number, sign, exponent, hex or spaces. @param {any} value @param {number} decimals
 */
function isDecimal(value, decimals) {
	if (typeof value !== 'string') return false;
	const text = value;
	if (!new RegExp(`^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,${decimals}})?$`).test(text)) return false;
	return compare(text, '0') > 0;
}

// -------------------------------------------------------------------------------------------------
// Decimal arithmetic on strings (BigInt, fixed scale)

const SCALE = 18;

/** @param {string} text */
function toUnits(text) {
	const [whole, fraction = ''] = text.split('.');
	return (
		BigInt(whole) * 10n ** BigInt(SCALE) + BigInt((fraction + '0'.repeat(SCALE)).slice(0, SCALE))
	);
}

/** @param {bigint} units @param {number} decimals rounds down */
function fromUnits(units, decimals) {
	const factor = 10n ** BigInt(SCALE - decimals);
	const truncated = units / factor;
	const whole = truncated / 10n ** BigInt(decimals);
	const fraction = (truncated % 10n ** BigInt(decimals)).toString().padStart(decimals, '0');
	return decimals ? `${whole}.${fraction}` : `${whole}`;
}

/** @param {string} a @param {string} b @param {number} decimals */
function multiply(a, b, decimals) {
	return fromUnits((toUnits(a) * toUnits(b)) / 10n ** BigInt(SCALE), decimals);
}

/** @param {string} a @param {string} b @param {number} decimals */
function divide(a, b, decimals) {
	return fromUnits((toUnits(a) * 10n ** BigInt(SCALE)) / toUnits(b), decimals);
}

/** @param {string} a @param {string} b */
function add(a, b) {
	return fromUnits(toUnits(a) + toUnits(b), FIAT_DECIMALS);
}

/** @param {string} a @param {string} b */
function compare(a, b) {
	const difference = toUnits(a) - toUnits(b);
	return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** @param {string} text @param {number} decimals the same value with exactly that many decimals */
function fixed(text, decimals) {
	return fromUnits(toUnits(text), decimals);
}

// -------------------------------------------------------------------------------------------------
// Answers

/** @param {any} data */
function ok(data) {
	return { status: 200, body: { data } };
}

/** @param {Record<string, string[]>} errors @param {string} [message] */
function invalid(errors, message = 'The given data was invalid.') {
	return { status: 422, body: { message, errors } };
}

function badJson() {
	return { status: 400, body: { message: 'The request body is not valid JSON.' } };
}

/** @param {string} what */
function notFound(what) {
	return { status: 404, body: { message: `No query results for ${what}.` } };
}

/** @param {User} u */
function accountRefusal(u) {
	if (u.status === 'inactive') return { status: 401, body: { error: 'The account is inactive.' } };
	if (u.status === 'locked') return { status: 423, body: { error: 'The account is locked.' } };
	return undefined;
}

/** @param {User} u */
function phoneResource(u) {
	return { phone: u.phone?.phone, verified: u.phone?.verified, createdAt: u.phone?.createdAt };
}

/** @param {any} entry what a list or get returns: never the duplicate key (a full card number). */
function publicMethod(entry) {
	const { key: _key, kind: _kind, ...rest } = entry;
	return rest;
}

/**
 * Laravel's paginator: `data`, `links`, `meta`; `?page=` (1-based) and `?per_page=`.
 * @param {SimRequest} req @param {any[]} all
 */
function page(req, all) {
	const pageText = req.query.get('page') ?? '1';
	const perPageText = req.query.get('per_page') ?? String(PER_PAGE);
	if (!/^[1-9][0-9]{0,5}$/.test(pageText))
		return invalid({ page: ['The page must be a positive integer.'] });
	if (!/^[1-9][0-9]{0,2}$/.test(perPageText) || Number(perPageText) > MAX_PER_PAGE) {
		return invalid({ per_page: [`The per page must be between 1 and ${MAX_PER_PAGE}.`] });
	}
	const current = Number(pageText);
	const perPage = Number(perPageText);
	const lastPage = Math.max(1, Math.ceil(all.length / perPage));
	const slice = all.slice((current - 1) * perPage, current * perPage);
	const base = req.path;
	const link = (/** @type {number} */ n) => `${base}?page=${n}`;
	return {
		status: 200,
		body: {
			data: slice,
			links: {
				first: link(1),
				last: link(lastPage),
				prev: current > 1 ? link(current - 1) : null,
				next: current < lastPage ? link(current + 1) : null,
			},
			meta: {
				current_page: current,
				from: slice.length ? (current - 1) * perPage + 1 : null,
				last_page: lastPage,
				path: base,
				per_page: perPage,
				to: slice.length ? (current - 1) * perPage + slice.length : null,
				total: all.length,
			},
		},
	};
}

/** Laravel's wantsJson(): the first acceptable type is JSON. @param {string | undefined} accept */
function wantsJson(accept) {
	const first = String(accept ?? '')
		.split(',')[0]
		.trim();
	return /[/+]json\b/i.test(first);
}

/** @param {Record<string, any>} target @param {string} name @param {string} value form names like a[b] or a.b */
function setDotted(target, name, value) {
	const keys = name.replace(/\]/g, '').split(/[[.]/);
	let node = target;
	keys.slice(0, -1).forEach((key) => {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key];
	});
	node[keys[keys.length - 1]] = value;
}

function code() {
	return String(100000 + (randomBytes(4).readUInt32BE(0) % 900000));
}

/** @param {number} length */
function alphanumeric(length) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** @param {number} ms */
function iso(ms) {
	return new Date(ms).toISOString();
}

/** The documented form, with microseconds: 2020-12-08T09:43:40.289719Z. @param {number} ms */
function isoMicro(ms) {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

module.exports = {
	CryptoCoinSimulator,
	SANDBOX_PLATFORM: sandboxPlatform,
	ORDER_STATUSES,
	KYC_STATUSES,
	COIN_PRICES_EUR,
	FIAT_PER_EUR,
};

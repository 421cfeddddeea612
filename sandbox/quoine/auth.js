'use strict';
/** Quoine simulator, part 1 of 5: authentication and rate limit. */
const { decodeJwt, jwtVerify } = require('jose');

const { Simulator } = require('../common/server');
const { DEFAULT_USER_ID, AUTH_FAILED, NONCE_TOO_SMALL, RATE_LIMITED } = require('./constants');
const { parseNonce, unwrap } = require('./helpers');

/**
 * @typedef {import('../common/server').SimRequest} SimRequest
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {import('./types').User} User
 */

/** Version header, X-Quoine-Auth verification (with `jose`, not the node's signing code), nonces and the rate limit. */
class QuoineAuth extends Simulator {
	/**
	 * @param {{ rateLimit?: { max?: number, windowMs?: number } | false, pageNumbersAsStrings?: boolean, seedOrderBook?: boolean, seedExecutions?: boolean }} [options]
	 */
	constructor(options = {}) {
		super('quoine');
		this.options = options;
		/** Unix seconds used for every created_at / updated_at; replace it to control time. */
		this.clock = () => Math.floor(Date.now() / 1000);
		/** Milliseconds used by the rate limiter; replace it to control the window. */
		this.rateClock = () => Date.now();
		/** @type {{ max: number, windowMs: number } | false} */
		this.rateLimit =
			options.rateLimit === false
				? false
				: { max: options.rateLimit?.max ?? 300, windowMs: options.rateLimit?.windowMs ?? 300000 };
		/** @type {Map<string, { secret: string, userId: number }>} */
		this.tokens = new Map();
		/** @type {Map<string, bigint>} last accepted nonce per token */
		this.nonces = new Map();
		/** @type {Map<string, number[]>} request times per rate-limit key */
		this.rateWindows = new Map();
		this.remoteAddress = '127.0.0.1';
	}

	/** Current time in Unix seconds (see `clock`). */
	now() {
		return this.clock();
	}

	/**
	 * Registers an API token; requests signed with it act for `userId` (default: the sandbox user).
	 * @param {string} tokenId @param {string} secret @param {number} [userId]
	 */
	addToken(tokenId, secret, userId = DEFAULT_USER_ID) {
		this.tokens.set(String(tokenId), { secret, userId });
		this.ensureUser(userId);
		return this;
	}

	/**
	 * Checks the version header, the signature (for signed routes) and the rate limit.
	 * @param {SimRequest} req @param {boolean} needsAuth @param {(user?: User) => SimResponse} next
	 * @returns {Promise<SimResponse>}
	 */
	async guard(req, needsAuth, next) {
		const address = this.remoteAddress;
		if (req.headers['x-quoine-api-version'] !== '2') {
			return { status: 400, body: { message: 'X-Quoine-API-Version header must be 2' } };
		}
		/** @type {User | undefined} */
		let user;
		let key = `ip:${address}`;
		if (needsAuth) {
			const auth = await this.verify(req);
			if ('status' in auth) return auth;
			user = auth.user;
			key = `token:${auth.tokenId}`;
		}
		if (!this.allow(key)) return { status: 429, body: { message: RATE_LIMITED } };
		return next(user);
	}

	/**
	 * Verifies X-Quoine-Auth independently of the node: HS256 with the token's secret, the path claim
	 * against the path and raw query received, and a strictly increasing nonce.
	 * @param {SimRequest} req
	 * @returns {Promise<{ user: User, tokenId: string } | SimResponse>}
	 */
	async verify(req) {
		const denied = (text = AUTH_FAILED) => ({ status: 401, text });
		const header = req.headers['x-quoine-auth'];
		if (typeof header !== 'string' || header === '') return denied();
		/** @type {Record<string, unknown>} */
		let claims;
		try {
			claims = decodeJwt(header);
		} catch {
			return denied();
		}
		const tokenId = claims.token_id === undefined ? undefined : String(claims.token_id);
		const token = tokenId === undefined ? undefined : this.tokens.get(tokenId);
		if (!token || tokenId === undefined) return denied();
		try {
			await jwtVerify(header, new TextEncoder().encode(token.secret), { algorithms: ['HS256'] });
		} catch {
			return denied();
		}
		const expectedPath = req.rawQuery === '' ? req.path : `${req.path}?${req.rawQuery}`;
		if (claims.path !== expectedPath) return denied();
		const body = unwrap(req.body, 'order');
		if (claims.nonce === undefined && body?.client_order_id) {
			// Liquid: "Nonce is not required in authentication's payload if client_order_id is provided."
		} else {
			const nonce = parseNonce(claims.nonce);
			if (nonce === undefined) return denied();
			const last = this.nonces.get(tokenId);
			if (last !== undefined && nonce <= last) return denied(NONCE_TOO_SMALL);
			this.nonces.set(tokenId, nonce);
		}
		return { user: this.ensureUser(token.userId), tokenId };
	}

	/** Sliding-window limiter; returns false when the request must get 429. @param {string} key */
	allow(key) {
		if (!this.rateLimit) return true;
		const now = this.rateClock();
		const since = now - this.rateLimit.windowMs;
		const times = (this.rateWindows.get(key) ?? []).filter((t) => t > since);
		if (times.length >= this.rateLimit.max) {
			this.rateWindows.set(key, times);
			return false;
		}
		times.push(now);
		this.rateWindows.set(key, times);
		return true;
	}

	/**
	 * @param {string} method @param {string} path @param {string} rawQuery
	 * @param {import('node:http').IncomingMessage} req @param {string} rawBody
	 */
	dispatch(method, path, rawQuery, req, rawBody) {
		// Read synchronously by guard() before the handler awaits anything.
		this.remoteAddress = req.socket.remoteAddress ?? '127.0.0.1';
		return super.dispatch(method, path, rawQuery, req, rawBody);
	}
}

module.exports = { QuoineAuth };

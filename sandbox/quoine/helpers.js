'use strict';
/** Small pure helpers of the Quoine simulator: answers in the documented error shapes, body unwrapping, sorting. */
const { format, mul, d } = require('./decimal');

/**
 * @typedef {import('../common/server').SimResponse} SimResponse
 * @typedef {import('./types').Order} Order
 * @typedef {import('./types').Execution} Execution
 */

/** @param {Order} order */
function isOpen(order) {
	return order.status === 'live' || order.status === 'partially_filled';
}

/** @param {Execution} e */
function renderPublicExecution(e) {
	return { id: e.id, quantity: format(e.quantity), price: format(e.price), taker_side: e.takerSide, created_at: e.createdAt };
}

/** @param {Execution} a @param {Execution} b */
function newestFirst(a, b) {
	return b.createdAt - a.createdAt || b.id - a.id;
}

/** @param {'long' | 'short'} side @param {bigint} open @param {bigint} close @param {bigint} quantity */
function pnl(side, open, close, quantity) {
	return side === 'long' ? mul(close - open, quantity) : mul(open - close, quantity);
}

/** @param {unknown} nonce @returns {bigint | undefined} */
function parseNonce(nonce) {
	if (typeof nonce === 'number' && Number.isInteger(nonce)) return BigInt(nonce);
	if (typeof nonce === 'string' && /^\d+$/.test(nonce)) return BigInt(nonce);
	return undefined;
}

/**
 * The fields of a body sent wrapped (`{"order": {...}}`) or flat.
 * @param {any} body @param {string} key @returns {Record<string, any> | undefined}
 */
function unwrap(body, key) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const inner = body[key];
	if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner;
	return body;
}

/** @param {any} body @returns {SimResponse} */
const ok = (body) => ({ status: 200, body });
/** @param {string} message @returns {SimResponse} */
const notFound = (message) => ({ status: 404, body: { message } });
/** @param {any} body @returns {SimResponse} */
const unprocessable = (body) => ({ status: 422, body });
/** @param {string} field @param {string} code @returns {SimResponse} */
const fieldError = (field, code) => unprocessable({ errors: { [field]: [code] } });

module.exports = {
	isOpen,
	renderPublicExecution,
	newestFirst,
	pnl,
	parseNonce,
	unwrap,
	ok,
	notFound,
	unprocessable,
	fieldError,
};

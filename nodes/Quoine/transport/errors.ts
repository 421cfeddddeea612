import type { IDataObject } from 'n8n-workflow';

import { bodySnippet, type ErrorKind, type ServiceErrorInfo } from '../../shared/errors';

/** Error codes found in `{"errors": {"<field>": ["<code>"]}}` bodies (spec §8.2, §8.3). */
export const ERROR_CODES: Record<string, string> = {
	not_enough_free_balance: 'Not enough free balance to place this order',
	not_enough_fund: 'Not enough funds in the account',
	must_be_positive: 'Quantity and price must be greater than zero',
	less_than_order_size: 'Quantity is below the minimum order size for this product',
	price_too_high: 'Price is too high for this product',
	price_too_small: 'Price is too low for this product',
	product_disabled: 'This product is disabled for trading',
};

/** What each code means for retry and recovery code (which reads kinds, never text). */
const CODE_KINDS: Record<string, ErrorKind> = {
	not_enough_free_balance: 'insufficientFunds',
	not_enough_fund: 'insufficientFunds',
};

/** Exact error texts in `message` or in plain-text bodies (spec §8.3). */
export const ERROR_TEXTS: Record<string, ServiceErrorInfo> = {
	'api rate limit exceeded. please retry after 300s': {
		message: 'Rate limited by the exchange: retry after 300 seconds',
		description: 'The exchange allows 300 requests per 5 minutes for each API token.',
		kind: 'rateLimited',
	},
	'api authentication failed': {
		message: 'Authentication failed: invalid API Token ID or API Secret',
		description: 'Check the Quoine credential. Quoinex and Qryptos issue different tokens: check the Exchange too.',
		kind: 'auth',
	},
	'nonce is too small': {
		message: 'The request nonce was not increasing: retry, and check the system clock',
		description:
			'Each request carries a millisecond timestamp that must grow from one request to the next for this API token. Another program using the same token with a clock ahead of this one can cause this.',
		kind: 'nonce',
	},
	'order not found': { message: 'No such order', description: 'Check the Order ID.', kind: 'notFound' },
	'can not update partially filled order': {
		message: 'A partially filled order cannot be edited',
		description: 'Cancel it and place a new order instead.',
	},
	'can not update non-live order': {
		message: 'Only live orders can be edited',
		description: 'The order is already filled or cancelled.',
	},
	'missing parameters': { message: 'Missing parameters' },
};

const STATUS_TEXT: Record<number, ServiceErrorInfo> = {
	400: { message: 'The exchange rejected the request' },
	401: {
		message: 'Authentication failed',
		description: 'Check the API Token ID and API Secret in the credential (and the system clock, for nonce errors).',
	},
	404: { message: 'Not found', description: 'Check the ID, and that the Base URL has no extra path.' },
	422: { message: 'Missing or malformed parameters' },
	429: {
		message: 'Rate limit exceeded',
		description: 'The exchange allows 300 requests per 5 minutes for each API token.',
	},
	503: {
		message: 'Exchange unavailable, the API token lacks permission for this call, or the usage limit was reached',
		description: 'Check the permissions of the API token, then try again later.',
	},
};

/** Turns `{"errors": {"quantity": ["less_than_order_size"]}}` into readable text. */
function describeFieldErrors(errors: unknown): string | undefined {
	if (typeof errors === 'string') return ERROR_CODES[errors] ?? errors;
	if (Array.isArray(errors)) return errors.map((code) => describeCode(code)).join('; ');
	if (typeof errors !== 'object' || errors === null) return undefined;
	const parts: string[] = [];
	for (const [field, codes] of Object.entries(errors as IDataObject)) {
		const list = Array.isArray(codes) ? codes : [codes];
		for (const code of list) {
			const known = typeof code === 'string' ? ERROR_CODES[code] : undefined;
			// Known codes read as sentences; the field is only worth naming for unknown ones.
			parts.push(known ?? `${field}: ${describeCode(code)}`);
		}
	}
	return parts.length ? parts.join('; ') : undefined;
}

function describeCode(code: unknown): string {
	if (typeof code === 'string') return ERROR_CODES[code] ?? code.replace(/_/g, ' ');
	return bodySnippet(code, 100);
}

/**
 * Readable error for an answer with status ≥ 400. Handles both documented body shapes
 * (`{"message": …}` and `{"errors": {field: [code]}}`) and plain-text bodies (401, spec §8.2).
 */
export function describeError(status: number, body: unknown): ServiceErrorInfo {
	const info = describeErrorText(status, body);
	const kind = info.kind ?? codeKind(body);
	return kind ? { ...info, kind } : info;
}

/** The kind of the first known code in `{"errors": …}` or `{"message": "<code>"}`, if any. */
function codeKind(body: unknown): ErrorKind | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const { errors, message } = body as IDataObject;
	const codes: unknown[] = [message];
	if (typeof errors === 'string') codes.push(errors);
	else if (Array.isArray(errors)) codes.push(...errors);
	else if (errors && typeof errors === 'object') {
		for (const list of Object.values(errors)) codes.push(...(Array.isArray(list) ? list : [list]));
	}
	for (const code of codes) {
		if (typeof code === 'string' && CODE_KINDS[code]) return CODE_KINDS[code];
	}
	return undefined;
}

function describeErrorText(status: number, body: unknown): ServiceErrorInfo {
	const generic = STATUS_TEXT[status] ?? {
		message: status >= 500 ? `Exchange error (${status})` : `The exchange answered ${status}`,
	};
	let detail: string | undefined;
	let text: string | undefined;
	if (typeof body === 'string') {
		text = body.trim();
	} else if (body && typeof body === 'object' && !Array.isArray(body)) {
		const object = body as IDataObject;
		if (object.errors !== undefined) detail = describeFieldErrors(object.errors);
		if (typeof object.message === 'string') text = object.message.trim();
		else if (object.message !== undefined) detail ??= describeFieldErrors(object.message);
		if (!detail && !text) detail = bodySnippet(body);
	}
	if (text) {
		const known = ERROR_TEXTS[text.toLowerCase()];
		if (known) {
			return { message: known.message, description: known.description ?? generic.description, kind: known.kind };
		}
		if (ERROR_CODES[text]) detail = ERROR_CODES[text];
		else detail = detail ? `${text}; ${detail}` : bodySnippet(text);
	}
	if (!detail) return { message: `Quoine: ${generic.message} (HTTP ${status})`, description: generic.description };
	if (status === 400 || status === 422) {
		return { message: detail, description: `${generic.message} (HTTP ${status}).` };
	}
	return { message: `${generic.message}: ${detail}`, description: generic.description };
}

import type { IDataObject } from 'n8n-workflow';

import { bodySnippet, kindFromStatus, type ErrorKind, type ServiceErrorInfo } from '../../shared/errors';

/**
 * Mixin error answers: `{"error": {"status", "code", "description", "extra"?}}`, usually with
 * HTTP 202 (Mixin's docs: "only 20x and 500 will be used"), sometimes with the HTTP status of the
 * code. The `error` object is checked on every answer, whatever the status (spec §10, §15).
 */
export interface MixinError {
	status?: number;
	code?: number;
	description?: string;
	extra?: unknown;
}

/** The `error` object of an answer, if it has one. */
export function mixinErrorOf(body: unknown): MixinError | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error;
	if (typeof error !== 'object' || error === null || Array.isArray(error)) return undefined;
	const object = error as IDataObject;
	const code = typeof object.code === 'number' ? object.code : undefined;
	const status = typeof object.status === 'number' ? object.status : undefined;
	return {
		code,
		status,
		description: typeof object.description === 'string' ? object.description : undefined,
		extra: object.extra,
	};
}

export function isErrorBody(body: unknown): boolean {
	return mixinErrorOf(body) !== undefined;
}

interface CodeEntry {
	message: string;
	description?: string;
	kind?: ErrorKind;
}

/** Documented codes (spec §10 and §15), in words that say what to do. */
export const ERROR_CODES: Record<number, CodeEntry> = {
	400: { message: 'The request was malformed', description: 'Check the input fields.', kind: 'invalidInput' },
	401: {
		message: 'Authentication failed (401)',
		description:
			'Check the user ID, session ID and private key in the CoinView credential, and that the system clock of n8n is right (tokens carry the time).',
		kind: 'auth',
	},
	403: { message: 'This wallet is not allowed to do this (403)', kind: 'auth' },
	404: {
		message: 'Not found (404)',
		description:
			'Check the ID. If every request gives this, the endpoint may be retired: Mixin removed the legacy wallet API (assets, snapshots, transfers, payments) from its documentation in 2025.',
		kind: 'notFound',
	},
	429: { message: 'Rate limited by Mixin (429)', description: 'Wait a little and try again.', kind: 'rateLimited' },
	500: {
		message: 'Mixin server error (500)',
		description: 'Safe to try again: a transfer is sent again with the same trace ID, which Mixin executes once.',
		kind: 'serverError',
	},
	10002: { message: 'Invalid input', kind: 'invalidInput' },
	10006: { message: 'The server requires a newer client (10006)', kind: 'invalidInput' },
	10104: {
		message: 'The deposit address is still being generated (10104)',
		description: 'Try again later.',
		kind: 'serverError',
	},
	10105: {
		message: 'Locked by another transaction (10105)',
		description: 'Try again later, after the other transaction has finished.',
		kind: 'serverError',
	},
	20117: { message: 'Insufficient balance (20117)', description: 'Top up the wallet or send less.', kind: 'insufficientFunds' },
	20118: { message: 'Invalid PIN format (20118)', description: 'The PIN must be 6 digits. Check the PIN in the credential.', kind: 'invalidInput' },
	20119: {
		message: 'PIN incorrect (20119): do not retry',
		description:
			'Retrying with a wrong PIN can lock the wallet PIN. Check the PIN and the PIN token in the credential (a wrong PIN token or iterator gives this too) before you run a transfer again.',
		kind: 'auth',
	},
	20120: { message: 'The amount is below the minimum transfer (20120)', kind: 'invalidInput' },
	20124: { message: 'Not enough balance to pay the fee (20124)', kind: 'insufficientFunds' },
	20125: { message: 'This payment has already been completed by someone else (20125)', kind: 'duplicate' },
	20127: { message: 'Withdrawal amount too small (20127)', kind: 'invalidInput' },
	20131: { message: 'Invalid memo format (20131)', kind: 'invalidInput' },
	20134: { message: 'Withdrawal amount too large (20134)', kind: 'invalidInput' },
	20135: { message: 'Withdrawal fee too small (20135)', kind: 'invalidInput' },
	20150: { message: 'Invalid recipient list (20150)', kind: 'invalidInput' },
	30102: { message: 'Invalid address (30102)', kind: 'invalidInput' },
	7000: { message: 'Mixin messaging service error (7000)', description: 'Try again later.', kind: 'serverError' },
	7001: { message: 'Mixin messaging service timeout (7001)', description: 'Try again later.', kind: 'serverError' },
};

const SECRET_KEY = /pin|secret|signature|token|authorization|private/i;

/** A copy of `extra` without values under secret-looking keys (a server may echo the request). */
function redacted(value: unknown, depth = 0): unknown {
	if (depth > 4 || typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) return value.map((entry) => redacted(entry, depth + 1));
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		out[key] = SECRET_KEY.test(key) ? '[redacted]' : redacted(entry, depth + 1);
	}
	return out;
}

/** `extra` of a 10002 answer as short text (field names and reasons; never a secret it echoes). */
export function extraText(extra: unknown): string {
	if (extra === undefined || extra === null || extra === '') return '';
	return bodySnippet(redacted(extra), 200);
}

/** Mixin request fields → the editor labels of the fields they come from. */
export const FIELD_LABELS: Record<string, string> = {
	asset_id: 'Asset',
	opponent_id: 'Recipient ID',
	amount: 'Amount',
	memo: 'Memo',
	trace_id: 'Trace ID',
	pin: 'PIN (credential)',
	user_id: 'User ID',
	limit: 'Limit',
	offset: 'After / Before',
	order: 'Order',
	asset: 'Asset ID',
	opponent: 'Opponent ID',
};

/**
 * The editor labels of the fields an `extra` of a 10002 answer names: its `field` (or `name`,
 * `param`) value, or its keys. The format of `extra` is not documented (spec §10), so both are read.
 */
export function fieldLabelsOf(extra: unknown): string[] {
	if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return [];
	const object = extra as IDataObject;
	const named = ['field', 'name', 'param'].map((key) => object[key]).filter((value): value is string => typeof value === 'string');
	const names = named.length > 0 ? named : Object.keys(object);
	const labels = names.map((name) => FIELD_LABELS[name.toLowerCase()]).filter((label): label is string => label !== undefined);
	return [...new Set(labels)];
}

/** Mixin's `error.code` of an error the request wrapper threw, if the answer had one. */
export function mixinCodeOf(error: unknown): number | undefined {
	const response = (error as { errorResponse?: { mixinCode?: unknown } } | undefined)?.errorResponse;
	return typeof response?.mixinCode === 'number' ? response.mixinCode : undefined;
}

/** The error table's text, plus Mixin's code (it travels in the error's details, see mixinCodeOf). */
export function describeError(status: number, body: unknown): ServiceErrorInfo & { details?: { mixinCode: number } } {
	const error = mixinErrorOf(body);
	const code = error ? (error.code ?? error.status) : undefined;
	const info = describeErrorText(status, error, body);
	return code !== undefined ? { ...info, details: { mixinCode: code } } : info;
}

function describeErrorText(status: number, error: MixinError | undefined, body?: unknown): ServiceErrorInfo {
	if (error) {
		const code = error.code ?? error.status;
		const entry = code !== undefined ? ERROR_CODES[code] : undefined;
		const said = error.description ? bodySnippet(error.description, 200) : '';
		const extra = extraText(error.extra);
		if (entry) {
			const details = [said && `Mixin says: ${said}.`, extra && `Details: ${extra}.`, entry.description]
				.filter(Boolean)
				.join(' ');
			// A 10002 names the field by its editor label when `extra` says which one it is.
			const labels = code === 10002 ? fieldLabelsOf(error.extra) : [];
			const field = labels.length > 0 ? ` (${labels.join(', ')})` : '';
			return {
				message: `CoinView: ${entry.message}${code === 10002 ? `${field}${extra ? `: ${extra}` : ''}` : ''}`,
				description: details || undefined,
				kind: entry.kind ?? kindFromStatus(error.status ?? status),
			};
		}
		return {
			message: `CoinView: error ${code ?? 'without a code'}${said ? `: ${said}` : ''}`,
			description: extra ? `Details: ${extra}` : undefined,
			kind: kindFromStatus(error.status && error.status !== 202 ? error.status : status),
		};
	}
	const entry = ERROR_CODES[status];
	const text = typeof body === 'string' ? bodySnippet(body.trim(), 200) : bodySnippet(body, 200);
	if (entry) {
		return {
			message: `CoinView: ${entry.message}`,
			description: [text && `The server answered: ${text}.`, entry.description].filter(Boolean).join(' ') || undefined,
			kind: entry.kind,
		};
	}
	return {
		message: `CoinView: HTTP ${status}${text ? `: ${text}` : ''}`,
		kind: kindFromStatus(status),
	};
}

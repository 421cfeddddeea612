import { bodySnippet, type ServiceErrorInfo } from '../../shared/errors';

/**
 * Error answers of the CryptoCoin.pro API (spec §8): `{"error": "…"}` on authentication errors,
 * Laravel validation `{"message": "…", "errors": {"field": ["…"]}}` (INFERRED), or text.
 */

/** Editor labels of the body fields the node sends, so a validation error names the field. */
export const FIELD_LABELS: Record<string, string> = {
	email: 'Email',
	password: 'Password',
	'platform.id': 'Platform ID',
	platform: 'Platform ID',
	code: 'Code',
	phone: 'Phone Number',
	address: 'Address',
	network: 'Network',
	iban: 'IBAN',
	swift: 'SWIFT / BIC',
	operation: 'Quote Operation',
	symbol: 'Symbol',
	secondSymbol: 'Second Symbol',
	amount: 'Amount',
	secondAmount: 'Amount',
	method: 'Payment Method',
	first_name: 'First Name',
	last_name: 'Last Name',
	dob: 'Date of Birth',
	country: 'Country',
	city: 'City',
	street: 'Street',
	zip: 'ZIP Code',
	type: 'Document Type',
	proof: 'Input Binary Field',
	front: 'Front Side Binary Field',
	back: 'Back Side Binary Field',
	video: 'Input Binary Field',
	quote: 'Quote ID',
	order: 'Order ID',
};

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The first field problems of a Laravel `errors` object, as "Label: message". */
export function fieldProblems(body: unknown): string[] {
	if (typeof body !== 'object' || body === null) return [];
	const errors = (body as { errors?: unknown }).errors;
	if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return [];
	const problems: string[] = [];
	for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
		const first = Array.isArray(messages) ? messages.find((m) => typeof m === 'string') : messages;
		const label = FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.')[0]] ?? field;
		const message = text(first) || 'is invalid';
		problems.push(`${label} (${field.slice(0, 60)}): ${message.slice(0, 200)}`);
		if (problems.length >= 5) break;
	}
	return problems;
}

/** The service's own words: `error`, then `message`, then the text. */
export function serviceMessage(body: unknown): string {
	if (typeof body === 'string') return bodySnippet(body.trim(), 200);
	if (typeof body === 'object' && body !== null) {
		const { error, message } = body as Record<string, unknown>;
		const found = text(error) || text(message);
		if (found) return bodySnippet(found, 200);
		if (typeof error === 'object' && error !== null) return bodySnippet(error, 200);
	}
	return '';
}

const EXPIRED = /expired?|no longer available|not available/i;

export function describeError(status: number, body: unknown): ServiceErrorInfo {
	const said = serviceMessage(body);
	const quoted = said ? `: ${said}` : '';
	const problems = fieldProblems(body);
	if (status < 300) {
		if (problems.length > 0) {
			return {
				message: `CryptoCoin rejected ${problems[0]}`,
				description: problems.length > 1 ? `All problems: ${problems.join('; ')}` : said ? `CryptoCoin.pro: ${said}` : undefined,
				kind: 'invalidInput',
			};
		}
		return { message: `CryptoCoin rejected the request${quoted || ': no reason given'}`, kind: 'invalidInput' };
	}
	if (EXPIRED.test(said) && /quote/i.test(said)) {
		return {
			message: `CryptoCoin: the quote has expired and can no longer be confirmed${quoted}`,
			description:
				'A quote is valid for a limited time only. Create a new quote (Quote → Create) and confirm it right away. Nothing was confirmed.',
			kind: 'invalidInput',
		};
	}
	if (status === 422 || status === 400) {
		if (problems.length > 0) {
			return {
				message: `CryptoCoin rejected ${problems[0]}`,
				description:
					problems.length > 1 ? `All problems: ${problems.join('; ')}` : said ? `CryptoCoin.pro: ${said}` : undefined,
				kind: 'invalidInput',
			};
		}
		return { message: `CryptoCoin rejected the request as invalid (${status})${quoted}`, kind: 'invalidInput' };
	}
	if (status === 401) {
		return {
			message: `CryptoCoin did not accept the login token (401)${quoted}`,
			description:
				'The node logged in again and the new token was refused too. The account may be inactive: verify its e-mail, or check the credential.',
			kind: 'auth',
		};
	}
	if (status === 403) {
		return {
			message: `CryptoCoin refused the request for this user (403)${quoted}`,
			description:
				'The logged-in user (or the platform) may not do this, or the User ID names another user. Check User ID / Act for User and the credential.',
			kind: 'auth',
		};
	}
	if (status === 423) {
		return {
			message: `CryptoCoin: the user account is locked (423)${quoted}`,
			description: 'Contact CryptoCoin.pro support to unlock the account; nothing was done.',
			kind: 'auth',
		};
	}
	if (status === 404) {
		return {
			message: `CryptoCoin: not found (404)${quoted}`,
			description: 'Check the ID, the User ID and the Environment or Base URL in the credential.',
			kind: 'notFound',
		};
	}
	if (status === 409) {
		return { message: `CryptoCoin: conflict (409)${quoted}`, kind: 'duplicate' };
	}
	if (status === 429) {
		return { message: 'CryptoCoin: too many requests (429)', description: 'Wait before trying again.', kind: 'rateLimited' };
	}
	if (status >= 500) {
		return { message: `CryptoCoin server error (${status})${quoted}`, kind: 'serverError' };
	}
	return { message: `CryptoCoin answered HTTP ${status}${quoted}` };
}

/**
 * A 2xx answer without `data` that carries `error`, or Laravel validation `errors` (a non-empty
 * object), is an error too: a proxy or a misconfigured server can answer a refusal with 200.
 */
export function isErrorBody(body: unknown): boolean {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
	const object = body as Record<string, unknown>;
	if (object.data !== undefined) return false;
	if (text(object.error) !== '' || (typeof object.error === 'object' && object.error !== null)) return true;
	const errors = object.errors;
	return typeof errors === 'object' && errors !== null && Object.keys(errors).length > 0;
}

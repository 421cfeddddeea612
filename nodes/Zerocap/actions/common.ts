import { z } from 'zod';

import { fields } from '../../shared/validation';

/**
 * An instrument as BASE/QUOTE, e.g. USDT/AUD (spec §6.1). ASCII letters and digits only on each
 * side, checked as typed; only then is lower case sent in upper case, as the API writes symbols
 * (so "uſdt/aud" is refused instead of becoming USDT/AUD).
 */
export const symbol = fields.symbol({
	pattern: /^[A-Za-z0-9]{2,12}\/[A-Za-z0-9]{2,12}$/,
	example: 'USDT/AUD',
	message: 'must be two asset codes separated by a slash, such as USDT/AUD',
	upperCase: true,
});

/**
 * Expressions and AI tools may write "BUY" or " Limit ": compared without case or spaces. Only
 * ASCII text is lower-cased ("MAR\u212AET" with a Kelvin sign would otherwise become "market").
 */
export const lowerCased = (value: unknown) =>
	typeof value === 'string' && /^[\x20-\x7e]*$/.test(value) ? value.trim().toLowerCase() : value;

export const side = z.preprocess(
	lowerCased,
	z.enum(['buy', 'sell'], { errorMap: () => ({ message: 'must be buy or sell' }) }),
);

export const orderType = z.preprocess(
	lowerCased,
	z.enum(['limit', 'market'], { errorMap: () => ({ message: 'must be limit or market' }) }),
);

/**
 * A client order ID given by the user: 1–64 letters, digits and - _ . : (INFERRED: the API
 * states no format; the SDK examples use UUIDs).
 */
export const clientOrderId = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.max(64, 'must be at most 64 characters')
	.refine(
		(value) => value === '' || /^[A-Za-z0-9._:-]+$/.test(value),
		'may contain only letters, digits and - _ . :',
	);

/**
 * An order ID as returned by Create (a UUID in every documented example). INFERRED: the API states
 * no format, so any 1–100 ASCII letters, digits and - _ . : are accepted; spaces, other characters
 * and longer text are refused before sending.
 */
export const orderId = fields.text({
	max: 100,
	pattern: /^[A-Za-z0-9._:-]+$/,
	patternMessage: 'must be an order ID as Zerocap returns it (letters, digits and - _ . :, no spaces)',
});

import { z } from 'zod';

/**
 * An instrument as BASE/QUOTE, e.g. USDT/AUD (spec §6.1). Letters and digits only on each side;
 * lower case is accepted and sent in upper case, as the API writes symbols.
 */
export const symbol = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text such as USDT/AUD' })
	.trim()
	.min(1, 'is required')
	.transform((value) => value.toUpperCase())
	.refine(
		(value) => /^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/.test(value),
		'must be two asset codes separated by a slash, such as USDT/AUD',
	);

/** Expressions and AI tools may write "BUY" or " Limit ": compared without case or spaces. */
export const lowerCased = (value: unknown) =>
	typeof value === 'string' ? value.trim().toLowerCase() : value;

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

/** An order ID as returned by Create (a UUID in every documented example). */
export const orderId = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.refine((value) => !/\s/.test(value), 'must not contain spaces');

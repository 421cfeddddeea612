import type { IDataObject } from 'n8n-workflow';

/**
 * Where an order carries its card payment URL is UNDOCUMENTED (spec §10.12). INFERRED: the
 * first http(s) URL under one of these keys, then any key that mentions both "pay" and
 * "url"/"link", looked for up to three levels deep.
 */
const PAYMENT_URL_KEYS = ['paymentUrl', 'payment_url', 'paymentLink', 'payment_link', 'checkoutUrl', 'checkout_url'];

function isHttpUrl(value: unknown): value is string {
	return typeof value === 'string' && value.length <= 4096 && /^https?:\/\/\S+$/i.test(value);
}

export function paymentUrlOf(record: IDataObject, depth = 0): string | undefined {
	for (const key of PAYMENT_URL_KEYS) if (isHttpUrl(record[key])) return record[key] as string;
	for (const [key, value] of Object.entries(record)) {
		if (/pay/i.test(key) && /url|link/i.test(key) && isHttpUrl(value)) return value;
	}
	if (depth >= 2) return undefined;
	for (const [key, value] of Object.entries(record)) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
		const nested = value as IDataObject;
		if (/pay/i.test(key) && isHttpUrl(nested.url)) return nested.url as string;
		const found = paymentUrlOf(nested, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/** An order as output: the record, plus `paymentUrl` at the top when the order has one. */
export function orderOutput(order: IDataObject): IDataObject {
	const paymentUrl = paymentUrlOf(order);
	return paymentUrl && order.paymentUrl === undefined ? { ...order, paymentUrl } : order;
}

/** The ID of a record as text (IDs are UUIDs or numbers in the examples). */
export function idOf(record: IDataObject | undefined): string | undefined {
	const id = record?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The order ID a quote names once it is confirmed, if it names one (INFERRED key names). */
export function orderIdOfQuote(quote: IDataObject): string | undefined {
	for (const key of ['orderId', 'order_id']) {
		const value = quote[key];
		if (typeof value === 'string' || typeof value === 'number') return String(value);
	}
	const order = quote.order;
	if (typeof order === 'string' || typeof order === 'number') return String(order);
	if (typeof order === 'object' && order !== null && !Array.isArray(order)) return idOf(order as IDataObject);
	return undefined;
}

/** The quote ID an order names (INFERRED key names). */
export function quoteIdOfOrder(order: IDataObject): string | undefined {
	for (const key of ['quoteId', 'quote_id']) {
		const value = order[key];
		if (typeof value === 'string' || typeof value === 'number') return String(value);
	}
	const quote = order.quote;
	if (typeof quote === 'string' || typeof quote === 'number') return String(quote);
	if (typeof quote === 'object' && quote !== null && !Array.isArray(quote)) return idOf(quote as IDataObject);
	return undefined;
}

/** The status of a record, if it has one (spec §11: the field name is INFERRED `status`). */
export function statusOf(record: IDataObject): string | undefined {
	const status = record.status;
	return typeof status === 'string' && status !== '' ? status : undefined;
}

/**
 * The KYC parts the profile marks `"required": true` (spec §10.13; the profile layout is
 * UNDOCUMENTED). INFERRED: any object with `required: true`, named by its key path, e.g.
 * `kyc.address`; in a list, by the entry's `name`, `type` or `key` when it has one.
 */
export function requiredKycOf(profile: unknown): string[] {
	const found: string[] = [];
	const walk = (value: unknown, path: string, depth: number) => {
		if (depth > 6 || found.length >= 100 || typeof value !== 'object' || value === null) return;
		if (Array.isArray(value)) {
			value.forEach((entry, index) => {
				const object = typeof entry === 'object' && entry !== null ? (entry as IDataObject) : undefined;
				const label = [object?.name, object?.type, object?.key].find((v) => typeof v === 'string' && v !== '') as string | undefined;
				walk(entry, `${path}${path ? '.' : ''}${label ?? String(index)}`, depth + 1);
			});
			return;
		}
		const object = value as IDataObject;
		if (object.required === true && path !== '') found.push(path);
		for (const [key, entry] of Object.entries(object)) {
			if (key === 'required') continue;
			walk(entry, `${path}${path ? '.' : ''}${key}`, depth + 1);
		}
	};
	walk(profile, '', 0);
	return found;
}

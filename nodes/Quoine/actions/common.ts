import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields } from '../../shared/validation';
import { quoineRequest } from '../transport';

export { productLocator } from '../methods/listSearch';

/** The value of a resource locator (or of a plain field holding an ID). */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

/** Positive whole-number ID, given as a number or numeric text. `what` reads "an order ID". */
export const positiveId = (what: string) =>
	z.preprocess(
		(value) => (typeof value === 'string' ? value.trim() : value),
		z.union([z.number(), z.string()], { required_error: 'is required', invalid_type_error: `must be ${what}` })
			.refine((value) => value !== '', 'is required')
			.transform((value) => Number(value))
			.refine((value) => Number.isSafeInteger(value) && value > 0, `must be ${what} (a whole number above zero)`),
	);

export const productId = positiveId('a product ID');

export const quantity = fields.decimalString({ positive: true });
export const price = fields.decimalString({ positive: true });

/** Currency code such as USD or BTC, upper-cased. */
export const currency = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text, e.g. USD' })
	.trim()
	.min(1, 'is required')
	.regex(/^[A-Za-z0-9]{2,12}$/, 'must be a currency code such as USD or BTC')
	.transform((value) => value.toUpperCase());

/** The same, but empty means "not given". */
export const optionalCurrency = z.preprocess(
	(value) => (value === undefined || value === null || String(value).trim() === '' ? undefined : value),
	currency.optional(),
);

/** Empty text or nothing means "not given"; otherwise a positive decimal string. */
export const optionalDecimal = (options: { allowZero?: boolean } = {}) =>
	z.preprocess(
		(value) => (value === undefined || value === null || String(value).trim() === '' ? undefined : value),
		fields.decimalString({ positive: true, allowZero: options.allowZero }).optional(),
	);

export const side = z.enum(['buy', 'sell'], { errorMap: () => ({ message: 'must be buy or sell' }) });

/** Leverage levels the exchange offers (spec §13). */
export const LEVERAGE_LEVELS = [2, 4, 5, 10, 25] as const;

export const leverageLevel = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
	z
		.number({ required_error: 'is required', invalid_type_error: 'must be one of 2, 4, 5, 10, 25' })
		.refine((value) => (LEVERAGE_LEVELS as readonly number[]).includes(value), 'must be one of 2, 4, 5, 10, 25'),
);

export const sideField: INodeProperties = {
	displayName: 'Side',
	name: 'side',
	type: 'options',
	options: [
		{ name: 'Buy', value: 'buy' },
		{ name: 'Sell', value: 'sell' },
	],
	default: 'buy',
	description: 'Whether to buy or sell the base currency',
};

export function quantityField(description = 'Amount of the base currency, as a decimal number such as 0.01'): INodeProperties {
	return {
		displayName: 'Quantity',
		name: 'quantity',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0.01',
		description,
	};
}

export function currencyField(description: string, required = true): INodeProperties {
	return {
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required,
		default: '',
		placeholder: 'USD',
		description,
	};
}

/** Fields of an order, in the order the SDK writes them (spec §11.4). */
export const orderLabels = {
	productId: 'Product',
	side: 'Side',
	quantity: 'Quantity',
	price: 'Price',
	priceRange: 'Price Range',
	leverageLevel: 'Leverage Level',
	fundingCurrency: 'Funding Currency',
	orderDirection: 'Order Direction',
	orderType: 'Order Type',
};

export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '2157474',
	description: 'ID of the order, as returned when it was created',
};

export const orderId = positiveId('an order ID');

/**
 * Order bodies are wrapped as {"order": {…}}, as the python-quoine SDK sends them; the later
 * Liquid documentation shows a flat body instead, and the exchange accepted both (spec §10).
 */
export function wrapOrder(order: Record<string, unknown>): { order: Record<string, unknown> } {
	return { order };
}

/** An operation without inputs that GETs one signed path and outputs what it answers. */
export function signedGet(path: string): {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
} {
	return {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			return (await quoineRequest.call(this, { method: 'GET', path }, itemIndex)) as IDataObject | IDataObject[];
		},
	};
}

export function idField(displayName: string, name: string, placeholder: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', placeholder, description };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, optional } from '../../shared/validation';
import { quoineRequest } from '../transport';
import { endpointRequest, type EndpointKey } from '../transport/endpoints';

export { productLocator } from '../methods/listSearch';

/** The value of a resource locator (or of a plain field holding an ID). */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

/**
 * Positive whole-number ID, given as a safe integer number or ASCII digits (no '0x', '0b', '0o',
 * exponent, sign or leading zeros: `Number()` would read "0x10" as 16). `what` reads "an order ID".
 */
export const positiveId = (what: string) => fields.integerId({ what: `${what} (a whole number above zero)` });

export const productId = positiveId('a product ID');

/** Positive decimals, sent as the text typed (see nodes/shared/validation.ts for the rule). */
export const quantity = fields.decimal();
export const price = fields.decimal();

/** Currency code such as USD or BTC: checked as ASCII, then upper-cased. */
export const currency = fields.symbol({
	pattern: /^[A-Za-z0-9]{2,12}$/,
	example: 'USD',
	message: 'must be a currency code such as USD or BTC',
	upperCase: true,
});

/** The same, but empty means "not given". */
export const optionalCurrency = optional(currency);

/** Empty text or nothing means "not given"; otherwise a positive decimal string. */
export const optionalDecimal = (options: { allowZero?: boolean } = {}) =>
	optional(fields.decimal({ allowZero: options.allowZero }));

export const side = z.enum(['buy', 'sell'], { errorMap: () => ({ message: 'must be buy or sell' }) });

/** Leverage levels the exchange offers (spec §13). */
export const LEVERAGE_LEVELS = [2, 4, 5, 10, 25] as const;

export const leverageLevel = fields
	.integerId({ what: 'one of 2, 4, 5, 10, 25' })
	.refine((value) => (LEVERAGE_LEVELS as readonly number[]).includes(value), 'must be one of 2, 4, 5, 10, 25');

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

/** An operation without inputs that GETs one signed endpoint and outputs what it answers. */
export function signedGet(key: EndpointKey): {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
} {
	return {
		description: [],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			return (await quoineRequest.call(this, endpointRequest(key), itemIndex)) as IDataObject | IDataObject[];
		},
	};
}

export function idField(displayName: string, name: string, placeholder: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', placeholder, description };
}

import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_CONCURRENCY } from './router';

/** The standard "Return All" and "Limit" fields, shown for the given operations. */
export function returnAllOrLimit(
	show: IDisplayOptions['show'],
	options: { maxLimit?: number; defaultLimit?: number } = {},
): INodeProperties[] {
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	};
	if (options.maxLimit) limit.typeOptions = { minValue: 1, maxValue: options.maxLimit };
	if (options.defaultLimit) limit.default = options.defaultLimit;
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		limit,
	];
}

/**
 * The node's Concurrency option: how many items' read requests may be in flight at once. Writes
 * and reads that must stay in order always run one at a time, whatever it says.
 */
export function concurrencyProperty(
	defaultValue: number,
	note = '',
	displayOptions?: IDisplayOptions,
): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
		default: defaultValue,
		description: `How many items' read requests run at once, within the service's rate limit. Writes always run one item at a time, in item order.${note ? ` ${note}` : ''}.`.replace(/\.\.$/, '.'),
	};
	if (displayOptions) property.displayOptions = displayOptions;
	return property;
}

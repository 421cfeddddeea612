import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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

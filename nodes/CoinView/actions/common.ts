import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, optional, parseTimestamp, trimAscii } from '../../shared/validation';
import { canonicalTime } from '../helpers/time';

/** A UUID (user, asset, trace ID), checked before anything is sent; sent in lower case. */
export const uuid = () => fields.uuid();

/** Mixin amounts: plain decimal text > 0 with at most 8 decimals (M2), compared as text. */
export const amount = () => fields.decimal({ maxDecimals: 8, maxDigits: 20, example: '0.01' });

/** Memo of a transfer: at most 140 characters (M1's bound; M2 allows 200). */
export const MEMO_MAX = 140;
export const memo = () => optional(fields.text({ max: MEMO_MAX }));

/**
 * A point in time for the snapshot filters: RFC 3339 with up to nanoseconds
 * (`2020-12-12T12:12:12.999999999Z`, kept to the nanosecond), a date, or Unix seconds.
 * INFERRED: a date-time without a zone is UTC (as the shared timestamp rule reads it).
 */
export const snapshotTime = () =>
	z.unknown().transform((value, ctx): string => {
		const text = typeof value === 'string' ? trimAscii(value) : value;
		const exact = canonicalTime(text);
		if (exact) return exact;
		const parsed = parseTimestamp(text, 'seconds');
		if (!parsed.ok) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `${parsed.message}, e.g. 2020-12-12T12:12:12.999999999Z`,
			});
			return z.NEVER;
		}
		return canonicalTime(new Date(parsed.value).toISOString()) as string;
	});

/** The value of a resource locator parameter (or a plain string from an expression). */
export function locatorValue(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && 'value' in value) return (value as IDataObject).value;
	return value;
}

/** Asset picker: the wallet's assets (GET /assets), or an asset ID. */
export function assetLocator(description: string): INodeProperties {
	return {
		displayName: 'Asset',
		name: 'asset',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an asset…',
				typeOptions: { searchListMethod: 'searchAssets', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '43d61dcd-e413-450d-80b8-101d5e903357',
				validation: [
					{
						type: 'regex',
						properties: {
							regex:
								'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
							errorMessage: 'The asset ID is a UUID',
						},
					},
				],
			},
		],
	};
}

import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { fields, list } from '../../shared/validation';

/** A comma-separated ID list field ("a,b,c"); expressions may also pass an array. */
export function idListField(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: 'first, second',
		description: `${description} Separate several IDs with commas. Leave empty for no filter.`,
	};
}

/** Entry IDs are MongoDB ObjectIds (INFERRED, spec §12.4): the server drops requests with any other form. */
export const entryId = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hexadecimal entry ID, as returned by Entry → Create');

/** IDs the service compares as text: up to 100, each at most 200 characters, no control characters. */
export const idList = list(fields.text({ max: 200 }));

export const entryIdList = list(entryId);

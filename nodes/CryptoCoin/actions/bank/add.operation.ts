import { fields, optional } from '../../../shared/validation';
import { addOperation } from '../paymentMethods';

/** POST /user/{user}/bank (spec §10.6). The body is UNDOCUMENTED: IBAN and SWIFT/BIC are INFERRED. */
export const { description, execute } = addOperation('bank', [
	{
		key: 'iban',
		property: {
			displayName: 'IBAN',
			name: 'iban',
			type: 'string',
			default: '',
			placeholder: 'DE89370400440532013000',
			description: 'International bank account number, without spaces (INFERRED field name iban)',
		},
		schema: optional(
			fields.text({ max: 34, pattern: /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/, patternMessage: 'must be an IBAN such as DE89370400440532013000 (capital letters and digits, no spaces)' }),
		),
	},
	{
		key: 'swift',
		property: {
			displayName: 'SWIFT / BIC',
			name: 'swift',
			type: 'string',
			default: '',
			placeholder: 'COBADEFFXXX',
			description: 'Bank identifier code (INFERRED field name swift)',
		},
		schema: optional(fields.text({ max: 11, pattern: /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, patternMessage: 'must be a BIC such as COBADEFFXXX' })),
	},
]);

import { fields } from '../../../shared/validation';
import { addOperation } from '../paymentMethods';

/** POST /user/{user}/wallet (spec §10.8). INFERRED body from the checkout vocabulary: address and network. */
export const { description, execute } = addOperation('wallet', [
	{
		key: 'address',
		property: {
			displayName: 'Address',
			name: 'address',
			type: 'string',
			required: true,
			default: '',
			placeholder: '0x52908400098527886E0F7030069857D2E4169EE7',
			description: 'The wallet address the bought coins go to',
		},
		schema: fields.text({ max: 128, pattern: /^[A-Za-z0-9:._-]+$/, patternMessage: 'must be a wallet address (ASCII letters and digits, no spaces)' }),
	},
	{
		key: 'network',
		property: {
			displayName: 'Network',
			name: 'network',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'ETH',
			description: 'The network of the address, e.g. ETH or BTC (sent in capitals as network)',
		},
		// The checkout payload always pairs the wallet address with its network (spec §10.8, INFERRED).
		schema: fields.symbol({ pattern: /^[A-Za-z0-9]{2,12}$/, example: 'ETH', upperCase: true, max: 12 }),
	},
]);

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signJwt } from '../nodes/shared/jwt';
import { API_PREFIX, parseAuthorityConfig } from '../nodes/WalletService/transport/config';

// Signing a P-256 token per request is cheap, but the SDK signs once and reuses it; so do we,
// keyed by the configuration text. The token has no expiry (spec §5.1).
let cachedToken: { configText: string; token: string } | undefined;

export class WalletServiceApi implements ICredentialType {
	name = 'walletServiceApi';

	displayName = 'Wallet Service API';

	icon: Icon = {
		light: 'file:../nodes/WalletService/walletService.svg',
		dark: 'file:../nodes/WalletService/walletService.dark.svg',
	};

	documentationUrl = 'https://github.com/Noah-Huppert/wallet-service';

	properties: INodeProperties[] = [
		{
			displayName: 'Authority Configuration',
			name: 'authorityConfigSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder:
				'{"config_schema_version":"0.1.0","api_base_url":"https://wallet.example.com","authority_id":"…","private_key":"-----BEGIN EC PRIVATE KEY-----…"}',
			description:
				'The authority client configuration JSON file that the wallet service operator created for you with create-authority. Paste the whole file.',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8000',
			description:
				'Leave empty to use api_base_url from the configuration. Set it to reach the same server at another address, e.g. the local sandbox.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const configText = credentials.authorityConfigSecret as string;
		const config = parseAuthorityConfig(configText);
		let token = cachedToken?.configText === configText ? cachedToken.token : undefined;
		if (!token) {
			token = signJwt('ES256', { sub: config.authorityId }, config.privateKey);
			cachedToken = { configText, token };
		}
		const override = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		return {
			...requestOptions,
			baseURL: `${override || config.apiBaseUrl}${API_PREFIX}`,
			// The server reads the raw token from the header: no "Bearer " prefix (spec §5.1).
			headers: { ...requestOptions.headers, Authorization: token },
		};
	}

	// GET /wallet needs a valid authority token, so a wrong key or authority fails the test.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/wallet',
			qs: { user_ids: 'n8n-credential-test', authority_ids: '' },
		},
	};
}

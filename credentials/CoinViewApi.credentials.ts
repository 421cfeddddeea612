import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signCoinViewRequest } from '../nodes/CoinView/transport/auth';

/**
 * A CoinView (Mixin Network) wallet session. Every request is signed here with a fresh JWT
 * (RS512 or EdDSA, chosen by the key) whose `sig` covers the method, the path with its query and
 * the body exactly as sent; a transfer's PIN is encrypted here too, so nodes never see a secret.
 */
export class CoinViewApi implements ICredentialType {
	name = 'coinViewApi';

	displayName = 'CoinView API';

	icon: Icon = {
		light: 'file:../nodes/CoinView/coinView.svg',
		dark: 'file:../nodes/CoinView/coinView.dark.svg',
	};

	documentationUrl = 'https://github.com/coinjinja/coinview-python-sdk';

	properties: INodeProperties[] = [
		{
			displayName: 'Credential Source',
			name: 'source',
			type: 'options',
			default: 'fields',
			options: [
				{
					name: 'Session Fields',
					value: 'fields',
					description: 'User ID, session ID, PIN token and private key, each in its own field',
				},
				{
					name: 'CoinView Backup Secret Key',
					value: 'backup',
					description: "The secret key from CoinView's wallet backup, which holds the other four values",
				},
			],
		},
		{
			displayName: 'Backup Secret Key',
			name: 'backupSecretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The secret key CoinView's wallet backup function shows (base64 text). It holds the user ID, session ID, PIN token and private key.",
			displayOptions: { show: { source: ['backup'] } },
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'a76d6864-a758-46e6-8abc-aa5ddf0d3a51',
			description: "The wallet user's UUID",
			displayOptions: { show: { source: ['fields'] } },
		},
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '33057864-864b-44cd-8dda-28ab514117da',
			description: 'The UUID of the session the private key belongs to',
			displayOptions: { show: { source: ['fields'] } },
		},
		{
			displayName: 'PIN Token',
			name: 'pinToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"RSA sessions: the RSA-encrypted PIN token (base64). Ed25519 sessions: the server's public key (hex server_public_key, or base64 pin_token_base64).",
			displayOptions: { show: { source: ['fields'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The session private key. Ed25519 (recommended, current Mixin sessions): hex or base64 of the 32-byte seed, or of seed and public key. RSA (CoinView backups): PEM, or base64 DER. The kind is detected from the key.',
			displayOptions: { show: { source: ['fields'] } },
		},
		{
			displayName: 'PIN',
			name: 'pinSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The 6-digit wallet PIN. It is sent only encrypted, once per transfer. Wrong PINs can lock the wallet: check it before the first transfer.',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'options',
			default: 'mixin',
			options: [
				{
					name: 'Mixin API (Direct)',
					value: 'mixin',
					description: 'https://api.mixin.one with the real method and path and Authorization: Bearer',
				},
				{
					name: 'CoinView Relay',
					value: 'relay',
					description:
						'POST https://wallet.coinjinja.com/v1/api/wallet with the envelope of the CoinView SDK (signature in the body)',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another server, e.g. the local sandbox of this package, in either mode',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8050',
			description:
				'Direct mode: the API root (paths such as /assets are appended). Relay mode: the relay root; requests go to <Base URL>/wallet.',
			displayOptions: { show: { endpoint: ['custom'] } },
		},
		{
			displayName: 'Mode',
			name: 'customMode',
			type: 'options',
			default: 'direct',
			options: [
				{ name: 'Direct (Mixin API)', value: 'direct' },
				{ name: 'Relay (CoinView Envelope)', value: 'relay' },
			],
			displayOptions: { show: { endpoint: ['custom'] } },
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const signed = signCoinViewRequest(credentials, {
			method: requestOptions.method,
			url: requestOptions.url,
			qs: requestOptions.qs as IDataObject | undefined,
			body: requestOptions.body,
			headers: requestOptions.headers as IDataObject | undefined,
		});
		const options: IHttpRequestOptions = {
			...requestOptions,
			method: signed.method,
			baseURL: signed.baseURL,
			url: signed.url,
			headers: signed.headers,
		};
		// The query is part of the signed URL; n8n must not add it a second time.
		delete options.qs;
		if (signed.body !== undefined) options.body = signed.body;
		else delete options.body;
		return options;
	}

	// GET /assets is signed: a wrong key, session or clock fails the test. Mixin answers errors
	// with HTTP 202 and an `error` object, so the rules look into the body too.
	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '/assets', json: true },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 401,
					message:
						'The server refused the signed request (401): check the user ID, session ID and private key, and that the system clock is right.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 403,
					message: 'This session may not read the wallet (403).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 404,
					message:
						'The server does not know GET /assets (404): check the endpoint and base URL. Mixin retired the legacy wallet API in 2025.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 429,
					message: 'The server is rate limiting this session (429): the credential could not be checked. Test again in a minute.',
				},
			},
			// Any other error object: Mixin's own status is 202, but a server that follows the RFC
			// statuses inside the body (spec §15) or answers an error with HTTP 200 is caught too.
			...[202, 200, 400, 500].map((status) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'error.status',
					value: status,
					message: 'The server answered the signed test request with an error.',
				},
			})),
		],
	};
}

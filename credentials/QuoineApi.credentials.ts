import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CredentialConfigurationError } from '../nodes/shared/errors';
import {
	API_VERSION,
	PUBLIC_REQUEST_HEADER,
	nextNonce,
	quoineAuthToken,
	resolveBaseUrl,
	signedPath,
} from '../nodes/Quoine/transport/auth';

export class QuoineApi implements ICredentialType {
	name = 'quoineApi';

	displayName = 'Quoine API';

	icon: Icon = {
		light: 'file:../nodes/Quoine/quoine.svg',
		dark: 'file:../nodes/Quoine/quoine.dark.svg',
	};

	documentationUrl = 'https://python-quoine.readthedocs.io/en/latest/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token ID',
			name: 'apiTokenId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '123456',
			description: 'The ID of the API token, from the API Token page of the exchange',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret shown once when the API token was created',
		},
		{
			displayName: 'Exchange',
			name: 'exchange',
			type: 'options',
			options: [
				{ name: 'Custom', value: 'custom', description: 'Another server with the same API, e.g. the local sandbox' },
				{ name: 'Liquid', value: 'liquid', description: 'https://api.liquid.com' },
				{ name: 'Qryptos', value: 'qryptos', description: 'https://api.qryptos.com' },
				{ name: 'Quoinex', value: 'quoinex', description: 'https://api.quoine.com' },
			],
			default: 'quoinex',
			description: 'Quoinex and Qryptos issue different API tokens; use the token of the exchange chosen here',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8010',
			description: 'Address of the server, without a trailing path',
			displayOptions: { show: { exchange: ['custom'] } },
		},
		{
			displayName: 'Vendor ID',
			name: 'vendorId',
			type: 'string',
			default: '',
			description: 'Optional. Sent as X-Quoine-Vendor-ID; some response fields are only given to vendors.',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'en',
			description: 'Optional language code for error messages (sent as Accept-Language and HTTP_ACCEPT_LANGUAGE)',
		},
	];

	/**
	 * Adds the headers every request carries and, unless the node marked the request as public,
	 * the `X-Quoine-Auth` JWT. The signed path is taken from the URL the node built, which already
	 * holds the query string: nodes never pass `qs`, so what is signed is exactly what is sent.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseURL = resolveBaseUrl(credentials.exchange, credentials.baseUrl);
		if (!/^https?:\/\/[^\s/]+/i.test(baseURL)) {
			throw new CredentialConfigurationError(
				'Quoine credential: Base URL must start with http:// or https:// when Exchange is Custom',
			);
		}
		const headers: Record<string, string> = {};
		let isPublic = false;
		for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
			if (name.toLowerCase() === PUBLIC_REQUEST_HEADER) isPublic = true;
			else headers[name] = value as string;
		}
		headers['X-Quoine-API-Version'] = API_VERSION;
		headers.Accept = 'application/json';
		const vendorId = String(credentials.vendorId ?? '').trim();
		if (vendorId) headers['X-Quoine-Vendor-ID'] = vendorId;
		const language = String(credentials.language ?? '').trim();
		if (language) {
			// The SDK sends this literal header name as well as Accept-Language (spec §5).
			headers.HTTP_ACCEPT_LANGUAGE = language;
			headers['Accept-Language'] = language;
		}
		if (!isPublic) {
			const tokenId = String(credentials.apiTokenId ?? '').trim();
			const secret = String(credentials.apiSecret ?? '').trim();
			if (!tokenId || !secret) {
				throw new CredentialConfigurationError(
					'Quoine credential: API Token ID and API Secret are required for this request',
				);
			}
			if (requestOptions.qs && Object.keys(requestOptions.qs).length > 0) {
				throw new CredentialConfigurationError(
					'Quoine credential: the query string must be part of the URL so that it is signed as sent',
				);
			}
			headers['X-Quoine-Auth'] = quoineAuthToken(
				signedPath(requestOptions.url),
				nextNonce(),
				tokenId,
				secret,
			);
		}
		return { ...requestOptions, baseURL, headers };
	}

	// GET /accounts/balance is signed, so a wrong token ID or secret fails the test.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/accounts/balance',
		},
	};
}

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { zerocapAuthHeaders, zerocapUrls } from '../nodes/Zerocap/transport/signing';

export class ZerocapApi implements ICredentialType {
	name = 'zerocapApi';

	displayName = 'Zerocap API';

	icon: Icon = {
		light: 'file:../nodes/Zerocap/zerocap.svg',
		dark: 'file:../nodes/Zerocap/zerocap.dark.svg',
	};

	documentationUrl = 'https://docs.zerocap.com/docs/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The DMA API key Zerocap issued to you',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of the API key. It signs requests and is never sent.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'uat',
			options: [
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another server, e.g. the local sandbox of this package',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'https://dma-api.zerocap.com/v2 and wss://dma-ws.zerocap.com/v2',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description:
						"Zerocap's sandbox: https://sandbox-api.zerocap.com/v2 and wss://sandbox-ws.zerocap.com/v2",
				},
				{
					name: 'UAT',
					value: 'uat',
					description:
						"Zerocap's test environment: https://dma-uat-api.defi.wiki/v2 and wss://dma-uat-ws.defi.wiki/v2",
				},
			],
		},
		{
			displayName: 'REST Base URL',
			name: 'restBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8020/v2',
			description: 'Base URL of the REST API, including the /v2 prefix',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'WebSocket URL',
			name: 'webSocketUrl',
			type: 'string',
			default: '',
			placeholder: 'ws://127.0.0.1:8020/v2',
			description: 'URL of the WebSocket API, used by the Zerocap Trigger',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Signature Scheme',
			name: 'signatureScheme',
			type: 'options',
			default: 'apiKey',
			options: [
				{
					name: 'API Key HMAC',
					value: 'apiKey',
					description:
						'Headers api-key and signature = HMAC-SHA256 of the API key (the published Python SDK)',
				},
				{
					name: 'Timestamp HMAC',
					value: 'timestamp',
					description:
						'Headers api-key, timestamp and signature = HMAC-SHA256 of the Unix time (docs.zerocap.com). Needs a clock within 30 seconds of the server.',
				},
			],
			description:
				"How requests are signed. Zerocap's current documentation uses the timestamp scheme.",
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { restBaseUrl } = zerocapUrls(credentials);
		return {
			...requestOptions,
			baseURL: restBaseUrl,
			headers: { ...requestOptions.headers, ...zerocapAuthHeaders(credentials, Date.now()) },
		};
	}

	// fetch_orders needs a valid signature, reads only, and asks for a single order.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/orders/fetch_orders',
			headers: { 'Content-Type': 'application/json' },
			body: {
				symbol: '',
				start_datetime: 0,
				end_datetime: 0,
				page: 1,
				ids: '',
				status: '',
				sort_order: 'desc',
				order_type: '',
				side: '',
				limit: 1,
			},
			json: true,
		},
	};
}

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CredentialConfigurationError } from '../nodes/shared/errors';
import {
	BEARER_HEADER,
	CryptoCoinLoginError,
	LOGIN_AS_HEADER,
	MARKER_HEADERS,
	PUBLIC_HEADER,
	TOKEN_FIELD,
	TOKEN_FOR_FIELD,
	TOKEN_UNTIL_FIELD,
	TOKEN_USER_FIELD,
	USER_PLACEHOLDER,
	fillUserPath,
	loginFailureMessage,
	parseAlgorithm,
	parseLoginAnswer,
	parsePlatform,
	parsePlatformKey,
	parseUserIdentity,
	platformJwt,
	resolveBaseUrl,
	sessionFor,
} from '../nodes/CryptoCoin/transport/auth';

export class CryptoCoinApi implements ICredentialType {
	name = 'cryptoCoinApi';

	displayName = 'CryptoCoin API';

	icon: Icon = {
		light: 'file:../nodes/CryptoCoin/cryptoCoin.svg',
		dark: 'file:../nodes/CryptoCoin/cryptoCoin.dark.svg',
	};

	documentationUrl = 'https://docs.cryptocoin.pro/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another server, e.g. the local sandbox of this package',
				},
				{
					name: 'Development',
					value: 'development',
					description:
						'https://dev-api-public.infra.cryptocoin.pro/api/v1 (documented in 2019; may no longer run)',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'https://appapi-public.cryptocoin.pro/api/v1',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8030/api/v1',
			description: 'Base URL of the API, including the /api/v1 prefix',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Authentication Type',
			name: 'authType',
			type: 'options',
			default: 'platform',
			options: [
				{
					name: 'Platform',
					value: 'platform',
					description:
						'As a partner platform: a JWT signed with the platform private key names the user (recommended for partners)',
				},
				{
					name: 'User',
					value: 'user',
					description: 'With the e-mail address and password of one CryptoCoin.pro user',
				},
			],
		},
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'string',
			default: '',
			placeholder: '1',
			description:
				'The platform value of POST /authenticate-jwt/{platform}, as CryptoCoin.pro gave it at onboarding (platform ID or code)',
			displayOptions: { show: { authType: ['platform'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----…',
			description:
				'The platform JWT RSA private key (2048 bit), PEM in PKCS#1 or PKCS#8 form. It signs the login token and is never sent.',
			displayOptions: { show: { authType: ['platform'] } },
		},
		{
			displayName: 'JWT Algorithm',
			name: 'algorithm',
			type: 'options',
			default: 'RS512',
			options: [
				{ name: 'RS256', value: 'RS256' },
				{ name: 'RS384', value: 'RS384' },
				{ name: 'RS512', value: 'RS512' },
			],
			description: 'RS512 unless your partner dashboard is set to another algorithm',
			displayOptions: { show: { authType: ['platform'] } },
		},
		{
			displayName: 'User (Email or ID)',
			name: 'actFor',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
			description:
				'The user the platform acts for by default: an e-mail address, or a user ID. A node can act for another user per item with its Act for User option.',
			displayOptions: { show: { authType: ['platform'] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { authType: ['user'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['user'] } },
		},
		{
			displayName: 'Session Token',
			name: TOKEN_FIELD,
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session User ID',
			name: TOKEN_USER_FIELD,
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session Valid Until',
			name: TOKEN_UNTIL_FIELD,
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Session For',
			name: TOKEN_FOR_FIELD,
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Logs in (spec §4.2 / §4.3) and returns the bearer token, the user ID, its `until` and whom
	 * it was issued for; n8n stores them in the hidden fields. n8n calls this when the token field
	 * is empty (first use, or emptied by the node's request wrapper shortly before `until`, when
	 * the credential now names another user or server, or after a 401) and for a credential test,
	 * which therefore always checks the key or password anew.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const baseUrl = resolveBaseUrl(credentials);
		let options: IHttpRequestOptions;
		let who: string;
		if (credentials.authType === 'user') {
			const email = String(credentials.email ?? '').trim();
			const password = String(credentials.password ?? '');
			const identity = parseUserIdentity(email);
			if (!identity || identity.kind !== 'email') {
				throw new CredentialConfigurationError('CryptoCoin credential: Email must be a valid e-mail address');
			}
			if (password === '') throw new CredentialConfigurationError('CryptoCoin credential: Password is required');
			who = email;
			options = {
				method: 'POST',
				url: `${baseUrl}/authenticate`,
				body: { email, password },
			};
		} else {
			const platform = parsePlatform(credentials.platform);
			const key = parsePlatformKey(credentials.privateKey);
			const algorithm = parseAlgorithm(credentials.algorithm);
			const identity = parseUserIdentity(credentials.actFor);
			if (!identity) {
				throw new CredentialConfigurationError(
					'CryptoCoin credential: User (Email or ID) must be an e-mail address or a user ID',
				);
			}
			who = identity.value;
			options = {
				method: 'POST',
				url: `${baseUrl}/authenticate-jwt/${encodeURIComponent(platform)}`,
				// The endpoint takes no body, only the Token header (spec §4.2 step 4).
				headers: { Token: platformJwt(identity, key, algorithm) },
			};
		}
		const response = (await this.helpers.httpRequest({
			...options,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...options.headers },
			json: true,
			timeout: 30_000,
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
		const body = parseJson(response.body);
		if (response.statusCode < 200 || response.statusCode >= 300) {
			throw new CryptoCoinLoginError(loginFailureMessage(response.statusCode, body, who));
		}
		const answer = parseLoginAnswer(body);
		// The answer itself is never quoted: it would carry the token.
		if (!answer) {
			throw new CryptoCoinLoginError(
				`CryptoCoin login failed: the answer (HTTP ${response.statusCode}) has no data.id token and data.userId. Check the Environment or Base URL.`,
			);
		}
		return {
			[TOKEN_FIELD]: answer.token,
			[TOKEN_USER_FIELD]: answer.userId,
			[TOKEN_UNTIL_FIELD]: answer.untilMs !== undefined ? new Date(answer.untilMs).toISOString() : '',
			[TOKEN_FOR_FIELD]: sessionFor(credentials),
		};
	}

	/**
	 * Adds the base URL, the JSON headers and `Authorization: Bearer <token>`, and fills the
	 * `{user}` path segment with the logged-in user's ID. Markers the node sets (see
	 * transport/auth.ts) are removed: "log in as" signs a platform Token for another user
	 * without touching the stored credential; "bearer" uses a token the node holds for such a user.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = {};
		const markers: Record<string, string> = {};
		for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
			const lower = name.toLowerCase();
			if (MARKER_HEADERS.includes(lower)) markers[lower] = String(value);
			else if (lower !== 'authorization' && lower !== 'token') headers[name] = value;
		}
		const hasHeader = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
		if (!hasHeader('accept')) headers.Accept = 'application/json';
		if (!hasHeader('content-type')) headers['Content-Type'] = 'application/json';
		const url = String(requestOptions.url ?? '');
		const result: IHttpRequestOptions = { ...requestOptions, baseURL: resolveBaseUrl(credentials), headers };

		const loginAs = markers[LOGIN_AS_HEADER];
		if (loginAs !== undefined) {
			if (credentials.authType === 'user') {
				throw new CredentialConfigurationError(
					'Act for User needs a CryptoCoin credential with Platform authentication; a User credential can only act for its own user',
				);
			}
			const identity = parseUserIdentity(loginAs);
			if (!identity) throw new CredentialConfigurationError('Act for User must be an e-mail address or a user ID');
			const platform = parsePlatform(credentials.platform);
			headers.Token = platformJwt(identity, parsePlatformKey(credentials.privateKey), parseAlgorithm(credentials.algorithm));
			result.url = `/authenticate-jwt/${encodeURIComponent(platform)}`;
			delete result.body;
			return result;
		}
		if (markers[PUBLIC_HEADER] !== undefined) {
			if (url.includes(USER_PLACEHOLDER)) throw new CredentialConfigurationError('CryptoCoin: a public request cannot name the logged-in user');
			return result;
		}
		const bearer = markers[BEARER_HEADER];
		if (bearer !== undefined) {
			if (url.includes(USER_PLACEHOLDER)) throw new CredentialConfigurationError('CryptoCoin: the user of an Act for User request is not set');
			headers.Authorization = `Bearer ${bearer}`;
			return result;
		}
		const token = credentials[TOKEN_FIELD];
		if (typeof token !== 'string' || token === '') {
			throw new CredentialConfigurationError('CryptoCoin credential: no login token; the login did not run');
		}
		// Never use a token that was issued for another user or server than the credential names now.
		if (credentials[TOKEN_FOR_FIELD] !== sessionFor(credentials)) {
			throw new CredentialConfigurationError(
				'CryptoCoin credential: the stored login belongs to another user or server than the credential names; run the node again to log in anew',
			);
		}
		headers.Authorization = `Bearer ${token}`;
		const userId = String(credentials[TOKEN_USER_FIELD] ?? '');
		if (url.includes(USER_PLACEHOLDER) || /%7Buser%7D/i.test(url)) {
			if (userId === '') throw new CredentialConfigurationError('CryptoCoin credential: the login answer named no user ID');
			result.url = fillUserPath(url, userId);
		}
		return result;
	}

	// The profile needs a valid bearer token, so the test logs in and uses the token.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `/user/${USER_PLACEHOLDER}`,
		},
	};
}

function parseJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

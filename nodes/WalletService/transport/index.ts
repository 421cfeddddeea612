import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { bodySnippet, expectList, type ServiceErrorInfo } from '../../shared/errors';
import {
	apiRequest,
	type ApiResponse,
	type RequestContext,
	type ServiceDefinition,
} from '../../shared/request';

/**
 * The wallet service answers every error as {"error": <string or object>} (spec §7, §9).
 * Some failures inside its async handlers are never answered at all (spec §9, INFERRED), so the
 * client timeout is what turns such a hang into an error.
 */
export const walletService: ServiceDefinition = {
	displayName: 'Wallet Service',
	credentialType: 'walletServiceApi',
	timeoutMs: 30_000,
	describeError,
	// Reads are resent once after a 5xx or a reset connection; a 429 with Retry-After is waited out
	// (up to 30 s in all) because the request was not executed. Writes are never resent here.
	retry: { readResends: 1, rateLimitMaxWaitMs: 30_000 },
	describeNoAnswer: (reason) => ({
		message: `Wallet Service: ${reason}`,
		description:
			'The wallet service is known to drop a request without answering when an entry ID is unknown or not a valid ID, or when a withdrawal is made for a user who has no entries yet. Check those inputs, the base URL, and that the service is running.',
	}),
};

const NOT_ENOUGH_FUNDS =
	/user (.+) does not have enough money to pay (-?\d+) as their wallet only has (-?\d+) in value/;

export function describeError(status: number, body: unknown): ServiceErrorInfo {
	const error = (body as IDataObject | undefined)?.error ?? body;
	const text = typeof error === 'string' ? error : '';
	switch (status) {
		case 400: {
			const detail = joiMessage(error);
			return {
				message: `Invalid entry: ${detail ?? (text || 'the service rejected the request')}`,
				description: 'The wallet service validated the request and rejected it.',
			};
		}
		case 401:
			return {
				message: 'Missing credentials: the wallet service received no authority token',
				description: 'Check the Wallet Service credential.',
			};
		case 402: {
			const match = NOT_ENOUGH_FUNDS.exec(text);
			if (match) {
				const [, userId, asked, holds] = match;
				return {
					message: `Not enough funds: user "${userId}" cannot pay ${asked}; the wallet holds ${holds}`,
					description: 'The entry was not created. The wallet balance is the sum of all the user\'s entries, across every authority.',
					kind: 'insufficientFunds',
				};
			}
			return { message: `Not enough funds: ${text || 'the wallet balance is too low'}`, kind: 'insufficientFunds' };
		}
		case 403:
			return {
				message: 'Authority credentials were rejected (403 forbidden)',
				description:
					'The authority ID is unknown to this server or the token was not signed with its key. Check the Authority Configuration in the credential.',
			};
		case 404:
			return {
				message: 'Wallet Service: this route does not exist (404)',
				description: 'Check the base URL: it should not include /api/v1.',
			};
		default:
			return {
				message:
					status >= 500
						? `Wallet service error (${status}): ${text || 'an internal error has occurred'}`
						: `Wallet Service answered ${status}: ${text || bodySnippet(body) || 'no details'}`,
			};
	}
}

/** The first message of a serialized Joi ValidationError (INFERRED shape, spec §9). */
function joiMessage(error: unknown): string | undefined {
	const details = (error as { details?: Array<{ message?: unknown }> } | undefined)?.details;
	const first = Array.isArray(details) ? details[0]?.message : undefined;
	return typeof first === 'string' ? first : undefined;
}

export async function walletRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
	itemIndex?: number,
): Promise<IDataObject> {
	const response = (await apiRequest.call(
		this,
		walletService,
		{
			method,
			url,
			...(options.qs ? { qs: options.qs } : {}),
			...(options.body ? { body: options.body } : {}),
			headers: { 'User-Agent': 'n8n-nodes-crypto-suite' },
		},
		itemIndex,
	)) as ApiResponse<IDataObject>;
	return response.body;
}

/**
 * The list under an answer's named key (`wallets`, `inventory`, spec §7). A missing key or a value
 * that is not a list is an error, never an empty list.
 */
export function listIn(
	context: RequestContext,
	response: IDataObject,
	key: string,
	itemIndex?: number,
): IDataObject[] {
	return expectList(context.getNode(), response[key], {
		service: 'Wallet Service',
		what: `"${key}" is not a list`,
		itemIndex,
	});
}

import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { requiredKycOf } from '../../helpers/records';
import { actingIdentity, cryptoCoinRequest, expectAnswerFor, recordOf } from '../../transport';
import { actingProperties, readActing } from '../common';

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getProfile'] } }, actingProperties);

/**
 * GET /user/{user} (spec §10.14, INFERRED path). The profile marks the KYC parts still required
 * with `"required": true` (spec §10.13); `requiredKyc` lists them by their path in the profile.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(this, { method: 'GET', path: '/user/{user}' }, acting, itemIndex);
	const profile = recordOf(this, answer, 'getting the user profile', itemIndex);
	// A profile of another user than the one asked for is an error, not that user's data.
	const who = await actingIdentity(this, acting);
	expectAnswerFor(
		this,
		profile,
		[
			{ name: 'user', keys: ['id', 'userId'], expected: who.id },
			{ name: 'user', keys: ['email'], expected: who.email, ignoreCase: true },
		],
		'getting the user profile',
		itemIndex,
	);
	return { ...profile, requiredKyc: requiredKycOf(profile) };
}

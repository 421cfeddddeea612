import { updateDisplayOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { cryptoCoinRequest, recordOf } from '../../transport';
import { actingProperties, readActing } from '../common';

export const description = updateDisplayOptions({ show: { resource: ['kyc'], operation: ['getStatus'] } }, actingProperties);

/**
 * GET /user/{user}/kyc (spec §10.13: path UNDOCUMENTED, INFERRED). Statuses (spec §11): ACCEPTED,
 * REJECTED, NOT COMPLETED, WAITING ADMIN APPROVAL (with spaces, as the API writes them).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const acting = await readActing(this, itemIndex);
	const answer = await cryptoCoinRequest.call(this, { method: 'GET', path: '/user/{user}/kyc' }, acting, itemIndex);
	return recordOf(this, answer, 'getting the KYC status', itemIndex);
}

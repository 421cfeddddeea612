import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { answerLostBefore } from '../../../shared/idempotency';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { currency, currencyField } from '../common';

const properties: INodeProperties[] = [currencyField('Fiat currency of the new account, e.g. USD')];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['createFiatAccount'] } },
	properties,
);

const schema = z.object({ currency });

/** create_fiat_account: the body is flat, {"currency": …} (spec §11.5). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ currency: this.getNodeParameter('currency', itemIndex) },
		itemIndex,
		{ currency: 'Currency' },
	);
	// The currency is the key: an account can exist once per currency. After a lost answer the
	// accounts are read first, so a retry returns the account the first try created.
	if (answerLostBefore(this, itemIndex)) {
		const accounts = await quoineRequest.call(this, endpointRequest('account.getFiatAccounts'), itemIndex);
		const existing = Array.isArray(accounts)
			? (accounts as IDataObject[]).find((account) => account?.currency === input.currency)
			: undefined;
		if (existing) return { ...existing, alreadyExisted: true };
	}
	const account = (await quoineRequest.call(
		this,
		endpointRequest('account.createFiatAccount', {}, { currency: input.currency }),
		itemIndex,
	)) as IDataObject;
	return { ...account, alreadyExisted: false };
}

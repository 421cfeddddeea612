import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';
import { positiveId } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Loan ID',
		name: 'loanId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '144825',
		description: 'ID of the loan to update',
	},
	{
		displayName: 'Re-Loan Funds',
		name: 'fundReloaned',
		type: 'options',
		options: [
			{ name: 'Leave Unchanged', value: 'unchanged', description: 'Send an empty update' },
			{ name: 'No (Stop Re-Loaning)', value: 'false', description: 'Do not lend the funds again when the loan is repaid' },
			{ name: 'Yes', value: 'true', description: 'Lend the funds again when the loan is repaid' },
		],
		default: 'false',
		description: 'Whether the funds are lent again automatically when the loan is repaid',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['loan'], operation: ['update'] } },
	properties,
);

const schema = z.object({
	loanId: positiveId('a loan ID'),
	fundReloaned: z.enum(['unchanged', 'true', 'false'], {
		errorMap: () => ({ message: 'must be unchanged, true or false' }),
	}),
});

/** update_loan: flat {"fund_reloaned": true|false}, or {} (spec §11.6). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw = this.getNodeParameter('fundReloaned', itemIndex);
	const input = validateInput(
		this.getNode(),
		schema,
		{ loanId: this.getNodeParameter('loanId', itemIndex), fundReloaned: typeof raw === 'boolean' ? String(raw) : raw },
		itemIndex,
		{ loanId: 'Loan ID', fundReloaned: 'Re-Loan Funds' },
	);
	const body: IDataObject = input.fundReloaned === 'unchanged' ? {} : { fund_reloaned: input.fundReloaned === 'true' };
	return (await quoineRequest.call(this, endpointRequest('loan.update', { id: input.loanId }, body), itemIndex)) as IDataObject;
}

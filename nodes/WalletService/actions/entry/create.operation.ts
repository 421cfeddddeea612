import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { unexpectedAnswer } from '../../../shared/errors';
import { fields, optional, validateInput } from '../../../shared/validation';
import { sendUnkeyedWrite, unkeyedWriteNotice } from '../../../shared/idempotency';
import { walletRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'user-123',
		description: 'ID of the user whose wallet the entry changes. Any ID your application uses.',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { numberPrecision: 0 },
		description:
			'Whole number. Positive adds value to the wallet, negative removes it (the service refuses a withdrawal larger than the balance).',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Returned 12 cans',
		description: 'User-friendly description of why the entry was made',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Item Data',
				name: 'itemData',
				type: 'json',
				default: '{}',
				description: 'Any JSON object to store with the item. Requires Item Name.',
			},
			{
				displayName: 'Item Name',
				name: 'itemName',
				type: 'string',
				default: '',
				placeholder: 'Soda Can',
				description: 'Give the user an item with this entry, e.g. what the amount paid for',
			},
		],
	},
	unkeyedWriteNotice('entry', 'the user\'s wallet balance'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['entry'], operation: ['create'] } },
	properties,
);

const schema = z
	.object({
		userId: fields.nonEmptyString('user-123', 200),
		// ASCII digits with an optional '-', or a safe integer number: "0x10", "0b101", "1e3" and
		// "+5" are refused (Number() would credit 16, 5 and 1000).
		amount: fields.integer(),
		reason: fields.nonEmptyString('a short description', 1000),
		itemName: optional(fields.text({ max: 200 })),
		itemData: fields.jsonObject().optional(),
	})
	.superRefine((input, ctx) => {
		if (input.itemData && Object.keys(input.itemData).length > 0 && !input.itemName) {
			ctx.addIssue({ code: 'custom', path: ['itemName'], message: 'is required when Item Data is set' });
		}
	});

const labels = {
	userId: 'User ID',
	amount: 'Amount',
	reason: 'Reason',
	itemName: 'Item Name',
	itemData: 'Item Data',
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input = validateInput(
		this.getNode(),
		schema,
		{
			userId: this.getNodeParameter('userId', itemIndex),
			amount: this.getNodeParameter('amount', itemIndex),
			reason: this.getNodeParameter('reason', itemIndex),
			itemName: additional.itemName,
			itemData: additional.itemData,
		},
		itemIndex,
		labels,
	);

	const body: IDataObject = { user_id: input.userId, amount: input.amount, reason: input.reason };
	if (input.itemName) {
		body.item = { name: input.itemName };
		// An empty object is what the editor shows by default; the service stores "no data" for it.
		if (input.itemData && Object.keys(input.itemData).length > 0) {
			(body.item as IDataObject).data = input.itemData as IDataObject;
		}
	}

	// The service has no idempotency key: an entry whose answer was lost is never sent again.
	const response = await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'entry',
		check: `the entries of user "${input.userId}" (Wallet → Get Many shows the balance)`,
		send: async () => await walletRequest.call(this, 'POST', '/entry', { body }, itemIndex),
	});
	if (!isRecord(response.entry)) {
		throw unexpectedAnswer(this.getNode(), {
			service: 'Wallet Service',
			what: 'no entry in the answer',
			itemIndex,
			write: true,
			check: `the entries of user "${input.userId}" (Wallet → Get Many shows the balance)`,
		});
	}
	return response.entry;
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

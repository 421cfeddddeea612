import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { expectList } from '../../../shared/errors';
import { validateInput } from '../../../shared/validation';
import { sendUnkeyedWrite, unkeyedWriteNotice } from '../../../shared/idempotency';
import { quoineRequest } from '../../transport';
import { endpointRequest } from '../../transport/endpoints';

const properties: INodeProperties[] = [
	{
		displayName: 'Side',
		name: 'side',
		type: 'options',
		options: [
			{ name: 'Both Sides', value: 'both', description: 'Close long and short trades' },
			{ name: 'Long', value: 'long', description: 'Close only long trades' },
			{ name: 'Short', value: 'short', description: 'Close only short trades' },
		],
		default: 'both',
		description: 'Which trades to close',
	},
	unkeyedWriteNotice('close of all trades', 'the open and closed trades'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trade'], operation: ['closeAll'] } },
	properties,
);

const schema = z.object({
	side: z.enum(['both', 'long', 'short'], { errorMap: () => ({ message: 'must be both, long or short' }) }),
});

/** close_all_trades: {"side": …}, or {} for both sides; answers the closed trades (spec §11.8). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ side: this.getNodeParameter('side', itemIndex) },
		itemIndex,
		{ side: 'Side' },
	);
	const body: IDataObject = input.side === 'both' ? {} : { side: input.side };
	// A resend would also close trades opened since: a lost answer is never resent.
	const check = 'the open and closed trades (Trade → Get Many)';
	return await sendUnkeyedWrite({
		ctx: this,
		itemIndex,
		what: 'close of all trades',
		check,
		send: async () => {
			const trades = await quoineRequest.call(this, endpointRequest('trade.closeAll', {}, body), itemIndex);
			// The spec answers an array of the closed trades; anything else may hide what was closed.
			return expectList(this.getNode(), trades, {
				service: 'Quoine',
				what: 'the closed trades are not a list',
				itemIndex,
				write: true,
				check,
			});
		},
	});
}

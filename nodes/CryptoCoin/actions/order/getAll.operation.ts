import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { z } from 'zod';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { readReturnAllAndLimit, validateInput } from '../../../shared/validation';
import { orderOutput, statusOf } from '../../helpers/records';
import { listRecords } from '../../transport';
import { actingProperties, readActing } from '../common';

const show = { resource: ['order'], operation: ['getAll'] };

/** Order statuses (spec §11). */
const STATUSES = ['APPROVED', 'PAYMENT_WAITING', 'PROCESSING_PAYMENT', 'REJECTED'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Approved', value: 'APPROVED' },
			{ name: 'Payment Waiting', value: 'PAYMENT_WAITING' },
			{ name: 'Processing Payment', value: 'PROCESSING_PAYMENT' },
			{ name: 'Rejected', value: 'REJECTED' },
		],
		description: 'Only orders in this status (filtered by the node, as the API documents no filter)',
	},
	...actingProperties,
];

export const description = [...returnAllOrLimit(show), ...updateDisplayOptions({ show }, properties)];

/** GET /user/{user}/order (spec §10.14, INFERRED path), following pages when the answer is paged. */
const schema = z.object({
	status: z.enum(['', ...STATUSES], { errorMap: () => ({ message: `must be one of ${STATUSES.join(', ')} (or empty for any)` }) }),
});

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { returnAll, limit } = readReturnAllAndLimit(this, itemIndex, { max: 100_000 });
	const { status } = validateInput(
		this.getNode(),
		schema,
		{ status: this.getNodeParameter('status', itemIndex, '') },
		itemIndex,
		{ status: 'Status' },
	);
	const acting = await readActing(this, itemIndex);
	if (!status) {
		const orders = await listRecords.call(this, '/user/{user}/order', acting, itemIndex, { returnAll, limit, what: 'listing orders' });
		return orders.map(orderOutput);
	}
	const orders = await listRecords.call(this, '/user/{user}/order', acting, itemIndex, { returnAll: true, limit, what: 'listing orders' });
	const matching = orders.filter((order) => statusOf(order)?.toUpperCase() === status).map(orderOutput);
	return returnAll ? matching : matching.slice(0, limit);
}

import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { findTransferByTrace } from '../../transport';
import { uuid } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Trace ID',
		name: 'traceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '7c67e8e8-b142-488b-80a3-61d4d29c90bf',
		description: 'The trace ID (UUID) the transfer was made with, e.g. the trace_id output of Transfer → Create',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transfer'], operation: ['getByTraceId'] } },
	properties,
);

const schema = z.object({ traceId: uuid() });

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		schema,
		{ traceId: this.getNodeParameter('traceId', itemIndex) },
		itemIndex,
		{ traceId: 'Trace ID' },
	);
	const transfer = await findTransferByTrace.call(this, input.traceId, itemIndex);
	if (!transfer) {
		const error = new NodeOperationError(this.getNode(), `No transfer with trace ID ${input.traceId}`, {
			itemIndex,
			description:
				'Neither /transfers/trace nor /snapshots/trace knows it: no transfer was made with this trace ID from this wallet.',
		});
		error.context.kind = 'notFound';
		throw error;
	}
	return transfer;
}

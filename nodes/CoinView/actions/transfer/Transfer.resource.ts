import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { coinViewTable } from '../node.table';
import * as create from './create.operation';
import * as getByTraceId from './getByTraceId.operation';

export { create, getByTraceId };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(coinViewTable, 'transfer');

import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { coinViewTable } from '../node.table';
import * as getAll from './getAll.operation';

export { getAll };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(coinViewTable, 'transaction');

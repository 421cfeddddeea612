import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { cryptoCoinTable } from '../node.table';
import * as add from './add.operation';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';

export { add, deleteOperation, getAll };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(cryptoCoinTable, 'wallet');

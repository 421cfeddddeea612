import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { quoineTable } from '../node.table';
import * as close from './close.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { close, create, getAll };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(quoineTable, 'loanBid');

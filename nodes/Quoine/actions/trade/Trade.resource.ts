import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { quoineTable } from '../node.table';
import * as close from './close.operation';
import * as closeAll from './closeAll.operation';
import * as getAll from './getAll.operation';
import * as getLoans from './getLoans.operation';
import * as update from './update.operation';

export { close, closeAll, getAll, getLoans, update };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(quoineTable, 'trade');

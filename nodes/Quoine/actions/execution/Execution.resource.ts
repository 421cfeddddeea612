import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { quoineTable } from '../node.table';
import * as getAll from './getAll.operation';
import * as getMine from './getMine.operation';
import * as getSinceTime from './getSinceTime.operation';

export { getAll, getMine, getSinceTime };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(quoineTable, 'execution');

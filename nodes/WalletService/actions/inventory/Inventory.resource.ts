import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { walletServiceTable } from '../node.table';
import * as getAll from './getAll.operation';
import * as useItem from './useItem.operation';

export { getAll, useItem };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(walletServiceTable, 'inventory');

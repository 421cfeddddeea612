import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { walletServiceTable } from '../node.table';
import * as checkHealth from './checkHealth.operation';

export { checkHealth };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(walletServiceTable, 'service');

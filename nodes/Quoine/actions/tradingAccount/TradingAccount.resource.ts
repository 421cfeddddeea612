import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { quoineTable } from '../node.table';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateLeverage from './updateLeverage.operation';

export { get, getAll, updateLeverage };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(quoineTable, 'tradingAccount');

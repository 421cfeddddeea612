import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { quoineTable } from '../node.table';
import * as cancel from './cancel.operation';
import * as createLimit from './createLimit.operation';
import * as createMargin from './createMargin.operation';
import * as createMarket from './createMarket.operation';
import * as createMarketWithRange from './createMarketWithRange.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getTrades from './getTrades.operation';
import * as update from './update.operation';

export { cancel, createLimit, createMargin, createMarket, createMarketWithRange, get, getAll, getTrades, update };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(quoineTable, 'order');

import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { cryptoCoinTable } from '../node.table';
import * as confirmPayment from './confirmPayment.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { confirmPayment, get, getAll };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(cryptoCoinTable, 'order');

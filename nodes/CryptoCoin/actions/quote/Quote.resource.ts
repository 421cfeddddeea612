import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { cryptoCoinTable } from '../node.table';
import * as confirm from './confirm.operation';
import * as create from './create.operation';
import * as get from './get.operation';

export { confirm, create, get };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(cryptoCoinTable, 'quote');

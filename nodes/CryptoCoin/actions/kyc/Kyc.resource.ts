import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { cryptoCoinTable } from '../node.table';
import * as address from './address.operation';
import * as documents from './documents.operation';
import * as edd from './edd.operation';
import * as getStatus from './getStatus.operation';
import * as personalData from './personalData.operation';
import * as video from './video.operation';

export { address, documents, edd, getStatus, personalData, video };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(cryptoCoinTable, 'kyc');

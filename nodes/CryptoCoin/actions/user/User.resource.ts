import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { cryptoCoinTable } from '../node.table';
import * as create from './create.operation';
import * as getProfile from './getProfile.operation';
import * as verifyEmail from './verifyEmail.operation';

export { create, getProfile, verifyEmail };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(cryptoCoinTable, 'user');

import type { INodeProperties } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/operationTable';
import { quoineTable } from '../node.table';
import * as createFiatAccount from './createFiatAccount.operation';
import * as getBalances from './getBalances.operation';
import * as getCryptoAccounts from './getCryptoAccounts.operation';
import * as getFiatAccounts from './getFiatAccounts.operation';
import * as getMainAsset from './getMainAsset.operation';

export { createFiatAccount, getBalances, getCryptoAccounts, getFiatAccounts, getMainAsset };

/** The Operation picker and fields of this resource, built from the node's operation table. */
export const description: INodeProperties[] = resourceDescription(quoineTable, 'account');

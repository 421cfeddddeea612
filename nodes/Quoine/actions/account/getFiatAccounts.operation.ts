import { signedGet } from '../common';

/** get_fiat_accounts: GET /fiat_accounts (spec §11.5). */
export const { description, execute } = signedGet('account.getFiatAccounts');

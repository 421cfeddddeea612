import { signedGet } from '../common';

/** get_account_balances: GET /accounts/balance, one item per currency (spec §11.5). */
export const { description, execute } = signedGet('account.getBalances');

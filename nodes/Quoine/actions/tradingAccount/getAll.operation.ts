import { signedGet } from '../common';

/** get_trading_accounts: a plain list, one item per trading account (spec §11.7). */
export const { description, execute } = signedGet('tradingAccount.getAll');

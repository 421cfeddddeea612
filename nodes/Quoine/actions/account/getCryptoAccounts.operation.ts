import { signedGet } from '../common';

/** get_crypto_accounts: GET /crypto_accounts (spec §11.5). */
export const { description, execute } = signedGet('account.getCryptoAccounts');

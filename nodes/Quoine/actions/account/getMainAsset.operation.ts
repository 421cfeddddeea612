import { signedGet } from '../common';

/** get_main_asset: GET /accounts/main_asset (spec §11.5). */
export const { description, execute } = signedGet('account.getMainAsset');

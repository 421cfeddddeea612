import { getAllOperation } from '../paymentMethods';

/** GET /user/{user}/wallet (spec §10.14, INFERRED path). */
export const { description, execute } = getAllOperation('wallet');

import { getAllOperation } from '../paymentMethods';

/** GET /user/{user}/bank (spec §10.14, INFERRED path). */
export const { description, execute } = getAllOperation('bank');

import { getAllOperation } from '../paymentMethods';

/** GET /user/{user}/card (spec §10.14, INFERRED path). */
export const { description, execute } = getAllOperation('card');

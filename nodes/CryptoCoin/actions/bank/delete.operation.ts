import { deleteOperation } from '../paymentMethods';

/** DELETE /user/{user}/bank/{id} (spec §10.14, INFERRED path). */
export const { description, execute } = deleteOperation('bank');

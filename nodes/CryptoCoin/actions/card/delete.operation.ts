import { deleteOperation } from '../paymentMethods';

/** DELETE /user/{user}/card/{id} (spec §10.14, INFERRED path). */
export const { description, execute } = deleteOperation('card');

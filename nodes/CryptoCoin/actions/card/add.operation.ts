import { addOperation } from '../paymentMethods';

/**
 * POST /user/{user}/card (spec §10.7). The body is UNDOCUMENTED, so the node names no card field:
 * the fields go into Additional Fields (JSON).
 */
export const { description, execute } = addOperation('card', []);

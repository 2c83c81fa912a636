// I/O Runtime entry point: the handler with its production context (aio-lib-state, Commerce REST, Prima).
import { adminApiAction } from '../actions/admin-api.js';
import { productionContext } from '../runtime/production.js';

export const main = adminApiAction(productionContext);

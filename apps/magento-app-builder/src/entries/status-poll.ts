// I/O Runtime entry point: the handler with its production context (aio-lib-state, Commerce REST, Prima).
import { statusPollAction } from '../actions/scheduled.js';
import { productionContext } from '../runtime/production.js';

export const main = statusPollAction(productionContext);

// I/O Runtime entry point: the handler with its production context (aio-sdk State and Core.Logger, Commerce REST, Prima).
import { statusPollAction } from '../actions/scheduled.js';
import { productionContext } from '../runtime/production.js';

export const main = statusPollAction(productionContext);

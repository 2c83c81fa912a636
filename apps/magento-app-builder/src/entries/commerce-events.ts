// I/O Runtime entry point: the handler with its production context (aio-sdk State and Core.Logger, Commerce REST, Prima).
import { commerceEventsAction } from '../actions/commerce-events.js';
import { productionContext } from '../runtime/production.js';

export const main = commerceEventsAction(productionContext);

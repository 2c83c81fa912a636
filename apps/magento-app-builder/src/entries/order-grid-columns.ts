// I/O Runtime entry point: the handler with its production context (aio-sdk State and Core.Logger, Commerce REST, Prima).
import { orderGridAction } from '../actions/order-grid.js';
import { productionContext } from '../runtime/production.js';

export const main = orderGridAction(productionContext);

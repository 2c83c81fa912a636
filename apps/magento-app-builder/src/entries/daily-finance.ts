// I/O Runtime entry point: the handler with its production context (aio-sdk State and Core.Logger, Commerce REST, Prima).
import { dailyFinanceAction } from '../actions/daily-finance.js';
import { productionContext } from '../runtime/production.js';

export const main = dailyFinanceAction(productionContext);

// Public API of the stock room: available-to-sell policy and the push plan (pure).
export { planStockPush, type StockPlan, type StockPlanInput } from './plan.js';
export { baseBufferRule, bufferRuleFor, bufferUnits, sellable } from './policy.js';

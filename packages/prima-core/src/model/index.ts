export * from './item.js';
export * from './lifecycle.js';
export * from './mapping.js';
export * from './order.js';
export * from './prima-order.js';
export * from './stock.js';

// Adobe Commerce emulator: REST V1 (validated against Adobe's Swagger), async bulk, signed I/O Events.
export * from './emulator.js';
export * from './events.js';
export * from './model.js';
export { orderEventValue, orderPayload } from './payloads.js';

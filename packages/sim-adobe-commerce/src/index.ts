// Adobe Commerce emulator: REST V1 (validated against Adobe's Swagger), async bulk, signed I/O Events.
export * from './emulator.js';
export * from './events.js';
export * from './model.js';
export { creditmemoEventValue, invoiceEventValue, orderEventValue, orderPayload } from './payloads.js';

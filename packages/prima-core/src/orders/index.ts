// Public API of the orders room: storefront order -> Prima sales order, pure.
export {
  type BuildContext,
  type BuiltOrder,
  buildPrimaOrder,
  GIFT_CARD_FEE_KEY,
  NO_PAYMENT_KEY,
  type OrderAdjustment,
} from './build-order.js';
export { missingAddressFields, toPrimaContact } from './contacts.js';
export { orderContentHash } from './content-hash.js';
export { type ExactLine, exactLines } from './exact-lines.js';
export { primaOrderNumber } from './order-number.js';
export { toPrimaBasis } from './vat-basis.js';

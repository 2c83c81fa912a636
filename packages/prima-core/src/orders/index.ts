// Public API of the orders room: storefront order -> Prima sales order, pure.
export {
  type BuildContext,
  type BuiltOrder,
  type OrderAdjustment,
  GIFT_CARD_FEE_KEY,
  NO_PAYMENT_KEY,
  buildPrimaOrder,
} from './build-order.js';
export { primaOrderNumber } from './order-number.js';
export { orderContentHash } from './content-hash.js';
export { type ExactLine, exactLines } from './exact-lines.js';
export { toPrimaBasis } from './vat-basis.js';
export { missingAddressFields, toPrimaContact } from './contacts.js';

export {
  LeakyBucket,
  MAX_SINGLE_QUERY_COST,
  MUTATION_COST,
  requestedQueryCost,
  type ThrottleStatus,
} from './cost.js';
export type {
  OrderLineSpec,
  PlaceOrderSpec,
  SeedVariant,
  ShopifyEmulator,
  ShopifyEmulatorOptions,
} from './emulator.js';
export { startShopifyEmulator } from './emulator.js';
export { examplePayload, payloadSchema, WEBHOOK_EXAMPLES_VERSION, type WebhookTopic } from './fixtures.js';
export { INVENTORY_REASONS, MAX_INVENTORY_QUANTITIES } from './graphql-api.js';
export { decimal, gid, parseGid } from './ids.js';
export {
  type BalanceTransactionSpec,
  DEFAULT_PAYMENTS_FEE,
  type PaymentsFee,
  type PayOutOptions,
  processingFee,
} from './payments.js';
export {
  DEFAULT_API_VERSION,
  loadAdminSchema,
  SUPPORTED_API_VERSIONS,
  validateAdminDocument,
} from './schema.js';
export { sessionToken } from './session-token.js';
export type {
  ShopState,
  SimBalanceTransaction,
  SimLocation,
  SimOrder,
  SimPayout,
  SimPayoutStatus,
  SimVariant,
} from './state.js';
export {
  orderPayload,
  refundPayload,
  signWebhookBody,
  type WebhookDelivery,
  webhookHeaders,
} from './webhooks.js';

export { startShopifyEmulator } from './emulator.js';
export type { ShopifyEmulator, ShopifyEmulatorOptions, PlaceOrderSpec, OrderLineSpec, SeedVariant } from './emulator.js';
export { DEFAULT_API_VERSION, SUPPORTED_API_VERSIONS, loadAdminSchema, validateAdminDocument } from './schema.js';
export { LeakyBucket, MUTATION_COST, MAX_SINGLE_QUERY_COST, requestedQueryCost, type ThrottleStatus } from './cost.js';
export { MAX_INVENTORY_QUANTITIES, INVENTORY_REASONS } from './graphql-api.js';
export { examplePayload, payloadSchema, WEBHOOK_EXAMPLES_VERSION, type WebhookTopic } from './fixtures.js';
export { signWebhookBody, webhookHeaders, orderPayload, refundPayload, type WebhookDelivery } from './webhooks.js';
export { gid, parseGid, decimal } from './ids.js';
export type { ShopState, SimOrder, SimVariant, SimLocation } from './state.js';

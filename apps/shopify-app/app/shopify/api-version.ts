/**
 * The Admin API version the app speaks, for webhooks and GraphQL alike. It must equal `[webhooks] api_version`
 * in shopify.app.toml (a test checks) and is the schema every GraphQL document is validated against.
 * 2026-07: inventorySetQuantities needs changeFromQuantity and @idempotent (since 2026-04).
 */
export const SHOPIFY_API_VERSION = '2026-07';

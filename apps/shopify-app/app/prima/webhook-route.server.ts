/**
 * The body of every webhook route: the library verifies X-Shopify-Hmac-Sha256 against the app secret
 * (a wrong signature throws a 401 Response before anything is read or stored), then the topic handler
 * hands a canonical event to the engine. Shopify expects an answer within seconds: nothing here waits on Prima.
 */
import { authenticate, deleteSessions } from '../shopify.server.js';
import { getHost } from './runtime.server.js';
import { handleShopifyWebhook, normaliseTopic } from './webhooks.server.js';

export async function webhookAction(request: Request, expectedTopic: string): Promise<Response> {
  const { topic, shop, payload, webhookId } = await authenticate.webhook(request);
  if (normaliseTopic(topic) !== normaliseTopic(expectedTopic)) {
    return new Response(`This address takes ${expectedTopic} webhooks`, { status: 400 });
  }
  const host = await getHost();
  await handleShopifyWebhook(host, { topic, shop, payload, webhookId, deleteSessions });
  return new Response(null, { status: 200 });
}

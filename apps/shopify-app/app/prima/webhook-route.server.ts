/**
 * The body of every webhook route: the library verifies X-Shopify-Hmac-Sha256 against the app secret
 * (a wrong signature throws a 401 Response before anything is read or stored), then the topic handler
 * hands a canonical event to the engine. Shopify expects an answer within seconds: nothing here waits on Prima.
 */
import { authenticate, deleteSessions } from '../shopify.server.js';
import { getHost } from './runtime.server.js';
import { handleShopifyWebhook, normaliseTopic } from './webhooks.server.js';

/** Shopify's largest order payloads are a few hundred KB; anything near this is not a Shopify webhook. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export async function webhookAction(incoming: Request, expectedTopic: string): Promise<Response> {
  // Shopify always sends JSON; anything else is refused before the body is read.
  const type = incoming.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    return new Response('Webhooks must be sent as application/json', { status: 415 });
  const declared = Number(incoming.headers.get('content-length') ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return new Response('The webhook body is too large', { status: 413 });
  const body = await incoming.text();
  if (Buffer.byteLength(body) > MAX_WEBHOOK_BYTES)
    return new Response('The webhook body is too large', { status: 413 });
  const request = new Request(incoming.url, { method: incoming.method, headers: incoming.headers, body });
  let webhook: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    webhook = await authenticate.webhook(request);
  } catch (error) {
    // The library throws a Response for a refused request (401, 400); a signed body that is not JSON
    // would otherwise surface as a 500, which Shopify retries for hours: it can never succeed.
    if (error instanceof SyntaxError)
      return new Response('The webhook body is not valid JSON', { status: 400 });
    throw error;
  }
  const { topic, shop, payload, webhookId } = webhook;
  if (normaliseTopic(topic) !== normaliseTopic(expectedTopic)) {
    return new Response(`This address takes ${expectedTopic} webhooks`, { status: 400 });
  }
  const host = await getHost();
  await handleShopifyWebhook(host, { topic, shop, payload, webhookId, deleteSessions });
  return new Response(null, { status: 200 });
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** WooCommerce's X-WC-Webhook-Signature: base64(HMAC-SHA256(raw body, secret)). Constant-time compare. */
export function verifyWooSignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

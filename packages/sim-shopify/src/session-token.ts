/**
 * An App Bridge session token as Shopify's admin issues one to an embedded app: an HS256 JWT signed with
 * the app's API secret, naming the shop (`dest`) and the app (`aud`). Tests and the playground use it to
 * open the app's admin pages through the library's own authentication.
 */
import { createHmac, randomUUID } from 'node:crypto';

const b64url = (v: string) => Buffer.from(v).toString('base64url');

export function sessionToken(opts: {
  shop: string;
  apiKey: string;
  secret: string;
  /** Seconds until it expires (Shopify's own last a minute; a playground URL lasts a day). */
  ttlSeconds?: number;
  /** The staff member's user id. */
  userId?: string;
}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      iss: `https://${opts.shop}/admin`,
      dest: `https://${opts.shop}`,
      aud: opts.apiKey,
      sub: opts.userId ?? '1',
      exp: now + (opts.ttlSeconds ?? 3600),
      nbf: now - 5,
      iat: now - 5,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac('sha256', opts.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

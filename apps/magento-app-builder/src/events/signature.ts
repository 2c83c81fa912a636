import { verify } from 'node:crypto';

/**
 * Adobe I/O Events signature check, the same algorithm as `@adobe/aio-lib-events`
 * `verifyDigitalSignatureForEvent`: RSA-SHA256 over the raw request body, two signatures
 * (`x-adobe-digital-signature-1/-2`) for two published public keys (`x-adobe-public-key1-path/-2-path`);
 * valid when either verifies. We verify with node:crypto because aio-lib-events fetches the keys from
 * Adobe's CDN itself, which a test cannot point elsewhere; the key source is injected here instead.
 */
export type PublicKeyResolver = (path: string) => Promise<string>;

/** Production: keys are published under https://static.adobeioevents.com<path>; cached per process. */
export function adobePublicKeyResolver(
  base = 'https://static.adobeioevents.com',
  fetchImpl: typeof fetch = fetch,
): PublicKeyResolver {
  const cache = new Map<string, Promise<string>>();
  return (path) => {
    if (!/^\/[A-Za-z0-9/._-]+\.pem$/.test(path))
      return Promise.reject(new Error(`refusing odd public key path ${path}`));
    let hit = cache.get(path);
    if (!hit) {
      hit = fetchImpl(`${base}${path}`).then(async (r) => {
        if (!r.ok) throw new Error(`public key ${path}: HTTP ${r.status}`);
        return r.text();
      });
      hit.catch(() => cache.delete(path));
      cache.set(path, hit);
    }
    return hit;
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export async function verifyIoEventSignature(
  rawBody: string,
  headers: Record<string, string | undefined>,
  resolveKey: PublicKeyResolver,
): Promise<SignatureCheck> {
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const pairs = [
    [h['x-adobe-digital-signature-1'], h['x-adobe-public-key1-path']],
    [h['x-adobe-digital-signature-2'], h['x-adobe-public-key2-path']],
  ].filter((p): p is [string, string] => Boolean(p[0] && p[1]));
  if (pairs.length === 0) return { ok: false, reason: 'no I/O Events signature headers' };
  for (const [signature, path] of pairs) {
    try {
      const pem = await resolveKey(path);
      if (verify('sha256', Buffer.from(rawBody, 'utf8'), pem, Buffer.from(signature, 'base64')))
        return { ok: true };
    } catch {
      // An unreachable or malformed key is simply "not verified by this pair": try the other one.
    }
  }
  return { ok: false, reason: 'signature does not match the published keys' };
}

import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adobePublicKeyResolver, verifyIoEventSignature } from './signature.js';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

describe('I/O Events signature', () => {
  const body = JSON.stringify({
    id: 'e1',
    type: 'com.adobe.commerce.observer.sales_order_save_commit_after',
  });
  const k1 = pair();
  const k2 = pair();
  const keys: Record<string, string> = { '/k1.pem': k1.pem, '/k2.pem': k2.pem };
  const resolve = async (p: string) => keys[p] ?? Promise.reject(new Error('no key'));
  const headers = (sig1: string, sig2: string) => ({
    'x-adobe-digital-signature-1': sig1,
    'x-adobe-digital-signature-2': sig2,
    'x-adobe-public-key1-path': '/k1.pem',
    'x-adobe-public-key2-path': '/k2.pem',
  });
  const good1 = sign('sha256', Buffer.from(body), k1.privateKey).toString('base64');
  const good2 = sign('sha256', Buffer.from(body), k2.privateKey).toString('base64');

  it('accepts when either signature verifies (key rotation), refuses when neither does', async () => {
    expect(await verifyIoEventSignature(body, headers(good1, 'AAAA'), resolve)).toEqual({ ok: true });
    expect(await verifyIoEventSignature(body, headers('AAAA', good2), resolve)).toEqual({ ok: true });
    expect((await verifyIoEventSignature(body, headers(good2, good1), resolve)).ok).toBe(false);
    expect((await verifyIoEventSignature(`${body} `, headers(good1, good2), resolve)).ok).toBe(false);
    expect((await verifyIoEventSignature(body, {}, resolve)).ok).toBe(false);
  });

  it('fetches published keys once and refuses odd key paths', async () => {
    let fetched = 0;
    const resolver = adobePublicKeyResolver('https://keys.invalid', async () => {
      fetched++;
      return new Response(k1.pem);
    });
    expect(await resolver('/prod/keys/pub-key-abc.pem')).toBe(k1.pem);
    expect(await resolver('/prod/keys/pub-key-abc.pem')).toBe(k1.pem);
    expect(fetched).toBe(1);
    await expect(resolver('/../../etc/passwd')).rejects.toThrow(/odd public key path/);
  });
});

import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { SimEventDelivery } from './model.js';

/**
 * Adobe I/O Events as Commerce delivers them: a CloudEvents 1.0 JSON envelope, signed twice (key 1 and
 * key 2, so keys can rotate) with RSA-SHA256 over the raw body; the public keys are published at the paths
 * named in the `x-adobe-public-key{1,2}-path` headers.
 */
export interface SigningKeys {
  key1: { privateKeyPem: string; publicKeyPem: string; path: string };
  key2: { privateKeyPem: string; publicKeyPem: string; path: string };
}

export function generateSigningKeys(): SigningKeys {
  const make = (n: number) => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      path: `/prod/keys/pub-key-${n}-${randomUUID()}.pem`,
    };
  };
  return { key1: make(1), key2: make(2) };
}

export interface EventEnvelope {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  datacontenttype: 'application/json';
  time: string;
  event_id: string;
  recipient_client_id: string;
  data: {
    key: string;
    value: Record<string, unknown>;
    source: string;
    _metadata: {
      commerceEdition: string;
      commerceVersion: string;
      eventsClientVersion: string;
      storeId: string;
      websiteId: string;
      storeGroupId: string;
    };
  };
}

export interface EventSourceConfig {
  providerId: string;
  recipientClientId: string;
  instanceId: string;
  commerceVersion: string;
}

/** Commerce names I/O event types `com.adobe.commerce.<event code>`. */
export const ioEventType = (eventCode: string): string => `com.adobe.commerce.${eventCode}`;

export function buildEnvelope(
  cfg: EventSourceConfig,
  eventCode: string,
  value: Record<string, unknown>,
  at: string,
): EventEnvelope {
  const id = randomUUID();
  return {
    specversion: '1.0',
    id,
    source: `urn:uuid:${cfg.providerId}`,
    type: ioEventType(eventCode),
    datacontenttype: 'application/json',
    time: at,
    event_id: id,
    recipient_client_id: cfg.recipientClientId,
    data: {
      key: randomUUID(),
      value,
      source: `${cfg.instanceId}.default`,
      _metadata: {
        commerceEdition: 'Adobe Commerce',
        commerceVersion: cfg.commerceVersion,
        eventsClientVersion: '1.12.0',
        storeId: '1',
        websiteId: '1',
        storeGroupId: '1',
      },
    },
  };
}

export function signedHeaders(keys: SigningKeys, rawBody: string): Record<string, string> {
  const signWith = (pem: string) => sign('sha256', Buffer.from(rawBody, 'utf8'), pem).toString('base64');
  return {
    'content-type': 'application/json',
    'x-adobe-digital-signature-1': signWith(keys.key1.privateKeyPem),
    'x-adobe-digital-signature-2': signWith(keys.key2.privateKeyPem),
    'x-adobe-public-key1-path': keys.key1.path,
    'x-adobe-public-key2-path': keys.key2.path,
  };
}

/** POSTs one signed delivery; never throws (a refused delivery is recorded, as I/O Events would). */
export async function deliver(
  url: string,
  keys: SigningKeys,
  envelope: EventEnvelope,
  attempt: number,
): Promise<SimEventDelivery> {
  const body = JSON.stringify(envelope);
  const headers = {
    ...signedHeaders(keys, body),
    ...(attempt > 0 ? { 'x-adobe-retry-count': String(attempt) } : {}),
  };
  let status: number | 'error';
  try {
    const res = await fetch(url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = 'error';
  }
  return { eventId: envelope.event_id, type: envelope.type, url, status, attempt, body, headers };
}

/**
 * Keys for secrets at rest. The current key encrypts; previous keys only decrypt, so a key can be rotated
 * without downtime: set the new key, move the old one to PRIMA_SECRET_KEYS_PREVIOUS, run `rotate()`.
 *
 * Environment (read once, by `keyringFromEnv`):
 *   PRIMA_SECRET_KEY            32 random bytes, base64 (`openssl rand -base64 32`)
 *   PRIMA_SECRET_KEY_FILE       or a file holding that base64 text (Docker/Kubernetes secrets)
 *   PRIMA_SECRET_KEYS_PREVIOUS  optional, comma-separated base64 keys still accepted for decryption
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SecretKey {
  /** A fingerprint stored next to each secret: says which key encrypted it, reveals nothing about the key. */
  id: string;
  key: Buffer;
}

export interface Keyring {
  current: SecretKey;
  previous: SecretKey[];
}

export interface Sealed {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export function secretKey(base64: string): SecretKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32)
    throw new Error('A secret key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return {
    id: createHash('sha256').update('prima-connect secret key\0').update(key).digest('hex').slice(0, 16),
    key,
  };
}

export function keyringFromEnv(env: Record<string, string | undefined> = process.env): Keyring {
  const text =
    env.PRIMA_SECRET_KEY ??
    (env.PRIMA_SECRET_KEY_FILE ? readFileSync(env.PRIMA_SECRET_KEY_FILE, 'utf8') : undefined);
  if (!text)
    throw new Error(
      'No secret key: set PRIMA_SECRET_KEY or PRIMA_SECRET_KEY_FILE (see prima-store README, "Secrets")',
    );
  const previous = (env.PRIMA_SECRET_KEYS_PREVIOUS ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map(secretKey);
  return { current: secretKey(text), previous };
}

/** AES-256-GCM with a fresh 96-bit IV. `context` is bound as associated data: a sealed value only opens in its own slot. */
export function seal(keyring: Keyring, plaintext: string, context: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: keyring.current.id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

export function open(keyring: Keyring, sealed: Sealed, context: string): string {
  const key = [keyring.current, ...keyring.previous].find((k) => k.id === sealed.keyId);
  if (!key)
    throw new Error(
      `Secret was encrypted with key ${sealed.keyId}, which is not configured (PRIMA_SECRET_KEYS_PREVIOUS?)`,
    );
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // Never echo the value or the key: only that the stored secret does not authenticate.
    throw new Error('Secret failed authentication: it was altered or belongs to another slot');
  }
}

/**
 * Shopify sessions with their access tokens encrypted at rest (AES-256-GCM, prima-store's keyring), around
 * the library's Prisma session storage. An offline token opens the shop's Admin API for as long as the app
 * is installed: a copy of the database must not be enough to use it.
 *
 * The key is PRIMA_SECRET_KEY (with PRIMA_SECRET_KEYS_PREVIOUS for rotation) when set; otherwise it is
 * derived from the app's API secret (HKDF), which the app must hold anyway, so a development install has
 * nothing extra to configure. Tokens stored before this wrapper load as they are and are sealed on the next
 * save.
 */
import { hkdfSync } from 'node:crypto';
import {
  type Keyring,
  keyringFromEnv,
  openSealed,
  type Sealed,
  seal,
  secretKey,
} from '@prima-connect/prima-store';
import type { Session } from '@shopify/shopify-app-remix/server';
import { z } from 'zod';

/** What the library needs of a session storage (its SessionStorage interface). */
export interface SessionStorageLike {
  storeSession(session: Session): Promise<boolean>;
  loadSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<boolean>;
  deleteSessions(ids: string[]): Promise<boolean>;
  findSessionsByShop(shop: string): Promise<Session[]>;
}

const PREFIX = 'enc:v1:';
const sealedSchema = z.object({ keyId: z.string(), iv: z.string(), tag: z.string(), ciphertext: z.string() });
const context = (session: Session) => `shopify.session:${session.id}`;

export function sessionKeyring(env: Record<string, string | undefined> = process.env): Keyring {
  if (env.PRIMA_SECRET_KEY || env.PRIMA_SECRET_KEY_FILE) return keyringFromEnv(env);
  const secret = env.SHOPIFY_API_SECRET ?? '';
  if (!secret) throw new Error('Set PRIMA_SECRET_KEY (or SHOPIFY_API_SECRET) to encrypt Shopify sessions');
  const derived = Buffer.from(hkdfSync('sha256', secret, 'prima-connect', 'shopify session tokens', 32));
  return { current: secretKey(derived.toString('base64')), previous: [] };
}

export class EncryptedSessionStorage implements SessionStorageLike {
  constructor(
    private readonly inner: SessionStorageLike,
    private readonly keyring: Keyring,
  ) {}

  private sealToken(session: Session): Session {
    const token = session.accessToken;
    if (!token || token.startsWith(PREFIX)) return session;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(session)), session) as Session;
    const sealed: Sealed = seal(this.keyring, token, context(session));
    copy.accessToken = `${PREFIX}${Buffer.from(JSON.stringify(sealed)).toString('base64')}`;
    return copy;
  }

  private openToken(session: Session): Session {
    const token = session.accessToken;
    if (!token?.startsWith(PREFIX)) return session;
    const sealed = sealedSchema.parse(
      JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64').toString('utf8')),
    );
    session.accessToken = openSealed(this.keyring, sealed, context(session));
    return session;
  }

  storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(this.sealToken(session));
  }
  async loadSession(id: string): Promise<Session | undefined> {
    const s = await this.inner.loadSession(id);
    return s ? this.openToken(s) : undefined;
  }
  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }
  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }
  async findSessionsByShop(shop: string): Promise<Session[]> {
    return (await this.inner.findSessionsByShop(shop)).map((s) => this.openToken(s));
  }
}

/**
 * Connected shops: registration (a tenant id and an API key shown once), authentication of the plugin's
 * calls by that key, the webhook secret, and the WooCommerce REST key that builds the shop's gateway.
 * A request's tenant always comes from its key, never from a URL or body: tenants stay isolated.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock, Logger, Store } from '@prima-connect/prima-core';
import { z } from 'zod';
import { WooGateway } from '../woocommerce/gateway.js';
import type { WooCredentials } from '../woocommerce/rest-client.js';
import type { AccountRepo, StoreAccount } from './account-repo.js';
import type { SecretBox } from './secret-box.js';

const KEY_PREFIX = 'pck';
const wooKeySchema = z.object({ consumerKey: z.string().min(1), consumerSecret: z.string().min(1) });

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** `pck_<tenantId>_<hex secret>`: the tenant part finds the row, the hash comparison proves the key. */
function tenantOfKey(key: string): string | null {
  const m = /^pck_([a-z0-9_]+)_[0-9a-f]{48}$/.exec(key);
  return m?.[1] ?? null;
}

export interface AccountsDeps {
  repo: AccountRepo;
  box: SecretBox;
  store: Store;
  clock: Clock;
  logger?: Logger;
  /** Injected in tests (the emulator); defaults to global fetch. */
  fetch?: typeof fetch;
}

export class Accounts {
  private readonly gateways = new Map<string, WooGateway>();

  constructor(private readonly deps: AccountsDeps) {}

  async register(input: { siteUrl: string }): Promise<{ tenantId: string; apiKey: string }> {
    const tenantId = `woo_${randomBytes(6).toString('hex')}`;
    // base64url may contain "_" or "-": hex keeps the key splittable on "_" and copy-paste safe.
    const apiKey = `${KEY_PREFIX}_${tenantId}_${randomBytes(24).toString('hex')}`;
    const now = this.deps.clock.now().toISOString();
    await this.deps.repo.put({
      tenantId,
      siteUrl: input.siteUrl,
      apiKeyHash: hashApiKey(apiKey),
      webhookSecretSealed: this.deps.box.seal(randomBytes(32).toString('hex')),
      createdAt: now,
    });
    await this.deps.store.tenants.put({
      id: tenantId,
      platform: 'woocommerce',
      shop: input.siteUrl,
      createdAt: now,
    });
    return { tenantId, apiKey };
  }

  /** The tenant a bearer key belongs to, or null. Constant-time on the hash. */
  async authenticate(apiKey: string | undefined): Promise<StoreAccount | null> {
    if (!apiKey) return null;
    const tenantId = tenantOfKey(apiKey);
    if (!tenantId) return null;
    const account = await this.deps.repo.get(tenantId);
    if (!account) return null;
    const a = Buffer.from(account.apiKeyHash, 'hex');
    const b = Buffer.from(hashApiKey(apiKey), 'hex');
    return a.length === b.length && timingSafeEqual(a, b) ? account : null;
  }

  get(tenantId: string): Promise<StoreAccount | null> {
    return this.deps.repo.get(tenantId);
  }

  list(): Promise<StoreAccount[]> {
    return this.deps.repo.list();
  }

  webhookSecret(account: StoreAccount): string {
    return this.deps.box.open(account.webhookSecretSealed);
  }

  async rotateWebhookSecret(tenantId: string): Promise<string> {
    const account = await this.require(tenantId);
    const secret = randomBytes(32).toString('hex');
    await this.deps.repo.put({ ...account, webhookSecretSealed: this.deps.box.seal(secret) });
    return secret;
  }

  async setWooCredentials(
    tenantId: string,
    creds: { siteUrl?: string; consumerKey: string; consumerSecret: string },
  ): Promise<void> {
    const account = await this.require(tenantId);
    const sealed = this.deps.box.seal(
      JSON.stringify({ consumerKey: creds.consumerKey, consumerSecret: creds.consumerSecret }),
    );
    await this.deps.repo.put({ ...account, siteUrl: creds.siteUrl ?? account.siteUrl, wooKeySealed: sealed });
    this.gateways.delete(tenantId);
  }

  async touch(tenantId: string, field: 'lastPollAt' | 'lastWebhookAt', atIso: string): Promise<void> {
    const account = await this.deps.repo.get(tenantId);
    if (account) await this.deps.repo.put({ ...account, [field]: atIso });
  }

  credentialsOf(account: StoreAccount): WooCredentials | null {
    if (!account.wooKeySealed) return null;
    const key = wooKeySchema.parse(JSON.parse(this.deps.box.open(account.wooKeySealed)));
    return { siteUrl: account.siteUrl, ...key };
  }

  /** The shop's StorefrontGateway; null until the merchant saved a WooCommerce REST key. */
  async gatewayFor(tenantId: string): Promise<WooGateway | null> {
    const cached = this.gateways.get(tenantId);
    if (cached) return cached;
    const account = await this.deps.repo.get(tenantId);
    const creds = account ? this.credentialsOf(account) : null;
    if (!creds) return null;
    const gw = new WooGateway(creds, {
      ...(this.deps.logger ? { logger: this.deps.logger.child({ tenantId }) } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      now: () => this.deps.clock.now(),
    });
    this.gateways.set(tenantId, gw);
    return gw;
  }

  async remove(tenantId: string): Promise<void> {
    this.gateways.delete(tenantId);
    await this.deps.repo.delete(tenantId);
  }

  private async require(tenantId: string): Promise<StoreAccount> {
    const account = await this.deps.repo.get(tenantId);
    if (!account) throw new Error(`unknown tenant ${tenantId}`);
    return account;
  }
}

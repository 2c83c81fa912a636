/**
 * What the connector keeps per connected WooCommerce shop besides prima-core's Store: the API key hash,
 * the sealed webhook secret and WooCommerce REST key, and the polling watermark. Secrets are only ever
 * stored sealed (SecretBox); the API key only as a SHA-256 hash.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const storeAccountSchema = z.object({
  tenantId: z.string().regex(/^[a-z0-9_]+$/),
  siteUrl: z.string().url(),
  apiKeyHash: z.string().regex(/^[0-9a-f]{64}$/),
  webhookSecretSealed: z.string(),
  wooKeySealed: z.string().optional(),
  createdAt: z.string(),
  lastPollAt: z.string().optional(),
  lastWebhookAt: z.string().optional(),
});
export type StoreAccount = z.infer<typeof storeAccountSchema>;

export interface AccountRepo {
  get(tenantId: string): Promise<StoreAccount | null>;
  put(account: StoreAccount): Promise<void>;
  list(): Promise<StoreAccount[]>;
  delete(tenantId: string): Promise<void>;
}

export function createMemoryAccountRepo(): AccountRepo {
  const rows = new Map<string, StoreAccount>();
  return {
    async get(id) {
      const row = rows.get(id);
      return row ? { ...row } : null;
    },
    async put(a) {
      rows.set(a.tenantId, storeAccountSchema.parse(a));
    },
    async list() {
      return [...rows.values()].map((r) => ({ ...r }));
    },
    async delete(id) {
      rows.delete(id);
    },
  };
}

/**
 * A JSON file for single-node installs and the playground: written whole to a temp file and renamed,
 * so a crash never leaves half a file. Holds only hashes and sealed secrets.
 */
export function createFileAccountRepo(path: string): AccountRepo {
  const load = (): Map<string, StoreAccount> => {
    try {
      const rows = z.array(storeAccountSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
      return new Map(rows.map((r) => [r.tenantId, r]));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw err;
    }
  };
  const save = (rows: Map<string, StoreAccount>) => {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify([...rows.values()], null, 2), { mode: 0o600 });
    renameSync(tmp, path);
  };
  return {
    async get(id) {
      return load().get(id) ?? null;
    },
    async put(a) {
      const rows = load();
      rows.set(a.tenantId, storeAccountSchema.parse(a));
      save(rows);
    },
    async list() {
      return [...load().values()];
    },
    async delete(id) {
      const rows = load();
      rows.delete(id);
      save(rows);
    },
  };
}

/**
 * Storefront access tokens and Prima credentials, encrypted at rest in the Secret table. Values are only
 * ever returned to the caller that asks by name: nothing here logs, and errors never include a value.
 */
import { z } from 'zod';
import type { PrimaPrismaClient } from '../client.js';
import { type Keyring, open, seal } from './keyring.js';

/** e.g. "storefront.accessToken", "prima.password", "woocommerce.consumerSecret". */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'secret names are letters, digits, _ . -');

const slot = (tenantId: string, name: string) => `${tenantId}\0${name}`;

export interface SecretStore {
  put(tenantId: string, name: string, value: string): Promise<void>;
  get(tenantId: string, name: string): Promise<string | null>;
  delete(tenantId: string, name: string): Promise<void>;
  names(tenantId: string): Promise<string[]>;
  /** Re-encrypts every secret not under the current key; returns how many. */
  rotate(): Promise<number>;
}

export function createSecretStore(db: PrimaPrismaClient, keyring: Keyring): SecretStore {
  return {
    async put(tenantId, name, value) {
      secretNameSchema.parse(name);
      const sealed = seal(keyring, z.string().parse(value), slot(tenantId, name));
      await db.secret.upsert({
        where: { tenantId_name: { tenantId, name } },
        create: { tenantId, name, ...sealed },
        update: sealed,
      });
    },
    async get(tenantId, name) {
      const row = await db.secret.findUnique({ where: { tenantId_name: { tenantId, name } } });
      return row === null ? null : open(keyring, row, slot(tenantId, name));
    },
    async delete(tenantId, name) {
      await db.secret.deleteMany({ where: { tenantId, name } });
    },
    async names(tenantId) {
      return (
        await db.secret.findMany({ where: { tenantId }, select: { name: true }, orderBy: { name: 'asc' } })
      ).map((r) => r.name);
    },
    async rotate() {
      const stale = await db.secret.findMany({ where: { keyId: { not: keyring.current.id } } });
      for (const row of stale) {
        const context = slot(row.tenantId, row.name);
        const sealed = seal(keyring, open(keyring, row, context), context);
        // Only if nobody rewrote it meanwhile (same keyId and IV): a concurrent put wins.
        await db.secret.updateMany({
          where: { tenantId: row.tenantId, name: row.name, keyId: row.keyId, iv: row.iv },
          data: sealed,
        });
      }
      return stale.length;
    },
  };
}

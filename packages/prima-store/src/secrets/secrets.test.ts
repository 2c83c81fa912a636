import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleTenant } from '@prima-connect/prima-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaStore, type PrismaStore } from '../prisma-store/index.js';
import { type TestDatabase, tempSqlite } from '../test-databases.js';
import { keyringFromEnv, secretKey } from './keyring.js';
import { createSecretStore } from './secret-store.js';

const newKey = () => randomBytes(32).toString('base64');
const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

describe('secrets at rest', () => {
  let db: TestDatabase;
  let handle: PrismaStore;
  const key1 = newKey();

  beforeEach(async () => {
    db = tempSqlite();
    handle = await createPrismaStore({ url: db.url });
    await handle.store.tenants.put(sampleTenant('t1'));
    await handle.store.tenants.put(sampleTenant('t2'));
  });
  afterEach(async () => {
    await handle.close();
    await db.drop();
  });

  it('round-trips a value and never stores it in clear', async () => {
    const secrets = createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key1 }));
    await secrets.put('t1', 'storefront.accessToken', TOKEN);
    expect(await secrets.get('t1', 'storefront.accessToken')).toBe(TOKEN);
    expect(await secrets.get('t2', 'storefront.accessToken')).toBeNull();
    expect(await secrets.names('t1')).toEqual(['storefront.accessToken']);

    const row = await handle.prisma.secret.findUniqueOrThrow({
      where: { tenantId_name: { tenantId: 't1', name: 'storefront.accessToken' } },
    });
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(row.keyId).toBe(secretKey(key1).id);
  });

  it("a sealed value copied into another tenant's slot does not open", async () => {
    const secrets = createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key1 }));
    await secrets.put('t1', 'prima.password', 'hunter2');
    const row = await handle.prisma.secret.findUniqueOrThrow({
      where: { tenantId_name: { tenantId: 't1', name: 'prima.password' } },
    });
    await handle.prisma.secret.create({ data: { ...row, tenantId: 't2' } });
    await expect(secrets.get('t2', 'prima.password')).rejects.toThrow(/failed authentication/);
  });

  it('tampered ciphertext is refused', async () => {
    const secrets = createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key1 }));
    await secrets.put('t1', 'prima.password', 'hunter2');
    const where = { tenantId_name: { tenantId: 't1', name: 'prima.password' } };
    const row = await handle.prisma.secret.findUniqueOrThrow({ where });
    const flipped = Buffer.from(row.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await handle.prisma.secret.update({ where, data: { ciphertext: flipped.toString('base64') } });
    await expect(secrets.get('t1', 'prima.password')).rejects.toThrow(/failed authentication/);
  });

  it('rotates: old key still opens, rotate() moves every secret to the new key', async () => {
    await createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key1 })).put(
      't1',
      'prima.password',
      'hunter2',
    );
    const key2 = newKey();
    const withoutOld = createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key2 }));
    await expect(withoutOld.get('t1', 'prima.password')).rejects.toThrow(/not configured/);

    const rotating = createSecretStore(
      handle.prisma,
      keyringFromEnv({ PRIMA_SECRET_KEY: key2, PRIMA_SECRET_KEYS_PREVIOUS: key1 }),
    );
    expect(await rotating.get('t1', 'prima.password')).toBe('hunter2');
    expect(await rotating.rotate()).toBe(1);
    expect(await rotating.rotate()).toBe(0);
    expect(await withoutOld.get('t1', 'prima.password')).toBe('hunter2');
  });

  it('deleting a tenant deletes its secrets', async () => {
    const secrets = createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key1 }));
    await secrets.put('t1', 'storefront.accessToken', TOKEN);
    await secrets.put('t2', 'storefront.accessToken', TOKEN);
    await handle.store.tenants.delete('t1');
    expect(await handle.prisma.secret.count({ where: { tenantId: 't1' } })).toBe(0);
    expect(await secrets.get('t2', 'storefront.accessToken')).toBe(TOKEN);
  });

  it('reads the key from a file, and refuses a missing or short key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prima-key-'));
    writeFileSync(join(dir, 'key'), `${key1}\n`);
    expect(keyringFromEnv({ PRIMA_SECRET_KEY_FILE: join(dir, 'key') }).current.id).toBe(secretKey(key1).id);
    expect(() => keyringFromEnv({})).toThrow(/PRIMA_SECRET_KEY/);
    expect(() => keyringFromEnv({ PRIMA_SECRET_KEY: randomBytes(16).toString('base64') })).toThrow(
      /32 bytes/,
    );
  });

  it('refuses names that are not plain identifiers', async () => {
    const secrets = createSecretStore(handle.prisma, keyringFromEnv({ PRIMA_SECRET_KEY: key1 }));
    await expect(secrets.put('t1', '../etc', 'x')).rejects.toThrow();
  });
});

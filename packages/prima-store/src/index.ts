/**
 * @prima-connect/prima-store: persistence and queues for Prima Connect.
 *
 *   const { store, prisma } = await createPrismaStore({ url: 'file:./prima.db' });   // or postgres://...
 *   const queue = await createQueue({ url, prisma });                                 // same database
 *   const secrets = createSecretStore(prisma, keyringFromEnv());
 */
export { createPrismaClient, forSessionStorage, type CreatePrismaClientOptions, type PrimaPrismaClient } from './client.js';
export { parseDatabaseUrl, type DatabaseTarget } from './database-url.js';
export { migrate, migrationsFor, type Migration } from './migrate.js';
export { createPrismaStore, storeOn, type CreatePrismaStoreOptions, type PrismaStore } from './prisma-store/index.js';
export { createQueue, DEFAULT_MAX_ATTEMPTS, PostgresQueue, SqliteQueue, type CreateQueueOptions, type PrimaQueue } from './queue/index.js';
export { keyringFromEnv, secretKey, type Keyring, type SecretKey } from './secrets/keyring.js';
export { createSecretStore, secretNameSchema, type SecretStore } from './secrets/secret-store.js';

/**
 * @prima-connect/prima-store: persistence and queues for Prima Connect.
 *
 *   const { store, prisma } = await createPrismaStore({ url: 'file:./prima.db' });   // or postgres://...
 *   const queue = await createQueue({ url, prisma });                                 // same database
 *   const secrets = createSecretStore(prisma, keyringFromEnv());
 */
export {
  type CreatePrismaClientOptions,
  createPrismaClient,
  forSessionStorage,
  type PrimaPrismaClient,
} from './client.js';
export { type DatabaseTarget, parseDatabaseUrl } from './database-url.js';
export { type Migration, migrate, migrationsFor } from './migrate.js';
export {
  type CreatePrismaStoreOptions,
  createPrismaStore,
  type PrismaStore,
  storeOn,
} from './prisma-store/index.js';
export {
  type CreateQueueOptions,
  createQueue,
  DEFAULT_MAX_ATTEMPTS,
  PostgresQueue,
  type PrimaQueue,
  SqliteQueue,
} from './queue/index.js';
export {
  type Keyring,
  keyringFromEnv,
  open as openSealed,
  type Sealed,
  type SecretKey,
  seal,
  secretKey,
} from './secrets/keyring.js';
export { createSecretStore, type SecretStore, secretNameSchema } from './secrets/secret-store.js';

// Prisma CLI configuration. engine "js" runs the schema engine in JavaScript through a driver adapter, so
// generate / migrate diff / migrate deploy work offline (the native engine download fails without internet).
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.PRIMA_DATABASE_URL ?? 'file:./prisma/dev.db' });
  },
});

/**
 * Throwaway databases for tests: a SQLite file in a temp folder, or a fresh PostgreSQL schema on
 * PRIMA_TEST_PG_URL (dropped afterwards), so parallel runs never share tables.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export function tempSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'prima-store-'));
  return {
    url: `file:${join(dir, 'test.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const pgTestUrl: string | undefined = process.env.PRIMA_TEST_PG_URL || undefined;

export function skipLineForPostgres(what: string): void {
  if (!pgTestUrl)
    console.log(
      `SKIP ${what}: PostgreSQL tests need PRIMA_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test)`,
    );
}

export function tempPostgresSchema(baseUrl: string): TestDatabase {
  const schema = `prima_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

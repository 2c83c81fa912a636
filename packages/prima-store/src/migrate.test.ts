import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database-url.js';
import { migrate, migrationsFor } from './migrate.js';
import { pgTestUrl, skipLineForPostgres, tempPostgresSchema, tempSqlite } from './test-databases.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

describe('migration runner on SQLite', () => {
  it('applies every migration once, then nothing', async () => {
    const db = tempSqlite();
    try {
      const target = parseDatabaseUrl(db.url);
      expect(await migrate(target)).toEqual(migrationsFor('sqlite').map((m) => m.name));
      expect(await migrate(target)).toEqual([]);
      const file = new Database(target.kind === 'sqlite' ? target.file : '');
      const tables = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      file.close();
      expect(tables).toEqual(
        expect.arrayContaining(['Tenant', 'OrderLink', 'Job', 'Session', '_prima_migrations']),
      );
    } finally {
      await db.drop();
    }
  });
});

describe('migration runner on PostgreSQL', () => {
  const url = pgTestUrl;
  if (!url) {
    skipLineForPostgres('Migration runner on PostgreSQL');
    it.skip('needs PRIMA_TEST_PG_URL', () => {});
    return;
  }
  it('creates the schema, applies once even when two processes race, then nothing', async () => {
    const db = tempPostgresSchema(url);
    try {
      const target = parseDatabaseUrl(db.url);
      const [a, b] = await Promise.all([migrate(target), migrate(target)]);
      expect([...(a ?? []), ...(b ?? [])]).toEqual(migrationsFor('postgres').map((m) => m.name));
      expect(await migrate(target)).toEqual([]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const schema = target.kind === 'postgres' ? target.schema : '';
      const { rows } = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['Tenant', 'OrderLink', 'Job', 'Session', '_prima_migrations']),
      );
    } finally {
      await db.drop();
    }
  });
});

describe('committed migrations match the schema', { timeout: 60_000 }, () => {
  // The SQL files are generated from the schema; this catches a schema edit without a new migration.
  // (Valid while there is one migration per database: from empty, the whole schema is that one file.)
  for (const [kind, schema] of [
    ['sqlite', 'prisma/schema.prisma'],
    ['postgres', 'prisma/postgres/schema.prisma'],
  ] as const) {
    it(`${kind}: prisma migrate diff --from-empty reproduces the migration`, () => {
      const migrations = migrationsFor(kind);
      if (migrations.length !== 1) return void expect(migrations.length).toBeGreaterThan(1);
      const run = spawnSync(
        process.execPath,
        [
          'node_modules/prisma/build/index.js',
          'migrate',
          'diff',
          '--from-empty',
          '--to-schema-datamodel',
          schema,
          '--script',
        ],
        { cwd: packageRoot, encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.trim()).toBe(
        readFileSync(`${packageRoot}migrations/${kind}/${migrations[0]?.name}`, 'utf8').trim(),
      );
    });
  }
});

describe('database URLs', () => {
  it('reads SQLite files and PostgreSQL URLs with a schema', () => {
    expect(parseDatabaseUrl('file:/var/lib/prima/prima.db')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/prima/prima.db',
    });
    expect(parseDatabaseUrl('postgres://u@h:5432/db?schema=tenant_x&sslmode=disable')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h:5432/db?sslmode=disable',
      schema: 'tenant_x',
    });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toMatchObject({ schema: 'public' });
  });

  it('refuses what it cannot serve', () => {
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(/file:|postgres/);
    expect(() => parseDatabaseUrl('file::memory:')).toThrow(/In-memory/);
    expect(() => parseDatabaseUrl('postgres://h/db?schema=x;drop')).toThrow();
  });
});

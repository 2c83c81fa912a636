/**
 * One setting picks the database: a SQLite file (`file:./prima.db`, `file:/var/lib/prima/prima.db`) or a
 * PostgreSQL URL (`postgres://user@host:5432/db`, optionally `?schema=name`). Parsed once, here.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export type DatabaseTarget =
  | { kind: 'sqlite' /** absolute path of the database file */; file: string }
  | {
      kind: 'postgres';
      url: string /** PostgreSQL schema (namespace) holding the tables; default "public" */;
      schema: string;
    };

const schemaName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'schema must be a plain SQL identifier');

export function parseDatabaseUrl(raw: string): DatabaseTarget {
  const url = z.string().min(1).parse(raw);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = schemaName.parse(parsed.searchParams.get('schema') ?? 'public');
    // `pg` does not understand Prisma's ?schema= parameter: keep it out of the connection string.
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', url: parsed.toString(), schema };
  }
  // The migration runner and Prisma open separate connections: an in-memory database would be two databases.
  if (url.includes(':memory:'))
    throw new Error('In-memory SQLite is not supported: use a file (a temp file in tests)');
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\//, '');
    if (path === '') throw new Error('SQLite URL names no file: use file:./prima.db');
    return { kind: 'sqlite', file: isAbsolute(path) ? path : resolve(path) };
  }
  throw new Error('Database URL must start with file: (SQLite) or postgres:// (PostgreSQL)');
}

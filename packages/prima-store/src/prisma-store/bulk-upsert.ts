/**
 * Multi-row INSERT ... ON CONFLICT DO UPDATE, in chunks: the same SQL on SQLite (3.24+) and PostgreSQL.
 * A stock sync or a mapping import writes thousands of rows; one Prisma upsert per row costs a round trip
 * (and a read) each, which measured at seconds per thousand rows.
 */
import type { PrimaPrismaClient } from '../client.js';
import { Prisma } from '../generated/sqlite/client.js';

/** 500 rows x up to 8 columns stays far below both databases' bound-parameter limits. */
const CHUNK = 500;

export interface BulkUpsert {
  /** Table and column names: fixed identifiers from this package, never user input. */
  table: string;
  columns: readonly string[];
  key: readonly string[];
  rows: readonly (readonly unknown[])[];
}

const ident = (name: string) => Prisma.raw(`"${name}"`);

export function bulkUpsertStatements(db: PrimaPrismaClient, spec: BulkUpsert) {
  const updates = spec.columns.filter((c) => !spec.key.includes(c));
  const statements = [];
  for (let i = 0; i < spec.rows.length; i += CHUNK) {
    const values = spec.rows.slice(i, i + CHUNK).map((row) => Prisma.sql`(${Prisma.join(row)})`);
    statements.push(
      db.$executeRaw`INSERT INTO ${ident(spec.table)} (${Prisma.join(spec.columns.map(ident))})
        VALUES ${Prisma.join(values)}
        ON CONFLICT (${Prisma.join(spec.key.map(ident))})
        DO UPDATE SET ${Prisma.join(updates.map((c) => Prisma.sql`${ident(c)} = excluded.${ident(c)}`))}`,
    );
  }
  return statements;
}

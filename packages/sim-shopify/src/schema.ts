/**
 * Shopify's Admin GraphQL schema, offline: the introspection JSON that `@shopify/dev-mcp` ships per API
 * version. The emulator executes against it and tests validate every document the app sends with it, so a
 * field Shopify does not have (or a required argument we forgot) fails here before it fails in production.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  buildClientSchema,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type IntrospectionQuery,
  parse,
  validate,
} from 'graphql';

/** The API version the app pins in shopify.app.toml; the emulator defaults to it. */
export const DEFAULT_API_VERSION = '2026-07';
export const SUPPORTED_API_VERSIONS = ['2025-10', '2026-01', '2026-04', '2026-07', '2026-10'] as const;

const cache = new Map<string, GraphQLSchema>();

function dataDir(): string {
  // dev-mcp exports only its ESM entry and is never imported (its MCP server and the dependencies we
  // drop stay out of the process): find its folder the way Node would, walking up node_modules.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', '@shopify', 'dev-mcp', 'dist', 'data');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('@shopify/dev-mcp is not installed: it carries the Admin API schemas');
    dir = up;
  }
}

export function loadAdminSchema(version: string = DEFAULT_API_VERSION): GraphQLSchema {
  const hit = cache.get(version);
  if (hit) return hit;
  if (!/^\d{4}-\d{2}$/.test(version)) throw new Error(`Not an Admin API version: ${version}`);
  const raw = gunzipSync(readFileSync(join(dataDir(), `admin_${version}.json.gz`))).toString('utf8');
  const json = JSON.parse(raw) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  const schema = buildClientSchema((json.data ?? json) as IntrospectionQuery);
  cache.set(version, schema);
  return schema;
}

/** Parses and validates a document against the Admin schema of `version`; returns the errors (empty = valid). */
export function validateAdminDocument(
  source: string | DocumentNode,
  version: string = DEFAULT_API_VERSION,
): readonly GraphQLError[] {
  const schema = loadAdminSchema(version);
  const doc = typeof source === 'string' ? parse(source) : source;
  return validate(schema, doc);
}

/** From 2026-04 on, inventorySetQuantities requires changeFromQuantity and the @idempotent directive. */
export function requiresIdempotentInventory(version: string): boolean {
  return version >= '2026-04';
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * Where Adobe's published contracts live: `shared/contracts/magento` beside the repository (CI checks it out
 * there). `PRIMA_CONTRACTS_DIR` overrides it. We read the real files rather than a hand-made copy, so a
 * change in Adobe's schema shows up as a failing test here, not as a surprise in production.
 */
export function magentoContractsDir(): string {
  const fromEnv = process.env.PRIMA_CONTRACTS_DIR;
  if (fromEnv) return resolve(fromEnv, 'magento');
  const here = dirname(fileURLToPath(import.meta.url));
  // src/contract -> package -> packages -> repo -> its parent, where shared/ sits.
  const candidate = resolve(here, '../../../../../shared/contracts/magento');
  if (existsSync(candidate)) return candidate;
  throw new Error(`Adobe Commerce contracts not found at ${candidate}; set PRIMA_CONTRACTS_DIR`);
}

export interface SwaggerOperation {
  parameters?: { name: string; in: string; schema?: unknown; required?: boolean; type?: string }[];
  responses?: Record<string, { schema?: unknown }>;
}

export interface SwaggerDocument {
  swagger: string;
  info: { version: string };
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, unknown>;
}

let cached: SwaggerDocument | undefined;

/** Adobe Commerce 2.4.9 admin REST schema (Swagger 2.0), parsed once per process (1.1 MB of YAML). */
export function loadAdminSchema(): SwaggerDocument {
  if (!cached) {
    const text = readFileSync(resolve(magentoContractsDir(), 'admin-schema-2.4.9.yaml'), 'utf8');
    cached = parse(text, { maxAliasCount: -1 }) as SwaggerDocument;
  }
  return cached;
}

export type EventFieldMap = Record<string, unknown>;

/** The field -> type maps of the Commerce observer events we consume (`event-fields.json`). */
export function loadEventFields(): Record<string, EventFieldMap> {
  const text = readFileSync(resolve(magentoContractsDir(), 'event-fields.json'), 'utf8');
  return (JSON.parse(text) as { events: Record<string, EventFieldMap> }).events;
}

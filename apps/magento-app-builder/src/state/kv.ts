/**
 * The narrow key-value interface our state adapter is written against. It is the subset of
 * `@adobe/aio-lib-state` (v4+) `AdobeState` we use, with the same names and semantics:
 * - keys match /^[a-zA-Z0-9-_.]{1,1024}$/, values are strings (at most 1 MB);
 * - `put` takes a TTL in seconds, at most 365 days; there is no "never expire" (0 means the default: 1 day);
 * - `list({ match })` pages through keys matching a glob where `*` is the only wildcard.
 * aio-lib-state needs Adobe's cloud, so tests and the playground use `createMemoryKv` or `createFileKv`.
 */
export interface KvGetResult {
  value: string;
  expiration?: string;
}

export interface Kv {
  get(key: string): Promise<KvGetResult | undefined>;
  put(key: string, value: string, options?: { ttl?: number }): Promise<string>;
  delete(key: string): Promise<string | null>;
  list(options?: { match?: string; countHint?: number }): AsyncIterable<{ keys: string[] }>;
}

export const MAX_TTL_SECONDS = 60 * 60 * 24 * 365;
const DEFAULT_TTL_SECONDS = 60 * 60 * 24;
export const KEY_PATTERN = /^[a-zA-Z0-9\-_.]{1,1024}$/;
const MATCH_PATTERN = /^[a-zA-Z0-9\-_.*]{1,1024}$/;
const MAX_VALUE_BYTES = 1024 * 1024;

export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replaceAll('*', '.*')}$`);
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** Validates like aio-lib-state does, so a key that works here also works in Adobe's service. */
function checkPut(key: string, value: string, ttl: number | undefined): void {
  if (!KEY_PATTERN.test(key))
    throw new Error(`[AdobeStateLib:ERROR_BAD_ARGUMENT] key "${key}" must match ${KEY_PATTERN}`);
  if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES)
    throw new Error('[AdobeStateLib:ERROR_PAYLOAD_TOO_LARGE] value over 1 MB');
  if (ttl !== undefined && (ttl < 0 || ttl > MAX_TTL_SECONDS))
    throw new Error('[AdobeStateLib:ERROR_BAD_ARGUMENT] ttl must be <= 365 days');
}

/** In-memory KV with aio-lib-state's validation and expiry; `now` lets tests move time. */
export function createMemoryKv(
  opts: {
    now?: () => number;
    initial?: Map<string, Entry>;
    onChange?: (data: Map<string, Entry>) => void;
  } = {},
): Kv & { size(): number } {
  const now = opts.now ?? Date.now;
  const data = opts.initial ?? new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const e = data.get(key);
    if (e && e.expiresAt <= now()) {
      data.delete(key);
      return undefined;
    }
    return e;
  };
  return {
    async get(key) {
      const e = live(key);
      return e ? { value: e.value, expiration: new Date(e.expiresAt).toISOString() } : undefined;
    },
    async put(key, value, options) {
      checkPut(key, value, options?.ttl);
      const ttl = options?.ttl === undefined || options.ttl === 0 ? DEFAULT_TTL_SECONDS : options.ttl;
      data.set(key, { value, expiresAt: now() + ttl * 1000 });
      opts.onChange?.(data);
      return key;
    },
    async delete(key) {
      const existed = live(key) !== undefined;
      data.delete(key);
      opts.onChange?.(data);
      return existed ? key : null;
    },
    async *list(options) {
      const match = options?.match ?? '*';
      if (!MATCH_PATTERN.test(match))
        throw new Error(`[AdobeStateLib:ERROR_BAD_ARGUMENT] match "${match}" is not a valid glob`);
      const re = globToRegExp(match);
      const keys = [...data.keys()].filter((k) => live(k) !== undefined && re.test(k));
      const page = Math.max(1, options?.countHint ?? 100);
      for (let i = 0; i < keys.length; i += page) yield { keys: keys.slice(i, i + page) };
      if (keys.length === 0) yield { keys: [] };
    },
    size: () => [...data.keys()].filter((k) => live(k) !== undefined).length,
  };
}

/**
 * Encodes one key segment into aio-lib-state's alphabet: letters, digits and '-' pass; everything else
 * (including '.', our separator, and '_', our escape) becomes `_xx` per UTF-8 byte. Reversible, and a
 * prefix of encoded segments is still a glob prefix.
 */
export function keySegment(raw: string): string {
  let out = '';
  for (const byte of Buffer.from(raw, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[a-zA-Z0-9-]/.test(ch) ? ch : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out || '_';
}

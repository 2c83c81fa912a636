/**
 * A read-only "string -> index of its LAST occurrence" lookup, built once per stock plan for up to millions
 * of keys (Prima item keys, variant ids).
 *
 * WHY not a Map: a JS Map of a million strings costs several random memory reads per operation (bucket,
 * entry chain, the string's own header for its hash) and, on a busy 2-core machine, most of those miss
 * the cache: profiling planStockPush at 1,000,000 SKUs showed the two big Maps taking over half its time.
 * Here every key is hashed twice while it is read in order (sequential memory), and the table is one flat
 * Int32Array of (hash1, hash2, index) slots: one random read per operation. A hit is confirmed with a
 * plain string comparison, and on any mismatch (a 64-bit hash collision: practically never) the lookup
 * falls back to an ordinary Map, so the answer is always exactly what `Map#get` would give.
 */

/** Below this many keys a Map is as fast and simpler. */
const DEFAULT_MIN_TABLE_SIZE = 4096;
const EMPTY = 0;

function hash1(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function hash2(s: string): number {
  let h = 0x2545f491 | 0;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h + s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h;
}

export class KeyIndex {
  private readonly keys: readonly string[];
  private readonly table: Int32Array | null;
  private readonly mask: number;
  private map: Map<string, number> | null = null;

  constructor(keys: readonly string[], minTableSize = DEFAULT_MIN_TABLE_SIZE) {
    this.keys = keys;
    if (keys.length < minTableSize) {
      this.table = null;
      this.mask = 0;
      this.map = KeyIndex.mapOf(keys);
      return;
    }
    let capacity = 1;
    while (capacity < keys.length * 2) capacity <<= 1; // load factor <= 0.5 keeps probe runs short
    this.mask = capacity - 1;
    const table = new Int32Array(capacity * 4); // per slot: hash1, hash2, index + 1 (0 = empty), padding
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const h1 = hash1(key);
      const h2 = hash2(key);
      let slot = h1 & this.mask;
      for (;;) {
        const at = slot << 2;
        if (table[at + 2] === EMPTY || (table[at] === h1 && table[at + 1] === h2)) {
          table[at] = h1;
          table[at + 1] = h2;
          table[at + 2] = i + 1; // a later equal key overwrites: last occurrence wins, as in a Map
          break;
        }
        slot = (slot + 1) & this.mask;
      }
    }
    this.table = table;
  }

  private static mapOf(keys: readonly string[]): Map<string, number> {
    const map = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) map.set(keys[i] as string, i);
    return map;
  }

  /** Index of the last occurrence of `key` in the keys given to the constructor, or -1. */
  get(key: string): number {
    const table = this.table;
    if (table === null) return this.map?.get(key) ?? -1;
    const h1 = hash1(key);
    const h2 = hash2(key);
    let slot = h1 & this.mask;
    for (;;) {
      const at = slot << 2;
      const found = table[at + 2] as number;
      if (found === EMPTY) return -1;
      if (table[at] === h1 && table[at + 1] === h2) {
        if (this.keys[found - 1] === key) return found - 1;
        return this.slowGet(key); // two different keys share both hashes: ask a real Map
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private slowGet(key: string): number {
    this.map ??= KeyIndex.mapOf(this.keys);
    return this.map.get(key) ?? -1;
  }
}

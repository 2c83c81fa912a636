/**
 * A read-only "string -> index of its LAST occurrence" lookup, built once per stock plan for up to millions
 * of keys (Prima item keys, variant ids).
 *
 * WHY not a Map: a JS Map of a million strings costs several random memory reads per operation (bucket,
 * entry chain, the string's own header for its hash) and, on a busy 2-core machine, most of those miss
 * the cache: profiling planStockPush at 1,000,000 SKUs showed the two big Maps taking over half its time.
 * Here every key is hashed once while it is read in order (sequential memory), and the table is one flat
 * Int32Array of (hash, index) slots, open addressing with linear probing: one random read per operation.
 * A slot with the same hash is confirmed by comparing the strings, so the answer is always exactly what
 * `Map#get` would give (hash collisions only cost an extra probe).
 */

/** Below this many keys a Map is as fast and simpler. */
const DEFAULT_MIN_TABLE_SIZE = 4096;
const EMPTY = 0;

/** FNV-1a over UTF-16 code units: one pass over a string that is read in order anyway. */
function hash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

export class KeyIndex {
  private readonly keys: readonly string[];
  /** Per slot: the key's hash, then its index + 1 (0 = empty slot). Null in Map mode. */
  private readonly table: Int32Array | null;
  private readonly mask: number;
  private readonly map: Map<string, number> | null;

  constructor(keys: readonly string[], minTableSize = DEFAULT_MIN_TABLE_SIZE) {
    this.keys = keys;
    if (keys.length < minTableSize) {
      this.table = null;
      this.mask = 0;
      const map = new Map<string, number>();
      for (let i = 0; i < keys.length; i++) map.set(keys[i] as string, i);
      this.map = map;
      return;
    }
    this.map = null;
    let capacity = 1;
    while (capacity < keys.length * 2) capacity <<= 1; // load factor <= 0.5 keeps probe runs short
    const mask = capacity - 1;
    const table = new Int32Array(capacity * 2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const h = hash(key);
      let slot = h & mask;
      for (;;) {
        const at = slot << 1;
        const found = table[at + 1] as number;
        if (found === EMPTY) {
          table[at] = h;
          table[at + 1] = i + 1;
          break;
        }
        if (table[at] === h && keys[found - 1] === key) {
          table[at + 1] = i + 1; // a repeated key: the last occurrence wins, as in a Map
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    this.mask = mask;
    this.table = table;
  }

  /** Index of the last occurrence of `key` in the keys given to the constructor, or -1. */
  get(key: string): number {
    const table = this.table;
    if (table === null) return (this.map as Map<string, number>).get(key) ?? -1;
    const h = hash(key);
    let slot = h & this.mask;
    for (;;) {
      const at = slot << 1;
      const found = table[at + 1] as number;
      if (found === EMPTY) return -1;
      // Equal hashes are confirmed on the strings themselves: a collision just probes on.
      if (table[at] === h && this.keys[found - 1] === key) return found - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

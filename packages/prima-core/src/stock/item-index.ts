/**
 * "ItemRef -> index of its last occurrence" for Prima's stock reply (a million rows), keyed exactly as
 * model `itemKey` (trimmed, upper-cased product and matrix codes), but WITHOUT building key strings.
 *
 * WHY: building one key string per reply row and per variant (two million strings per plan, half of them
 * kept alive for the whole plan) was, after the Maps, the largest cost of planStockPush at 1,000,000 SKUs,
 * mostly in allocation and garbage collection. Here the hash is folded straight from the codes: for plain
 * ASCII codes without padding, upper-casing is a-z -> A-Z and trimming changes nothing, so folding the
 * characters (with '|' between codes) gives exactly the FNV-1a hash of the itemKey string. Anything else
 * (padding, non-ASCII) hashes the real itemKey string, so both ways agree. Equal hashes are confirmed by
 * comparing the codes (identical codes, or else identical itemKeys), so answers equal a Map on itemKey.
 */
import type { ItemRef } from '../model/item.js';
import { fastItemKey } from './item-key.js';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const BAR = 124; // '|'
const EMPTY = 0;

/** FNV-1a of a string's UTF-16 code units. */
function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Set by `fold` when a code needs the general path (padding or non-ASCII); read right after by itemHash. */
let needsKey = false;

/** Folds one code into the hash, upper-cased (ASCII only). */
function fold(h: number, code: string): number {
  const n = code.length;
  if (n === 0) return h;
  if (code.charCodeAt(0) <= 32 || code.charCodeAt(n - 1) <= 32) {
    needsKey = true; // may need trimming
    return h;
  }
  for (let i = 0; i < n; i++) {
    let c = code.charCodeAt(i);
    if (c >= 128) {
      needsKey = true; // non-ASCII: toUpperCase may change the length or map to ASCII
      return h;
    }
    if (c >= 97 && c <= 122) c -= 32;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h;
}

/** The FNV-1a hash of `itemKey(ref)`, computed without building the key where possible. */
export function itemHash(ref: ItemRef): number {
  const m = ref.matrix;
  needsKey = false;
  let h = fold(FNV_OFFSET, ref.product);
  h = fold(Math.imul(h ^ BAR, FNV_PRIME), m[0]);
  h = fold(Math.imul(h ^ BAR, FNV_PRIME), m[1]);
  h = fold(Math.imul(h ^ BAR, FNV_PRIME), m[2]);
  h = fold(Math.imul(h ^ BAR, FNV_PRIME), m[3]);
  return needsKey ? hashString(fastItemKey(ref)) : h;
}

/** Same item (itemKey equality): identical codes, or else identical keys. */
export function sameItemKey(a: ItemRef, b: ItemRef): boolean {
  if (a === b) return true;
  const x = a.matrix;
  const y = b.matrix;
  if (a.product === b.product && x[0] === y[0] && x[1] === y[1] && x[2] === y[2] && x[3] === y[3])
    return true;
  return fastItemKey(a) === fastItemKey(b);
}

export class ItemIndex {
  private readonly items: readonly ItemRef[];
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(items: readonly ItemRef[]) {
    this.items = items;
    let capacity = 16;
    while (capacity < items.length * 2) capacity <<= 1; // load factor <= 0.5
    const mask = capacity - 1;
    const table = new Int32Array(capacity * 2); // per slot: hash, index + 1 (0 = empty)
    for (let i = 0; i < items.length; i++) {
      const ref = items[i] as ItemRef;
      const h = itemHash(ref);
      let slot = h & mask;
      for (;;) {
        const at = slot << 1;
        const found = table[at + 1] as number;
        if (found === EMPTY) {
          table[at] = h;
          table[at + 1] = i + 1;
          break;
        }
        if (table[at] === h && sameItemKey(items[found - 1] as ItemRef, ref)) {
          table[at + 1] = i + 1; // the same item again: the last row wins, as in a Map
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    this.table = table;
    this.mask = mask;
  }

  /** Index of the last row for this item (itemKey equality), or -1. */
  get(ref: ItemRef): number {
    return this.getHashed(ref, itemHash(ref));
  }

  /** As `get`, with `itemHash(ref)` already worked out (one hash serves several indexes). */
  getHashed(ref: ItemRef, h: number): number {
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const at = slot << 1;
      const found = table[at + 1] as number;
      if (found === EMPTY) return -1;
      if (table[at] === h && sameItemKey(this.items[found - 1] as ItemRef, ref)) return found - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

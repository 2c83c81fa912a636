import { type ItemRef, itemKey } from '../model/item.js';

/** True when a code starts or ends with whitespace (space, tab, newline, NBSP...), so it needs trimming. */
function padded(code: string): boolean {
  if (code === '') return false;
  const first = code.charCodeAt(0);
  const last = code.charCodeAt(code.length - 1);
  return first <= 32 || last <= 32 || first === 160 || last === 160 || first >= 0x1680 || last >= 0x1680;
}

/**
 * The same key as model `itemKey` (trimmed, upper-cased parts joined by '|'), built without the
 * intermediate arrays: one concatenation and one toUpperCase. Codes from Prima and mappings are almost
 * never padded, so the trimming path is the rare fallback (it is also taken, to be safe, for any code
 * starting or ending with a character beyond Latin). The planner calls this twice per SKU.
 */
export function fastItemKey(ref: ItemRef): string {
  const m = ref.matrix;
  if (padded(ref.product) || padded(m[0]) || padded(m[1]) || padded(m[2]) || padded(m[3]))
    return itemKey(ref);
  return `${ref.product}|${m[0]}|${m[1]}|${m[2]}|${m[3]}`.toUpperCase();
}

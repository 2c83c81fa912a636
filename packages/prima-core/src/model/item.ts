/**
 * How Prima names a sellable thing: a product (style) code plus up to four matrix codes
 * (e.g. width fitting and size). Unused matrix levels are empty strings. Prima compares
 * matrix codes without regard to case, so keys are built upper-cased (see `itemKey`).
 */
export interface ItemRef {
  product: string;
  matrix: [string, string, string, string];
}

export function itemRef(product: string, ...codes: string[]): ItemRef {
  const m = [codes[0] ?? '', codes[1] ?? '', codes[2] ?? '', codes[3] ?? ''] as [
    string,
    string,
    string,
    string,
  ];
  return { product, matrix: m };
}

/** A stable string key for an ItemRef: product and all four matrix codes, case-folded. */
export function itemKey(ref: ItemRef): string {
  return [ref.product, ...ref.matrix].map((p) => p.trim().toUpperCase()).join('|');
}

export function sameItem(a: ItemRef, b: ItemRef): boolean {
  return itemKey(a) === itemKey(b);
}

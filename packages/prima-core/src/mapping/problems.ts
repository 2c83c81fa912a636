import { type Problem, problem } from '../monitor/problems.js';

/** The mapping room's Problems, worded once so every caller tells the clerk the same fix. */

export function unmappedSku(sku: string): Problem {
  if (sku.trim() === '') {
    return problem(
      'unmapped_sku',
      'A product has no SKU, so Prima cannot tell which item it is.',
      'Give the product (or variant) a SKU in the store, map it in Mappings, then retry.',
      { sku },
    );
  }
  return problem(
    'unmapped_sku',
    `The SKU "${sku}" is not mapped to a Prima product.`,
    'Map it in Mappings (or import a CSV of mappings) to a Prima product and matrix codes, then retry.',
    { sku },
  );
}

export function invalidMappingRow(sku: string, why: string): Problem {
  return problem(
    'invalid_mapping',
    `The mapping for SKU "${sku}" cannot be used: ${why}.`,
    'Correct the row in Mappings (or in the CSV and import it again), then retry.',
    { sku },
  );
}

export function sharedSku(sku: string, who: string[]): Problem {
  return problem(
    'shared_variant_sku',
    `The SKU "${sku}" is used by more than one item (${who.join(', ')}), so Prima cannot tell them apart.`,
    'Give each variant its own SKU in the store and map each one to its Prima item, then retry.',
    { sku, count: who.length },
  );
}

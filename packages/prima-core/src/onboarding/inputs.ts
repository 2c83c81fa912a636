/**
 * What the wizard's calls take, as zod schemas: the engine parses with them, and each host's API validates
 * its request bodies with the same ones (so a body the API accepts is one the engine accepts, and the bounds
 * live in one place).
 */
import { z } from 'zod';
import { itemRefSchema } from '../mapping/sku-mapping-schema.js';
import { maps as mapsSchema } from '../settings.js';

// Storefront codes (shipping/payment method codes, location ids) and Prima codes, bounded so a request
// cannot grow the settings record without limit.
const storeCode = z.string().trim().min(1).max(100);
const primaCode = z.string().trim().min(1).max(20);
const optionalPrimaCode = z.string().trim().max(20).default('');
const atMost200 = (r: Record<string, unknown>) => Object.keys(r).length <= 200;

/** The maps step: shipping, payment and locations, the order warehouse, optionally the SKU pattern rule. */
export const onboardingMapsInputSchema = z.object({
  shipping: z
    .record(
      storeCode,
      z.object({ charge: primaCode, carrier: optionalPrimaCode, service: optionalPrimaCode }),
    )
    .refine(atMost200, 'at most 200 shipping methods'),
  payment: z
    .record(
      storeCode,
      z.object({ payMethod: primaCode, subPayMethod: optionalPrimaCode, provider: optionalPrimaCode }),
    )
    .refine(atMost200, 'at most 200 payment methods'),
  locations: z.record(storeCode, primaCode).refine(atMost200, 'at most 200 locations'),
  defaultWarehouse: primaCode,
  /** Accept the suggested (or another) SKU pattern rule for SKUs without an explicit row. */
  pattern: mapsSchema.shape.pattern,
});

/**
 * The merchandiser's fix for one SKU. A screen may send only the matrix codes it has (0 to 4); Prima items
 * always carry four, blanks included.
 */
export const manualMappingInputSchema = z.object({
  sku: z.string().trim().min(1).max(255),
  kind: z.enum(['stock', 'non_stock']).default('stock'),
  item: z.object({
    product: itemRefSchema.shape.product,
    matrix: z
      .array(z.string())
      .max(4)
      .default([])
      .transform((m) => [...m, '', '', '', ''].slice(0, 4))
      .pipe(itemRefSchema.shape.matrix),
  }),
});

/** The SKUs whose proposals to store. */
export const applyProposalsInputSchema = z.object({
  skus: z.array(z.string().trim().min(1).max(255)).min(1).max(100_000),
});

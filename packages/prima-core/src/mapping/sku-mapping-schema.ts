import { z } from 'zod';

/**
 * zod schema of one SKU mapping row (screen, CSV, stored rows). Codes are trimmed; matrix codes keep the
 * case they were given in (Prima compares them case-insensitively, `itemKey` folds case for lookups).
 */
const code = z.string().trim().max(40);
// Bundle components are written "PROD/M1/M2*qty@weight" in CSV, so those characters cannot be part of a code.
const componentCode = code.regex(/^[^/*;@]*$/, 'must not contain / * ; or @');

export const itemRefSchema = z.object({
  product: componentCode.min(1, 'Prima product code is required'),
  matrix: z.tuple([componentCode, componentCode, componentCode, componentCode]),
});

export const bundleComponentSchema = z.object({
  item: itemRefSchema,
  quantity: z.number().int().min(1).max(10_000),
  /** Share of the bundle price, in any integer unit (e.g. each component's own price in minor units). */
  weight: z.number().int().min(0).max(1_000_000_000).optional(),
});

export const skuMappingSchema = z
  .object({
    sku: z.string().trim().min(1, 'SKU is required').max(100),
    kind: z.enum(['stock', 'non_stock', 'bundle']),
    item: itemRefSchema.optional(),
    components: z.array(bundleComponentSchema).optional(),
    source: z.enum(['manual', 'import', 'pattern', 'auto']),
    updatedAt: z.string(),
  })
  .superRefine((row, ctx) => {
    if (row.kind === 'bundle') {
      if (!row.components || row.components.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['components'],
          message: 'a bundle needs at least one component',
        });
      } else {
        const weighted = row.components.filter((c) => c.weight !== undefined).length;
        if (weighted !== 0 && weighted !== row.components.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['components'],
            message: 'give every component a weight, or none (then the price is split equally per unit)',
          });
        }
      }
    } else if (!row.item) {
      ctx.addIssue({
        code: 'custom',
        path: ['item'],
        message: `a ${row.kind} mapping needs a Prima product`,
      });
    }
  });

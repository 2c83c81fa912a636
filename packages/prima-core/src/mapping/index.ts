// Public API of the mapping room: storefront codes -> Prima codes, validation, CSV import/export.

export { bundleWeights, type ComponentLine, splitBundle } from './bundles.js';
export {
  type CsvRowError,
  exportMappingsCsv,
  formatComponents,
  importMappingsCsv,
  MAPPING_CSV_COLUMNS,
  type MappingImport,
  parseComponents,
} from './csv.js';
export {
  type FeeMapping,
  locationsForWarehouse,
  mapFee,
  mapPaymentGateway,
  mapShippingMethod,
  type PaymentMapping,
  type ShippingMapping,
  storefrontStatusFor,
  UNKNOWN_STATUS,
  warehouseForLocation,
} from './maps.js';
export { invalidMappingRow, sharedSku, unmappedSku } from './problems.js';
export { findSharedSkus } from './shared-skus.js';
export { bundleComponentSchema, itemRefSchema, skuMappingSchema } from './sku-mapping-schema.js';
export {
  type BundleComponent,
  createSkuResolver,
  type ResolvedSku,
  type ResolverOptions,
  resolveByPattern,
  type SkuPattern,
  type SkuResolver,
} from './sku-resolver.js';

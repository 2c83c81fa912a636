// Public API of the mapping room: storefront codes -> Prima codes, validation, CSV import/export.
export {
  type BundleComponent,
  type ResolvedSku,
  type ResolverOptions,
  type SkuPattern,
  type SkuResolver,
  createSkuResolver,
  resolveByPattern,
} from './sku-resolver.js';
export { findSharedSkus } from './shared-skus.js';
export { type ComponentLine, bundleWeights, splitBundle } from './bundles.js';
export {
  type FeeMapping,
  type PaymentMapping,
  type ShippingMapping,
  UNKNOWN_STATUS,
  locationsForWarehouse,
  mapFee,
  mapPaymentGateway,
  mapShippingMethod,
  storefrontStatusFor,
  warehouseForLocation,
} from './maps.js';
export {
  type CsvRowError,
  type MappingImport,
  MAPPING_CSV_COLUMNS,
  exportMappingsCsv,
  formatComponents,
  importMappingsCsv,
  parseComponents,
} from './csv.js';
export { bundleComponentSchema, itemRefSchema, skuMappingSchema } from './sku-mapping-schema.js';
export { invalidMappingRow, sharedSku, unmappedSku } from './problems.js';

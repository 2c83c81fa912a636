export { LEGACY_VARIANT, UNMAPPED_SKU } from './catalogue.js';
export { MAGENTO_WEB_DIR } from './hosts/magento.js';
export type {
  DeliveryFault,
  HostUrl,
  OnboardingMode,
  PlacedOrder,
  PlatformStack,
  StorefrontDriver,
  StorefrontFaults,
} from './hosts/types.js';
export { ensureMagentoScreens, ensureShopifyPages } from './screens.js';
export { ORDER_PREFIX, PAYMENT, playgroundSettings, SHIPPING } from './settings.js';
export {
  PLATFORMS,
  type PlatformCounts,
  PORT_OFFSETS,
  type Stack,
  type StackOptions,
  stackOptionsSchema,
  startStack,
} from './stack.js';
export {
  type OrderScenario,
  SCENARIO_NAMES,
  type ScenarioName,
  scenarioFor,
  TRAFFIC_MIX,
} from './traffic/scenarios.js';
export { DEFAULT_WAREHOUSE_TIMING, trackingFor, warehouseRound } from './warehouse.js';

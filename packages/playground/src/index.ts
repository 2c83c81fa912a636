export { type Stack, type StackOptions, type PlatformCounts, PLATFORMS, PORT_OFFSETS, startStack, stackOptionsSchema } from './stack.js';
export type { PlatformStack, StorefrontDriver, PlacedOrder, HostUrl } from './hosts/types.js';
export { type OrderScenario, type ScenarioName, SCENARIO_NAMES, TRAFFIC_MIX, scenarioFor } from './traffic/scenarios.js';
export { UNMAPPED_SKU } from './catalogue.js';
export { ORDER_PREFIX } from './settings.js';
export { trackingFor, warehouseRound, DEFAULT_WAREHOUSE_TIMING } from './warehouse.js';
export { MAGENTO_WEB_DIR } from './hosts/magento.js';

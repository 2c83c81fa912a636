/** Public API of the connector service (hosts, the playground and the plugin's browser test use it). */

export {
  type AccountRepo,
  createFileAccountRepo,
  createMemoryAccountRepo,
  type StoreAccount,
} from './accounts/account-repo.js';
export { Accounts } from './accounts/accounts.js';
export { SecretBox } from './accounts/secret-box.js';
export { buildConnectorApp, type ConnectorDeps } from './app.js';
export { startWooDemoStack, type WooDemoStack, type WooDemoStackOptions } from './demo-stack.js';
export { createLogger } from './logger.js';
export { main } from './main.js';
export { type ConnectorRuntime, createConnectorRuntime, type RuntimeOptions } from './runtime.js';
export { verifyWooSignature } from './webhooks/signature.js';
export {
  inventoryItemIdOf,
  META,
  WOO_BATCH_LIMIT,
  WOO_LOCATION_ID,
  WooGateway,
} from './woocommerce/gateway.js';
export { convertWooOrder } from './woocommerce/order-converter.js';

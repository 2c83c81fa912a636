/** Public API of the connector service (hosts, the playground and the plugin's browser test use it). */
export { createConnectorRuntime, type ConnectorRuntime, type RuntimeOptions } from './runtime.js';
export { main } from './main.js';
export { startWooDemoStack, type WooDemoStack } from './demo-stack.js';
export { WooGateway, META, WOO_BATCH_LIMIT, inventoryItemIdOf } from './woocommerce/gateway.js';
export { convertWooOrder } from './woocommerce/order-converter.js';
export { verifyWooSignature } from './webhooks/signature.js';
export { Accounts } from './accounts/accounts.js';
export { createFileAccountRepo, createMemoryAccountRepo, type AccountRepo, type StoreAccount } from './accounts/account-repo.js';
export { SecretBox } from './accounts/secret-box.js';

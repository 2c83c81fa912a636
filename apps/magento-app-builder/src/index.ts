/** Public API of the App Builder app, for the playground, the reliability suite and the benchmarks. */
export { adminApiAction } from './actions/admin-api.js';
export { commerceEventsAction } from './actions/commerce-events.js';
export type { ActionParams, ActionResponse } from './actions/http.js';
export { createCommerceGateway } from './commerce/gateway.js';
export {
  type CommerceClient,
  type CommerceClientOptions,
  createCommerceClient,
} from './commerce/rest-client.js';

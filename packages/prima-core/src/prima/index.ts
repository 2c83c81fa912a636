// Public API of the prima room: the OMLink gateway and the request/reply functions it is made of.

export {
  ASSUMED_CUTOFF_CODE,
  ASSUMED_REQUEST_TYPES,
  buildAmendDeliveryRequest,
  buildCancelOrderRequest,
  buildCreditNoteRequest,
  buildDispatchDetailRequest,
  buildJournalRequest,
  parseActionReply,
  parseDispatchDetailReply,
} from './assumed-requests.js';
export * as primaAssumptions from './assumptions.js';
export { type PrimaError, parsePrimaErrors, rejectionProblems } from './errors.js';
export { createPrimaGateway, type OmlinkGateway, type PrimaGatewayOptions } from './gateway.js';
export { TransportError, type TransportFailureKind } from './http.js';
export { decodeBody, encodeLatin1, type Substitution, toLatin1 } from './latin1.js';
export {
  isoFromPrimaDate,
  parseAvailableToSellReply,
  parseMultiNewOrderReply,
  parseOrderStatusReply,
  parseResult,
  type ResultHeader,
} from './replies.js';
/** Reply documents shaped as the logged Prima replies, for tests that need realistic input. */
export * as primaReplyFixtures from './reply-fixtures.js';
export {
  buildMultiAvailableToSellRequest,
  buildMultiNewOrderRequest,
  buildOrderStatusRequest,
  buildProductAvailableToSellRequest,
  type MultiNewOrderOptions,
} from './requests.js';
/** A complete sample order, for tests of code that sends orders to Prima (here, the sandbox, the CLI). */
export { sampleContact, sampleSalesOrder } from './sample-order.js';
export { availableToSellSharded, type ShardedStock } from './shards.js';
export { PrimaTransport, type PrimaUrls, resolvePrimaUrls, type TransportOptions } from './transport.js';
export { describeTransportFailure, transportProblem } from './transport-problems.js';
export type { BuiltXml } from './xml.js';

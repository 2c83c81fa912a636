// Public API of the prima room: the OMLink gateway and the request/reply functions it is made of.
export { createPrimaGateway, type OmlinkGateway, type PrimaGatewayOptions } from './gateway.js';
export { PrimaTransport, resolvePrimaUrls, type PrimaUrls, type TransportOptions } from './transport.js';
export { TransportError, type TransportFailureKind } from './http.js';
export { describeTransportFailure, transportProblem } from './transport-problems.js';
export {
  buildMultiNewOrderRequest,
  buildOrderStatusRequest,
  buildProductAvailableToSellRequest,
  buildMultiAvailableToSellRequest,
  type MultiNewOrderOptions,
} from './requests.js';
export {
  parseResult,
  parseMultiNewOrderReply,
  parseOrderStatusReply,
  parseAvailableToSellReply,
  isoFromPrimaDate,
  type ResultHeader,
} from './replies.js';
export { parsePrimaErrors, rejectionProblems, type PrimaError } from './errors.js';
export {
  ASSUMED_REQUEST_TYPES,
  ASSUMED_CUTOFF_CODE,
  buildDispatchDetailRequest,
  parseDispatchDetailReply,
  buildCancelOrderRequest,
  buildAmendDeliveryRequest,
  buildCreditNoteRequest,
  buildJournalRequest,
  parseActionReply,
} from './assumed-requests.js';
export * as primaAssumptions from './assumptions.js';
export { toLatin1, encodeLatin1, decodeBody, type Substitution } from './latin1.js';
export type { BuiltXml } from './xml.js';
/** A complete sample order, for tests of code that sends orders to Prima (here, the sandbox, the CLI). */
export { sampleSalesOrder, sampleContact } from './sample-order.js';

// Public API of the Prima sandbox.

export {
  DEMO_BUNDLES,
  DEMO_CATALOGUE,
  DEMO_WAREHOUSES,
  type DemoBundle,
  type DemoItem,
  demoCatalogue,
  demoSku,
} from './catalogue.js';
export {
  catalogueBody,
  dispatchBody,
  type FaultsInput,
  faultsBody,
  settingsBody,
  stockBody,
} from './control.js';
export { handleOmlinkRequest } from './omlink.js';
export { type Sandbox, type SandboxOptions, startSandbox } from './server.js';
export {
  PARAMS as SOAP_PARAMS,
  parseSoapRequest,
  type SoapStyle,
  soapFault,
  soapResponse,
  wsdlFor,
} from './soap.js';
export {
  DEFAULT_SETTINGS,
  type Faults,
  type OrderStatusText,
  type RequestLogEntry,
  type SandboxOrder,
  type SandboxSettings,
  SandboxState,
} from './state.js';

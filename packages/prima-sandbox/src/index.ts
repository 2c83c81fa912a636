// Public API of the Prima sandbox.
export { startSandbox, type Sandbox, type SandboxOptions } from './server.js';
export { SandboxState, DEFAULT_SETTINGS, type SandboxSettings, type SandboxOrder, type Faults, type RequestLogEntry, type OrderStatusText } from './state.js';
export { handleOmlinkRequest } from './omlink.js';
export { wsdlFor, soapResponse, soapFault, parseSoapRequest, PARAMS as SOAP_PARAMS, type SoapStyle } from './soap.js';
export { DEMO_CATALOGUE, DEMO_BUNDLES, DEMO_WAREHOUSES, demoCatalogue, demoSku, type DemoItem, type DemoBundle } from './catalogue.js';
export { faultsBody, catalogueBody, stockBody, dispatchBody, settingsBody, type FaultsInput } from './control.js';

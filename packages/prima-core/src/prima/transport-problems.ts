/** Transport failures in words a store clerk (or the person setting up the connection) can act on. */
import { type Problem, ProblemError, problem } from '../monitor/problems.js';
import { isTransient, type TransportError } from './http.js';

const HTTP_REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function describeTransportFailure(err: TransportError): { message: string; action: string } {
  const host = hostOf(err.detail.url);
  switch (err.kind) {
    case 'refused':
      return {
        message: `Nothing is answering at ${host} (connection refused).`,
        action:
          'Check the host and port in the Prima address, and ask IT whether the Prima web service is running.',
      };
    case 'dns':
      return {
        message: `The Prima server name "${new URL(err.detail.url).hostname}" could not be found (DNS).`,
        action:
          'Check the spelling of the Prima address; it must be reachable from where the connector runs.',
      };
    case 'dns_temporary':
      return {
        message: `The name of the Prima server (${host}) could not be looked up just now.`,
        action: 'Wait and retry; if it persists, ask IT to check DNS.',
      };
    case 'timeout':
      return {
        message: `Prima at ${host} did not answer in time.`,
        action:
          'The connector retries by itself. If it keeps happening, ask IT whether Prima is overloaded or the timeout is too short.',
      };
    case 'reset':
      return {
        message: `The connection to Prima at ${host} was cut off before it answered.`,
        action: 'The connector retries by itself; ask IT if it persists.',
      };
    case 'tls':
      return {
        message: `The secure connection to ${host} failed (certificate or TLS).`,
        action: 'Ask IT to check the certificate, or the http/https part of the address.',
      };
    case 'http_status': {
      const status = err.detail.status ?? 0;
      return {
        message: `The Prima address answered with HTTP ${status}${HTTP_REASONS[status] ? ` (${HTTP_REASONS[status]})` : ''}.`,
        action:
          status === 404
            ? 'The path is wrong: use the WSDL address (ending /wsdl?targetURI=urn:omlink) or the service address from your Prima administrator.'
            : 'Prima or a proxy in front of it is having trouble; the connector retries by itself. Ask IT if it persists.',
      };
    }
    case 'not_wsdl':
      return {
        message: `The address ${err.detail.url} answered, but not with a Prima WSDL.`,
        action:
          'Use the WSDL address from your Prima administrator (e.g. http://host:8080/wsalive/wsalive/wsdl?targetURI=urn:omlink) or the service address.',
      };
    case 'no_operation':
      return {
        message: `The WSDL at ${err.detail.url} does not offer Prima's order handler (${err.message}).`,
        action:
          'Check that the address is Prima OMLink; for a multi-company site set the company, for a single-company site leave it empty.',
      };
    case 'soap_fault':
      return {
        message: `Prima's web service refused the call: ${err.detail.faultString ?? err.message}.`,
        action:
          'If a company is set, check the company number; otherwise ask IT to check the Prima web service log.',
      };
    case 'bad_reply':
      return {
        message: `Prima's answer could not be read (${err.message}).`,
        action: 'Retry; if it persists, ask IT to check the Prima web service.',
      };
    default:
      return {
        message: `Prima could not be reached (${err.message}).`,
        action: 'Check the Prima address and the network; ask IT if it persists.',
      };
  }
}

export function transportProblem(err: TransportError): Problem {
  const { message, action } = describeTransportFailure(err);
  const detail: Record<string, string | number> = { kind: err.kind, url: err.detail.url };
  if (err.detail.status !== undefined) detail.status = err.detail.status;
  if (err.detail.code) detail.code = err.detail.code;
  // Configuration errors (wrong name, not a WSDL, a fault) do not fix themselves; outages do.
  const retryable = isTransient(err) || err.kind === 'bad_reply';
  return problem('prima_unreachable', message, action, detail, retryable);
}

export const transportProblemError = (err: TransportError): ProblemError =>
  new ProblemError(transportProblem(err));

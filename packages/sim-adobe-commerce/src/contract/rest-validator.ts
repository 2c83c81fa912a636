import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { loadAdminSchema, type SwaggerDocument } from './schema-source.js';

/** Commerce's REST error body (`error-response` in the Swagger). */
export interface CommerceError {
  message: string;
  parameters?: Record<string, string> | string[];
  errors?: { message: string; parameters?: Record<string, string> | string[] }[];
}

export interface RouteMatch {
  /** The Swagger path template, e.g. `/V1/order/{orderId}/ship`. */
  template: string;
  method: string;
  params: Record<string, string>;
  /** `/rest/<store>/async/bulk/V1/...`: the body is an array of synchronous bodies. */
  asyncBulk: boolean;
  storeCode: string;
}

export type BodyCheck = { ok: true } | { ok: false; error: CommerceError };

const ROOT_ID = 'magento-admin-2.4.9.json';
/** Responses: Commerce writes unset fields (even "required" ones such as payment.account_status) as null. */
const RESPONSE_ROOT_ID = 'magento-admin-2.4.9-responses.json';

/**
 * Commerce refuses properties its data interfaces do not declare ("Property ... does not have accessor
 * method"), but the Swagger leaves `additionalProperties` open. We close every declared object so the
 * emulator (and our tests) are as strict as Commerce itself.
 */
function closeObjects(node: unknown, rewriteRefs: string | false, nullable = false): unknown {
  if (Array.isArray(node)) return node.map((n) => closeObjects(n, rewriteRefs, nullable));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = rewriteRefs ? `${rewriteRefs}${v}` : v;
    else if (k === 'xml' || k === 'description')
      continue; // Swagger-only annotations, not JSON Schema
    else if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([pk, pv]) => [pk, closeObjects(pv, rewriteRefs, nullable)]),
      );
    } else out[k] = closeObjects(v, rewriteRefs, nullable);
  }
  if (nullable && typeof out.type === 'string') out.nullable = true;
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function templateRegex(template: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const re = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { re: new RegExp(`^${re}$`), names };
}

export interface RestValidator {
  readonly schemaVersion: string;
  /** Finds the Swagger operation for a request path (`/rest/<store>[/async/bulk]/V1/...` or `/V1/...`). */
  match(method: string, path: string): RouteMatch | null;
  /** Validates a request body like Commerce: async bulk bodies element by element against the synchronous schema. */
  checkBody(method: string, path: string, body: unknown): BodyCheck;
  /** Validates a 200 response body against the operation's declared response schema. */
  checkResponse(method: string, path: string, body: unknown): BodyCheck;
}

function describe(error: ErrorObject, prefix: string): CommerceError {
  const field = `${prefix}${error.instancePath.replace(/^\//, '').replaceAll('/', '.')}`;
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return {
        message: '"%fieldName" is required. Enter and try again.',
        parameters: { fieldName: field ? `${field}.${missing}` : missing },
      };
    }
    case 'additionalProperties': {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      return {
        message: 'Property "%property" does not have accessor method in class "%class".',
        parameters: { property, class: field || 'request' },
      };
    }
    case 'type':
      return {
        message:
          'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.',
        parameters: { value: field, type: String((error.params as { type: string }).type) },
      };
    default:
      return {
        message: `"%fieldName" is invalid: ${error.message ?? 'invalid value'}.`,
        parameters: { fieldName: field },
      };
  }
}

function toCommerceError(errors: ErrorObject[], prefix: string): CommerceError {
  const described = errors.map((e) => describe(e, prefix));
  const first = described[0] ?? { message: 'Invalid request body.' };
  return described.length > 1 ? { ...first, errors: described } : first;
}

export function createRestValidator(doc: SwaggerDocument = loadAdminSchema()): RestValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: ROOT_ID, definitions: closeObjects(doc.definitions, false) });
  ajv.addSchema({ $id: RESPONSE_ROOT_ID, definitions: closeObjects(doc.definitions, false, true) });

  const routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.keys(ops).map((method) => ({
      template,
      method: method.toUpperCase(),
      ...templateRegex(template),
    })),
  );
  // Literal segments beat placeholders: `/V1/orders/items` must not match `/V1/orders/{id}`.
  routes.sort((a, b) => a.names.length - b.names.length);

  const compiled = new Map<string, ValidateFunction | null>();
  const compile = (key: string, schema: unknown, root = ROOT_ID): ValidateFunction | null => {
    if (!compiled.has(key))
      compiled.set(
        key,
        schema ? ajv.compile(closeObjects(schema, root, root === RESPONSE_ROOT_ID) as object) : null,
      );
    return compiled.get(key) ?? null;
  };

  const match = (method: string, rawPath: string): RouteMatch | null => {
    const path = rawPath.split('?')[0] ?? '';
    const m = /^(?:\/rest(?:\/([^/]+))?)?(\/async\/bulk)?(\/V1\/.*)$/.exec(path);
    if (!m) return null;
    const storeCode = m[1] && m[1] !== 'V1' ? m[1] : 'default';
    const v1 = m[3] ?? '';
    const upper = method.toUpperCase();
    for (const r of routes) {
      if (r.method !== upper) continue;
      const hit = r.re.exec(v1);
      if (!hit) continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(hit[i + 1] ?? '')]));
      return { template: r.template, method: upper, params, asyncBulk: Boolean(m[2]), storeCode };
    }
    return null;
  };

  const bodySchema = (route: RouteMatch): unknown =>
    doc.paths[route.template]?.[route.method.toLowerCase()]?.parameters?.find((p) => p.in === 'body')?.schema;

  return {
    schemaVersion: doc.info.version,
    match,
    checkBody(method, path, body) {
      const route = match(method, path);
      if (!route) return { ok: false, error: { message: 'Request does not match any route.' } };
      const schema = bodySchema(route);
      const validate = compile(`body ${route.method} ${route.template}`, schema);
      if (!validate) return { ok: true };
      if (route.asyncBulk) {
        if (!Array.isArray(body) || body.length === 0) {
          return {
            ok: false,
            error: { message: 'The request body of an asynchronous bulk call must be a non-empty array.' },
          };
        }
        for (const [i, element] of body.entries()) {
          if (!validate(element))
            return { ok: false, error: toCommerceError(validate.errors ?? [], `[${i}].`) };
        }
        return { ok: true };
      }
      if (body === undefined || body === null) {
        return {
          ok: false,
          error: { message: 'The request body is missing. Enter the request body and try again.' },
        };
      }
      return validate(body) ? { ok: true } : { ok: false, error: toCommerceError(validate.errors ?? [], '') };
    },
    checkResponse(method, path, body) {
      const route = match(method, path);
      if (!route) return { ok: false, error: { message: 'Request does not match any route.' } };
      const schema = doc.paths[route.template]?.[route.method.toLowerCase()]?.responses?.['200']?.schema;
      const validate = compile(`response ${route.method} ${route.template}`, schema, RESPONSE_ROOT_ID);
      if (!validate) return { ok: true };
      return validate(body) ? { ok: true } : { ok: false, error: toCommerceError(validate.errors ?? [], '') };
    },
  };
}

import { type AlertersFromEnvResult, alertersFromEnv, parseSettings } from '@prima-connect/prima-core';
import { z } from 'zod';
import type { ActionContext } from '../actions/context.js';
import type { ActionParams } from '../actions/http.js';
import { adobePublicKeyResolver } from '../events/signature.js';
import { aioLogger, createAioStateKv, loadAioSdk } from './aio-sdk.js';
import { buildContext } from './wiring.js';

/**
 * Production context for an action invocation, from the inputs declared in ext.config.yaml (values come
 * from the workspace's .env at `aio app deploy`). Validated with zod: a missing input is a clear error
 * in the activation log, not an undefined deep inside.
 */
const inputs = z.object({
  COMMERCE_BASE_URL: z.string().url(),
  COMMERCE_ACCESS_TOKEN: z.string().min(10),
  COMMERCE_STORE_CODE: z.string().default('default'),
  /** Stores > Configuration > Sales > Tax > Calculation Settings > Catalog Prices: "Including Tax". */
  COMMERCE_PRICES_INCLUDE_TAX: z.enum(['true', 'false']).default('true'),
  /** MSI source a shipment comes from when the order does not say. */
  COMMERCE_DEFAULT_SOURCE: z.string().default('default'),
  IO_CLIENT_ID: z.string().min(1),
  TENANT_ID: z.string().min(1).default('commerce'),
  PRIMA_WSDL_URL: z.string().url().optional(),
  /** The mail server alerts are e-mailed through (smtp[s]://user:pass@host:port); checked by alertersFromEnv. */
  PRIMA_SMTP_URL: z.string().optional(),
  PRIMA_SMTP_FROM: z.string().optional(),
  /** Where `aio app deploy` published the screens (https://<namespace>.adobeio-static.net): alerts link to its handbook. */
  PRIMA_WEB_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

const resolveKey = adobePublicKeyResolver();

/**
 * Alert wiring from the action inputs: the mail server (a malformed PRIMA_SMTP_URL fails the activation
 * with the variable named, never its value) and the deployed handbook's exceptions page.
 */
export function alertWiring(env: {
  PRIMA_SMTP_URL?: string | undefined;
  PRIMA_SMTP_FROM?: string | undefined;
  PRIMA_WEB_URL?: string | undefined;
}): { alerts: AlertersFromEnvResult; handbookUrl?: string } {
  const alerts = alertersFromEnv({
    ...(env.PRIMA_SMTP_URL ? { PRIMA_SMTP_URL: env.PRIMA_SMTP_URL } : {}),
    ...(env.PRIMA_SMTP_FROM ? { PRIMA_SMTP_FROM: env.PRIMA_SMTP_FROM } : {}),
  });
  if (!env.PRIMA_WEB_URL) return { alerts };
  // web-src/public/handbook is deployed with the screens (packages/handbook writes <page>.html there).
  const base = env.PRIMA_WEB_URL.endsWith('/') ? env.PRIMA_WEB_URL : `${env.PRIMA_WEB_URL}/`;
  return { alerts, handbookUrl: new URL('handbook/exceptions.html', base).href };
}

export async function productionContext(params: ActionParams): Promise<ActionContext> {
  // An input left out of .env arrives as an empty string: treat it as absent so defaults apply.
  const env = inputs.parse(
    Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined)),
  );
  // @adobe/aio-sdk: State for storage, Core.Logger for the activation log (never given tokens).
  const sdk = await loadAioSdk();
  const kv = await createAioStateKv(sdk);
  const logger = aioLogger(sdk.Core.Logger('prima-connect', { level: env.LOG_LEVEL }), {
    tenant: env.TENANT_ID,
  });
  const ctx = buildContext({
    kv,
    logger,
    tenantId: env.TENANT_ID,
    commerce: {
      baseUrl: env.COMMERCE_BASE_URL,
      accessToken: env.COMMERCE_ACCESS_TOKEN,
      storeCode: env.COMMERCE_STORE_CODE,
    },
    recipientClientId: env.IO_CLIENT_ID,
    resolvePublicKey: resolveKey,
    ...alertWiring(env),
  });
  // First run: create the tenant and seed settings from the deploy-time Prima address, if given.
  if (!(await ctx.store.tenants.get(env.TENANT_ID))) {
    await ctx.store.tenants.put({
      id: env.TENANT_ID,
      platform: 'magento',
      shop: new URL(env.COMMERCE_BASE_URL).host,
      createdAt: new Date().toISOString(),
    });
  }
  if (env.PRIMA_WSDL_URL && !(await ctx.store.settings.get(env.TENANT_ID))) {
    await ctx.store.settings.put(env.TENANT_ID, parseSettings({ prima: { url: env.PRIMA_WSDL_URL } }));
  }
  return ctx;
}

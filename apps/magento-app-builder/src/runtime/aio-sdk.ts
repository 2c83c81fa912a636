import type { Logger } from '@prima-connect/prima-core';
import type { Kv } from '../state/kv.js';

/**
 * The two `@adobe/aio-sdk` modules production uses: `State` (aio-lib-state: our KV) and `Core.Logger`
 * (aio-lib-core-logging: activation logs). The SDK ships no type declarations, so the slice we call is
 * typed here. Loaded lazily so tests and the playground never touch Adobe's cloud.
 */
interface AioCoreLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface AioSdkSlice {
  State: { init(config?: object): Promise<Kv> };
  Core: { Logger(name: string, options?: { level?: string }): AioCoreLogger };
}

export async function loadAioSdk(): Promise<AioSdkSlice> {
  const mod = (await import('@adobe/aio-sdk')) as unknown as AioSdkSlice & { default?: AioSdkSlice };
  // CommonJS module seen through import(): the exports are on `default` under Node, on the module under esbuild.
  return mod.State ? mod : (mod.default as AioSdkSlice);
}

/** The production KV: `State.init()` reads the Runtime namespace and auth from the action's environment. */
export async function createAioStateKv(sdk: AioSdkSlice): Promise<Kv> {
  return sdk.State.init();
}

/** Field names whose values must never reach a log line, whatever a caller passes. */
const SECRET_FIELD = /token|secret|password|authorization|signature|key$/i;

/**
 * Our Logger (structured fields + message) over an aio Core.Logger. Fields are rendered as one JSON
 * object after the message so `aio rt activation logs` stays greppable; secret-looking fields are masked.
 */
export function aioLogger(
  core: AioCoreLogger,
  base: Record<string, unknown> = {},
  make: (fields: Record<string, unknown>) => AioCoreLogger = () => core,
): Logger {
  const line = (fields: Record<string, unknown>, msg: string) => {
    const all = { ...base, ...fields };
    const safe = Object.fromEntries(
      Object.entries(all).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '[redacted]' : v]),
    );
    return Object.keys(safe).length ? `${msg} ${JSON.stringify(safe)}` : msg;
  };
  return {
    debug: (f, m) => core.debug(line(f, m)),
    info: (f, m) => core.info(line(f, m)),
    warn: (f, m) => core.warn(line(f, m)),
    error: (f, m) => core.error(line(f, m)),
    child: (fields) => aioLogger(make(fields), { ...base, ...fields }, make),
  };
}

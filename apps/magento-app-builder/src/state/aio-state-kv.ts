import type { Kv } from './kv.js';

/**
 * The production KV: `@adobe/aio-lib-state` inside an App Builder action (it reads the Runtime namespace
 * and auth from the action's environment). Loaded lazily so tests never touch Adobe's cloud.
 */
export async function createAioStateKv(): Promise<Kv> {
  const lib = (await import('@adobe/aio-lib-state')) as unknown as { init(config?: object): Promise<Kv> };
  const init =
    lib.init ?? (lib as unknown as { default: { init(config?: object): Promise<Kv> } }).default.init;
  return init();
}

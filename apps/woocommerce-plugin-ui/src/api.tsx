/**
 * The screens talk only to the plugin's own REST routes (prima-connect/v1), through @wordpress/api-fetch,
 * which adds WordPress's REST nonce. The client sits in a React context so tests and the preview page can
 * supply a stand-in.
 */
import apiFetch from '@wordpress/api-fetch';
import { createContext, useCallback, useContext, useEffect, useState } from '@wordpress/element';

export interface ApiClient {
  request<T>(path: string, init?: { method?: 'GET' | 'POST'; data?: unknown }): Promise<T>;
}

declare global {
  interface Window {
    /** Printed by the PHP bootstrap (Prima_Connect_Admin::enqueue). */
    primaConnect?: {
      namespace: string;
      connected: boolean;
      root: string;
      nonce: string;
      /** URL of the handbook pages shipped inside the plugin (handbook/*.html), ending in '/'. */
      handbook?: string;
    };
  }
}

/**
 * Full URL and nonce from the PHP bootstrap rather than apiFetch's preconfigured middlewares: the same
 * bundle then works with WordPress's shared wp.apiFetch and with a self-contained build (WordPress 6.1
 * ships React 17, so there the bundle carries its own copy of everything).
 */
export const wpApiClient: ApiClient = {
  request<T>(path: string, init: { method?: 'GET' | 'POST'; data?: unknown } = {}) {
    const cfg = window.primaConnect;
    const ns = cfg?.namespace ?? 'prima-connect/v1';
    const root = cfg?.root ?? '/wp-json/';
    return apiFetch<T>({
      url: `${root.replace(/\/+$/, '')}/${ns}${path}`,
      method: init.method ?? 'GET',
      ...(cfg?.nonce ? { headers: { 'X-WP-Nonce': cfg.nonce } } : {}),
      ...(init.data !== undefined ? { data: init.data } : {}),
    });
  },
};

export const ApiContext = createContext<ApiClient>(wpApiClient);

export function useApi(): ApiClient {
  return useContext(ApiContext);
}

/** The message a person should read from a failed call (WP_Error JSON or a network failure). */
export function errorMessage(err: unknown): string {
  if (
    err &&
    typeof err === 'object' &&
    'message' in err &&
    typeof (err as { message: unknown }).message === 'string'
  ) {
    return (err as { message: string }).message;
  }
  return 'Something went wrong. Try again.';
}

/** Loads once on mount and on `reload()`; keeps the last data while reloading. */
export function useLoad<T>(path: string): {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
} {
  const api = useApi();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .request<T>(path)
      .then((d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      })
      .catch((e: unknown) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

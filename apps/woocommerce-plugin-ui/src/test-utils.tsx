/** A stand-in for the plugin's REST routes: canned replies per "METHOD path", every call recorded. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { type ApiClient, ApiContext } from './api';

export interface FakeCall {
  method: string;
  path: string;
  data?: unknown;
}

export type Reply = unknown | ((data: unknown) => unknown);

export function fakeApi(routes: Record<string, Reply>): ApiClient & { calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  return {
    calls,
    async request<T>(path: string, init: { method?: 'GET' | 'POST'; data?: unknown } = {}) {
      const method = init.method ?? 'GET';
      calls.push({ method, path, ...(init.data !== undefined ? { data: init.data } : {}) });
      const key = `${method} ${path}`;
      if (!(key in routes)) throw new Error(`no fake reply for ${key}`);
      const reply = routes[key];
      const value = typeof reply === 'function' ? (reply as (d: unknown) => unknown)(init.data) : reply;
      if (value instanceof Error) throw value;
      return value as T;
    },
  };
}

export function renderWithApi(ui: ReactElement, api: ApiClient) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

// jsdom lacks a few browser APIs @wordpress/components and DataViews call on mount.
import { afterEach } from 'vitest';

if (typeof window !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  const w = window as unknown as Record<string, unknown>;
  w.ResizeObserver ??= ResizeObserverStub;
  w.matchMedia ??= (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  });
  w.scrollTo ??= () => {};
  Element.prototype.scrollIntoView ??= () => {};
}

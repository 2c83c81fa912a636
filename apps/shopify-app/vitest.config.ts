import { defineConfig } from 'vitest/config';

// Its own config (not vite.config.ts): the Remix vite plugin must not load inside vitest.
export default defineConfig({
  test: {
    name: 'shopify-app',
    include: ['app/**/*.test.ts', 'app/**/*.test.tsx', 'extensions/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

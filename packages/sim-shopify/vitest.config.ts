import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'sim-shopify', include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'magento-app-builder',
    include: ['src/**/*.test.ts', 'web-src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

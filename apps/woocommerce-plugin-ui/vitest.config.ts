import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    name: 'woocommerce-plugin-ui',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['./test/setup-dom.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});

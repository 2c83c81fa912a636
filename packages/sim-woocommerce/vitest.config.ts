import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'sim-woocommerce', include: ['src/**/*.test.ts'] },
});

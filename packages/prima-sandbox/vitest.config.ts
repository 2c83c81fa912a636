import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'prima-sandbox', include: ['src/**/*.test.ts'] },
});

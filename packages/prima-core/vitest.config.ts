import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'prima-core', include: ['src/**/*.test.ts'] },
});

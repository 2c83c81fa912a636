import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'handbook', include: ['src/**/*.test.ts'] },
});

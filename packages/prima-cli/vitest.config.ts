import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'prima-cli', include: ['src/**/*.test.ts'] },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Database tests open files and connections: keep them in one fork so 2-core CI machines are not swamped.
  test: { name: 'prima-store', include: ['src/**/*.test.ts'], fileParallelism: false },
});

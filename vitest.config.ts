import { defineConfig } from 'vitest/config';

// One run for the whole workspace: each package or app with its own vitest config is a project.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', '{test,bench}/vitest.config.ts'],
  },
});

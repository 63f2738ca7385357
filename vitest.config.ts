import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // forks: the Temporal native bridge crashes under worker threads
    pool: 'forks',
    maxWorkers: 2,
    include: ['**/src/**/*.test.ts', 'tests/**/*.test.ts', 'workflows/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});

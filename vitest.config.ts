import { defineConfig } from 'vitest/config';

const CRASH_TESTS = 'tests/e2e/crash-recovery.test.ts';

export default defineConfig({
  test: {
    // forks: the Temporal native bridge crashes under worker threads
    pool: 'forks',
    maxWorkers: 2,
    exclude: ['**/node_modules/**', '**/dist/**'],
    // one real stack for every test file (tests/global-setup.ts)
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['**/src/**/*.test.ts', 'tests/**/*.test.ts', 'workflows/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', CRASH_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // the crash tests SIGKILL the shared worker, gateway and Temporal server: they run alone, last
        extends: true,
        test: { name: 'crash', include: [CRASH_TESTS], sequence: { groupOrder: 1 } },
      },
    ],
  },
});

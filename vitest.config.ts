import { defineConfig } from 'vitest/config';

// tests that kill shared processes, start a whole second platform or drive a browser run alone, after the rest
const ISOLATED_TESTS = ['tests/e2e/console.test.ts', 'tests/e2e/crash-recovery.test.ts', 'tests/e2e/npm-start.test.ts', 'tests/e2e/npm-start-crash.test.ts'];

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
          exclude: ['**/node_modules/**', '**/dist/**', 'console/**', ...ISOLATED_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // the console's pure parts and components, in a simulated DOM
        extends: true,
        test: { name: 'console', include: ['console/src/**/*.test.{ts,tsx}'], environment: 'happy-dom', sequence: { groupOrder: 0 } },
      },
      {
        // the crash tests SIGKILL the shared worker, gateway and Temporal server; the npm start
        // test brings up a second platform: both run alone, last, one file at a time
        extends: true,
        test: { name: 'isolated', include: ISOLATED_TESTS, sequence: { groupOrder: 1 }, fileParallelism: false },
      },
    ],
  },
});

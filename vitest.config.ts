// Every tier against one whole platform (tests/global-setup.ts), for running any test file ad hoc:
// `npx vitest run --project platform <files>`. `npm test` runs the tiers instead, each with its own
// config: vitest.unit.config.ts, vitest.medium.config.ts, vitest.e2e.config.ts (see vitest.tiers.ts).
import { defineConfig } from 'vitest/config';
import { ALWAYS_EXCLUDED, CONSOLE_UNIT, E2E, ISOLATED_E2E, MEDIUM, SHARED_TEST_OPTIONS, UNIT } from './vitest.tiers.js';

export default defineConfig({
  test: {
    ...SHARED_TEST_OPTIONS,
    exclude: ALWAYS_EXCLUDED,
    // one real stack for every test file (tests/global-setup.ts)
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'platform',
          include: [...UNIT, ...Object.values(MEDIUM).flat(), ...E2E],
          exclude: [...ALWAYS_EXCLUDED, 'console/**', ...ISOLATED_E2E],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // the console's pure parts and components, in a simulated DOM
        extends: true,
        test: { name: 'console', include: CONSOLE_UNIT, environment: 'happy-dom', sequence: { groupOrder: 0 } },
      },
      {
        // the crash tests SIGKILL the shared worker, gateway and Temporal server; the npm start
        // test brings up a second platform: both run alone, last, one file at a time
        extends: true,
        test: { name: 'isolated', include: ISOLATED_E2E, sequence: { groupOrder: 1 }, fileParallelism: false },
      },
    ],
  },
});

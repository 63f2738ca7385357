// E2E tier: the whole platform (tests/global-setup.ts starts it once) driven through the public
// contract; the isolated files run alone, last, one at a time.
import { defineConfig } from 'vitest/config';
import { ALWAYS_EXCLUDED, E2E, ISOLATED_E2E, SHARED_TEST_OPTIONS } from './vitest.tiers.js';

// PAAS_TEST_KUBERNETES=off: the stack starts no cluster (tests/global-setup.ts), so its tests are left out
const WITHOUT_CLUSTER = process.env.PAAS_TEST_KUBERNETES === 'off' ? ['tests/e2e/kubernetes-*.test.ts'] : [];

export default defineConfig({
  test: {
    ...SHARED_TEST_OPTIONS,
    exclude: ALWAYS_EXCLUDED,
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'e2e', include: E2E, exclude: [...ALWAYS_EXCLUDED, ...ISOLATED_E2E, ...WITHOUT_CLUSTER], sequence: { groupOrder: 0 } } },
      // the crash tests SIGKILL the shared worker, gateway and Temporal server; the npm start
      // test brings up a second platform: both run alone, last, one file at a time
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ISOLATED_E2E,
          exclude: [...ALWAYS_EXCLUDED, ...WITHOUT_CLUSTER],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});

// Unit tier (`npm run test:unit`): no global setup, no service; runs in seconds.
import { defineConfig } from 'vitest/config';
import { ALWAYS_EXCLUDED, CONSOLE_UNIT, NOT_UNIT, SHARED_TEST_OPTIONS, UNIT } from './vitest.tiers.js';

export default defineConfig({
  test: {
    ...SHARED_TEST_OPTIONS,
    exclude: ALWAYS_EXCLUDED,
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, exclude: NOT_UNIT } },
      // the console's pure parts and components, in a simulated DOM
      { extends: true, test: { name: 'console', include: CONSOLE_UNIT, environment: 'happy-dom' } },
    ],
  },
});

// Which tier each test file belongs to; the three tier configs and the whole-stack config read
// these lists, and tests/unit/test-tiers.test.ts proves every test file is in exactly one tier.
//  - unit: no service at all (pure logic, local programs such as git, workflow replays)
//  - medium: one real service per suite, started by the suite's setup in tests/setup/
//  - e2e: the whole platform through the public contract (tests/global-setup.ts)

/** Medium tests by the one service they need; new ones are named `*.<service>.test.ts`. */
export const MEDIUM = {
  postgres: ['tests/db/**/*.test.ts', '**/*.postgres.test.ts'],
  temporal: ['**/*.temporal.test.ts'],
  docker: ['tests/deploy/**/*.test.ts', '**/*.docker.test.ts'],
  minio: ['**/*.minio.test.ts'],
  gitea: ['tests/forge/**/*.test.ts', '**/*.gitea.test.ts'],
  kubernetes: ['tests/kubernetes/**/*.test.ts', '**/*.kubernetes.test.ts'],
};

export const E2E = ['tests/e2e/**/*.test.ts', 'tests/contract/**/*.test.ts'];

// tests that kill shared processes, start a whole second platform (or control plane) or drive a browser run alone, after the rest
export const ISOLATED_E2E = [
  'tests/e2e/console.test.ts',
  'tests/e2e/console-accounts.test.ts',
  'tests/e2e/console-git.test.ts',
  'tests/e2e/console-metrics.test.ts',
  'tests/e2e/crash-recovery.test.ts',
  'tests/e2e/kubernetes-crash.test.ts',
  'tests/e2e/kubernetes-control-plane.test.ts',
  'tests/e2e/npm-start.test.ts',
  'tests/e2e/npm-start-crash.test.ts',
  'tests/e2e/key-rotation.test.ts',
  'tests/e2e/runtime-logs-recovery.test.ts',
  'tests/e2e/console-runtime.test.ts',
  'tests/e2e/console-notifications.test.ts',
];

export const UNIT = ['**/src/**/*.test.ts', 'workflows/test/**/*.test.ts', 'tests/lint/**/*.test.ts', 'tests/unit/**/*.test.ts'];
export const CONSOLE_UNIT = ['console/src/**/*.test.{ts,tsx}'];

export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/dist/**', '.paas/**'];
/** Everything that is not unit, for the unit tier's exclude list. */
export const NOT_UNIT = [...ALWAYS_EXCLUDED, 'console/**', ...Object.values(MEDIUM).flat(), ...E2E];

export const SHARED_TEST_OPTIONS = {
  // forks: the Temporal native bridge crashes under worker threads
  pool: 'forks' as const,
  maxWorkers: 2,
  reporters: ['default'],
};

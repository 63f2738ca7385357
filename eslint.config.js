// Lint for every package, the console and the tests: typescript-eslint's type-checked rules, the
// workflow determinism rules, and the import boundaries between the parts of the platform.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** The parts of the platform, by folder; BOUNDARIES below says who may import whom. */
// A workspace package is imported by name, which resolves through its node_modules link.
const part = (type, folder, name) => ({ type, pattern: name ? [folder, `node_modules/${name}`] : [folder] });
const ELEMENTS = [
  part('contracts', 'packages/contracts', '@paas/contracts'),
  part('crypto', 'packages/crypto', '@paas/crypto'),
  part('db', 'packages/db', '@paas/db'),
  part('outbound', 'packages/outbound', '@paas/outbound'),
  part('forge', 'packages/forge', '@paas/forge'),
  part('cli', 'packages/cli', '@paas/cli'),
  part('storage', 'packages/storage', '@paas/storage'),
  part('process-lifecycle', 'packages/process-lifecycle', '@paas/process-lifecycle'),
  part('supervisor', 'packages/supervisor', '@paas/supervisor'),
  part('activities', 'activities', '@paas/activities'),
  part('workflows', 'workflows', '@paas/workflows'),
  part('gateway', 'services/gateway', '@paas/gateway'),
  part('worker', 'services/worker', '@paas/worker'),
  part('console', 'console', '@paas/console'),
  part('e2e', 'tests/e2e'),
  part('e2e', 'tests/contract'),
  part('test-support', 'tests'),
];

/** The package name of each part that is a workspace package. */
const PACKAGES = Object.fromEntries(ELEMENTS.filter((e) => e.pattern[1]).map((e) => [e.type, e.pattern[1].replace('node_modules/', '')]));

/** The parts each part may import (besides its own files); every other edge is refused. */
const BOUNDARIES = {
  contracts: [],
  crypto: [],
  outbound: [],
  forge: ['outbound'],
  // the CLI is a client of the public API only
  cli: [],
  db: ['contracts', 'crypto'],
  storage: ['contracts'],
  'process-lifecycle': [],
  supervisor: ['contracts', 'db', 'crypto'],
  activities: ['contracts', 'db', 'storage', 'outbound', 'forge'],
  workflows: ['contracts', 'activities'],
  gateway: ['contracts', 'db', 'storage', 'process-lifecycle', 'crypto', 'outbound', 'forge'],
  worker: ['contracts', 'db', 'storage', 'activities', 'workflows', 'process-lifecycle', 'crypto', 'outbound', 'forge'],
  console: ['contracts'],
  // end-to-end tests drive the platform through its public contract: test support, not its code
  e2e: ['contracts', 'test-support'],
  'test-support': ['contracts', 'crypto', 'outbound', 'forge', 'db', 'storage', 'supervisor', 'activities', 'workflows', 'gateway', 'worker'],
};

const TYPED_PROJECTS = [
  'packages/*/tsconfig.spec.json',
  'activities/tsconfig.spec.json',
  'workflows/tsconfig.spec.json',
  'services/*/tsconfig.spec.json',
  'tests/tsconfig.json',
  'console/tsconfig.json',
  'console/tsconfig.tools.json',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.paas/**',
      '.nx/**',
      'console/src/gql/**',
      'workflows/test/histories/**',
      'bench/results/**',
      'coverage/**',
      'test-results/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: TYPED_PROJECTS, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
    },
  },
  {
    // tests read untyped JSON answers all day; promises and the rest still count
    files: ['**/*.test.{ts,tsx}', 'tests/**/*.ts', 'workflows/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: { 'boundaries/elements': ELEMENTS },
    rules: {
      // workspace packages are imported by name, so the plugin sees them as external modules
      'boundaries/external': [
        'error',
        {
          default: 'allow',
          rules: Object.entries(BOUNDARIES).map(([from, allowed]) => ({
            from: [from],
            disallow: Object.keys(PACKAGES)
              .filter((t) => t !== from && !allowed.includes(t))
              .flatMap((t) => [PACKAGES[t], `${PACKAGES[t]}/*`]),
            message: `${from} may import only ${allowed.join(', ') || 'nothing of the platform'} (README, Architecture).`,
          })),
        },
      ],
    },
  },
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|@paas/contracts$|@paas/activities$|\\./|\\.\\./).*',
              message: 'Workflow code may import only @temporalio/workflow, @paas/contracts, activity types and its own files.',
            },
            { group: ['node:*'], message: 'Node built-ins are not deterministic; use an activity.' },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@paas/activities', message: 'Import activities as types only (import type).', allowTypeImports: true }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop.' },
        { name: 'fetch', message: 'I/O belongs in an activity.' },
        { name: 'process', message: 'The environment belongs in an activity.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use uuid4() or a seeded value from the workflow API.' },
        { object: 'Date', property: 'now', message: 'Workflow time comes from the Temporal API (Date is replayed, but be explicit).' },
      ],
    },
  },
);

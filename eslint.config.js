// Lint rules whose main job is to keep workflow code deterministic: workflows/ may import only
// @temporalio/workflow, @paas/contracts, activity *types*, and its own files.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.paas/**', 'console/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    rules: {},
  },
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!@temporalio/workflow$|@paas/contracts$|@paas/activities$|\\./|\\.\\./).*', message: 'Workflow code may import only @temporalio/workflow, @paas/contracts, activity types and its own files.' },
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

// The import boundaries of the README's architecture (eslint.config.js, BOUNDARIES): the tree
// keeps them, and the rule refuses an import across a forbidden edge.
import { describe, expect, it } from 'vitest';
import { lintProbe } from './probe-linter.js';

const boundary = (messages: string[]) => messages.filter((m) => m.includes('may import only'));

describe('import boundaries', () => {
  it.each([
    ['tests/e2e/probe.test.ts', "import { Database } from '@paas/db';\nexport const d = Database;", /^e2e may import only contracts, test-support/],
    ['tests/e2e/probe.test.ts', "import { createDockerActivities } from '@paas/activities';\nexport const a = createDockerActivities;", /^e2e may import only/],
    [
      'services/gateway/src/probe.ts',
      "import { startStack } from '@paas/supervisor';\nexport const s = startStack;",
      /^gateway may import only contracts, db, storage, process-lifecycle/,
    ],
    [
      'services/gateway/src/probe.ts',
      "import { createDockerActivities } from '@paas/activities';\nexport const a = createDockerActivities;",
      /^gateway may import only/,
    ],
    ['packages/db/src/probe.ts', "import { ObjectStore } from '@paas/storage';\nexport const o = ObjectStore;", /^db may import only contracts/],
    ['activities/src/probe.ts', "import { deployAppWorkflow } from '@paas/workflows';\nexport const w = deployAppWorkflow;", /^activities may import only/],
    ['console/src/probe.ts', "import { Database } from '@paas/db';\nexport const d = Database;", /^console may import only contracts/],
  ])('refuses, in %s: %s', async (path, code, message) => {
    expect(boundary(await lintProbe(code, path))).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['tests/e2e/probe.test.ts', "import { validateAppName } from '@paas/contracts';\nexport const v = validateAppName;"],
    ['services/worker/src/probe.ts', "import { createDockerActivities } from '@paas/activities';\nexport const a = createDockerActivities;"],
    ['services/gateway/src/probe.ts', "import { Database } from '@paas/db';\nexport const d = Database;"],
  ])('allows, in %s: %s', async (path, code) => {
    expect(boundary(await lintProbe(code, path))).toEqual([]);
  });
});

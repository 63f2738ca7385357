// The lint rules that keep workflow code deterministic: they pass on workflows/src and
// catch each kind of violation.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProbe, root } from './probe-linter.js';

const eslint = new ESLint({ cwd: root });
const lint = (code: string) => lintProbe(code, 'workflows/src/probe.ts');

describe('workflow lint rules', () => {
  it('workflows/src passes', async () => {
    const results = await eslint.lintFiles(['workflows/src']);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`))).toEqual([]);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';", /Node built-ins|may import only/],
    ["import Docker from 'dockerode';", /may import only/],
    ["import { createDockerActivities } from '@paas/activities';", /types only/],
    ['export const x = Math.random();', /uuid4|seeded/],
    ['export const t = Date.now();', /Temporal API/],
    ['setTimeout(() => undefined, 10);', /sleep\(\)/],
    ['export const e = process.env.X;', /activity/],
  ])('rejects %s', async (code, message) => {
    expect((await lint(code)).join('\n')).toMatch(message);
  });

  it('allows activity types and the workflow API', async () => {
    expect(
      await lint(
        "import type { PlatformActivities } from '@paas/activities';\nimport { sleep } from '@temporalio/workflow';\nexport type A = PlatformActivities;\nexport const s = sleep;",
      ),
    ).toEqual([]);
  });
});

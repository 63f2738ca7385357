// Every test file is in exactly one tier: a file no tier selects would never run in `npm test`,
// and one in two tiers would run twice (once against services it may not expect).
import { globSync } from 'tinyglobby';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';

const root = resolve(import.meta.dirname, '../..');
const TIERS = ['unit', 'medium', 'e2e'];

/** The files each tier's config selects, as Vitest itself resolves them (no setup runs). */
async function filesOf(tier: string): Promise<string[]> {
  const vitest = await createVitest('test', { config: resolve(root, `vitest.${tier}.config.ts`), root, watch: false }, {}, {});
  try {
    const files: string[] = [];
    for (const project of vitest.projects) files.push(...(await project.globTestFiles()).testFiles);
    return files.map((f) => f.slice(root.length + 1));
  } finally {
    await vitest.close();
  }
}

describe('test tiers', () => {
  it('put every test file in exactly one tier', async () => {
    const all = globSync(['**/*.test.{ts,tsx}'], { cwd: root, ignore: ['**/node_modules/**', '**/dist/**', '.paas/**'] }).sort();
    const tierOf = new Map<string, string[]>();
    for (const tier of TIERS) for (const file of await filesOf(tier)) tierOf.set(file, [...(tierOf.get(file) ?? []), tier]);
    const misplaced = all.filter((f) => tierOf.get(f)?.length !== 1).map((f) => `${f}: ${tierOf.get(f)?.join(' + ') || 'no tier'}`);
    expect(misplaced, 'each test file must match the globs of exactly one tier in vitest.tiers.ts').toEqual([]);
    expect(all.length).toBeGreaterThan(40);
  });

  it('keep the whole-platform tests out of the unit tier', async () => {
    const unit = await filesOf('unit');
    expect(unit.filter((f) => /^tests\/(e2e|db|deploy|contract)\//.test(f))).toEqual([]);
    expect(unit).toContain('workflows/test/replay.test.ts');
  });
});

// A data dir of its own for one suite's service, removed when the suite ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function scratchDir(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `paas-${name}-`));
  return { dir, remove: () => (process.env.PAAS_TEST_KEEP ? undefined : rmSync(dir, { recursive: true, force: true })) };
}

// Medium tier, workflows: one real Temporal dev server for the suite (the CLI that ensure-system
// builds) on free ports in a temp dir. Workflow tests bring their own worker and fake activities.
import { readStackConfig } from '@paas/supervisor';
import { temporalProcess, waitForTemporal } from '@paas/supervisor/services/temporal';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';
import { scratchDir } from './scratch-dir.js';

let stop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const { binDir } = readStackConfig(resolve(import.meta.dirname, '../..'));
  const data = scratchDir('temporal');
  // the dev server also opens its HTTP, metrics and UI ports at these offsets
  const port = await freePort([10, 20, 1000]);
  const proc = temporalProcess(binDir, data.dir, port);
  stop = async () => {
    await proc.stop();
    data.remove();
  };
  proc.start();
  try {
    await waitForTemporal(proc, port);
  } catch (err) {
    await stop();
    throw err;
  }
  project.provide('temporalAddress', `127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  await stop?.();
}

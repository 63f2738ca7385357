// Medium tier, data layer: one real PostgreSQL for the suite (the platform's own server binaries,
// started by the stack's service starter) on a free port in a temp dir; nothing else runs.
import { postgresProcess, waitForPostgres } from '@paas/supervisor/services/postgres';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';
import { scratchDir } from './scratch-dir.js';

let stop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const data = scratchDir('pg');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const proc = postgresProcess(data.dir, port, password);
  stop = async () => {
    await proc.stop();
    data.remove();
  };
  proc.start();
  try {
    project.provide('databaseUrl', await waitForPostgres(proc, port, password));
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function teardown(): Promise<void> {
  await stop?.();
}

// Medium tier, object storage: one real MinIO for the suite (the binary ensure-system builds) on a
// free port in a temp dir, with credentials of its own; nothing else runs.
import { readStackConfig } from '@paas/supervisor';
import { minioProcess, waitForMinio } from '@paas/supervisor/services/minio';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';
import { scratchDir } from './scratch-dir.js';

let stop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const { binDir } = readStackConfig(resolve(import.meta.dirname, '../..'));
  const data = scratchDir('minio');
  // MinIO also opens its console port next to the API port
  const port = await freePort([1]);
  const accessKey = `test${randomBytes(6).toString('hex')}`;
  const secretKey = randomBytes(18).toString('hex');
  const proc = minioProcess(binDir, data.dir, port, accessKey, secretKey);
  stop = async () => {
    await proc.stop();
    data.remove();
  };
  proc.start();
  try {
    await waitForMinio(proc, port);
  } catch (err) {
    await stop();
    throw err;
  }
  project.provide('s3', { endpoint: `http://127.0.0.1:${port}`, accessKey, secretKey, bucket: 'medium' });
}

export async function teardown(): Promise<void> {
  await stop?.();
}

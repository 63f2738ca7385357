// MinIO (built from the Go module proxy) for object storage, data in the data dir.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { httpOk, waitFor } from '../wait.js';

export function minioProcess(binDir: string, dataDir: string, port: number, accessKey: string, secretKey: string): ManagedProcess {
  mkdirSync(join(dataDir, 'minio'), { recursive: true });
  return new ManagedProcess({
    name: 'minio',
    command: join(binDir, 'minio'),
    args: ['server', join(dataDir, 'minio'), '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${port + 1}`],
    env: { ...process.env, MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey, MINIO_BROWSER: 'off', MINIO_UPDATE: 'off' },
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
  });
}

export async function waitForMinio(proc: ManagedProcess, port: number): Promise<void> {
  await waitFor('MinIO', () => httpOk(`http://127.0.0.1:${port}/minio/health/live`), {
    failFast: proc.whenExited(),
    diagnostics: () => proc.tail(),
  });
}

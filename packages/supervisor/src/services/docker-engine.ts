// The Docker engine: use the one that answers; as root on Debian with none running, start dockerd.
import { request } from 'node:http';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { waitFor } from '../wait.js';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export function dockerPing(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

export function dockerdProcess(dataDir: string): ManagedProcess {
  return new ManagedProcess({
    name: 'dockerd',
    command: 'dockerd',
    args: ['--host', `unix://${DEFAULT_DOCKER_SOCKET}`],
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
  });
}

export async function waitForDocker(proc: ManagedProcess): Promise<void> {
  await waitFor('Docker engine', () => dockerPing(DEFAULT_DOCKER_SOCKET), {
    timeoutMs: 60_000,
    failFast: proc.whenExited(),
    diagnostics: () => proc.tail(),
  });
}

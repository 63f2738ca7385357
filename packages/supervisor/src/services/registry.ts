// The OCI registry: Debian's docker-registry (distribution 2.8) with its own config, no auth, loopback only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { httpOk, waitFor } from '../wait.js';

export function registryProcess(dataDir: string, port: number): ManagedProcess {
  const dir = join(dataDir, 'registry');
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  return new ManagedProcess({
    name: 'registry',
    command: 'docker-registry',
    args: ['serve', join(dir, 'config.yml')],
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
  });
}

/** Deletes blobs no manifest references any more (the platform deletes old releases' manifests); offline, before serving. */
export function collectRegistryGarbage(dataDir: string): void {
  const config = join(dataDir, 'registry', 'config.yml');
  spawnSync('docker-registry', ['garbage-collect', config], { stdio: 'ignore', timeout: 120_000 });
}

export async function waitForRegistry(proc: ManagedProcess, port: number): Promise<void> {
  await waitFor('registry', () => httpOk(`http://127.0.0.1:${port}/v2/`), {
    failFast: proc.whenExited(),
    diagnostics: () => proc.tail(),
  });
}

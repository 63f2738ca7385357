// Killing the shared stack's own processes (the stack's supervisor restarts them).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { until } from './wait.js';

export function killProcess(name: string): number {
  const pid = Number(readFileSync(join(inject('dataDir'), 'run', `${name}.pid`), 'utf8'));
  process.kill(-pid, 'SIGKILL');
  return pid;
}

export async function restarted(name: string, oldPid: number): Promise<void> {
  const pidFile = join(inject('dataDir'), 'run', `${name}.pid`);
  await until(`${name} to be restarted`, () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')) !== oldPid, 60_000);
}

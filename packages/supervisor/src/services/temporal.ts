// The Temporal dev server (official CLI, built from the Go module proxy), SQLite file in the data dir.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { tcpOpen, waitFor } from '../wait.js';

export function temporalProcess(binDir: string, dataDir: string, port: number): ManagedProcess {
  mkdirSync(join(dataDir, 'temporal'), { recursive: true });
  return new ManagedProcess({
    name: 'temporal',
    command: join(binDir, 'temporal'),
    args: [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--http-port',
      String(port + 10),
      '--metrics-port',
      String(port + 20),
      // the Temporal Web UI (loopback only): the console links each deployment to its workflow
      '--ui-port',
      String(port + 1000),
      '--db-filename',
      join(dataDir, 'temporal', 'temporal.db'),
      '--log-level',
      'warn',
      // WAL with synchronous=NORMAL survives a crash of any process (only a power loss may drop
      // the last transactions) and takes each workflow transition without waiting on fsync
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
      '--dynamic-config-value',
      'frontend.enableUpdateWorkflowExecution=true',
      // hand an activity to the worker in the reply that schedules it: one round trip less per step
      '--dynamic-config-value',
      'system.enableActivityEagerExecution=true',
    ],
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
  });
}

export async function waitForTemporal(proc: ManagedProcess, port: number): Promise<void> {
  await waitFor('Temporal server', () => tcpOpen('127.0.0.1', port), {
    timeoutMs: 90_000,
    failFast: proc.whenExited(),
    diagnostics: () => proc.tail(),
  });
}

// One platform per data dir: a second start fails fast instead of corrupting state.
// The lock records who holds it (pid, start time, executable): a start that was killed leaves
// its lock behind, and its pid may since belong to another process, which must not count.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './managed-process.js';
import { identify, isSameProcess, parseIdentity } from './process-identity.js';

/** The pid of the start holding the lock, if it still runs. */
function holder(text: string): number | undefined {
  const recorded = parseIdentity(text);
  if (recorded) return isSameProcess(recorded) ? recorded.pid : undefined;
  const pid = Number(text); // a lock written before identities were recorded
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

export function acquireLock(dataDir: string): () => void {
  const dir = join(dataDir, 'run');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'platform.lock');
  for (let i = 0; i < 2; i++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(identify(process.pid) ?? { pid: process.pid }));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = holder(readFileSync(file, 'utf8'));
      if (pid !== undefined && pid !== process.pid) {
        throw new Error(`The platform is already running with data dir ${dataDir} (pid ${pid}). Stop it first, or set PAAS_DATA_DIR to another directory.`);
      }
      rmSync(file, { force: true }); // left by a stack that was killed
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

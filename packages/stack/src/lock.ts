// One platform per data dir: a second start fails fast instead of corrupting state.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './managed-process.js';

export function acquireLock(dataDir: string): () => void {
  const dir = join(dataDir, 'run');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'platform.lock');
  for (let i = 0; i < 2; i++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(`The platform is already running with data dir ${dataDir} (pid ${pid}). Stop it first, or set PAAS_DATA_DIR to another directory.`);
      }
      rmSync(file, { force: true }); // left by a stack that was killed
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

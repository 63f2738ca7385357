// The data dir lock: refused while its holder runs, taken over when the holder is gone, even
// when the holder's pid now belongs to another process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock } from './lock.js';
import { identify } from './process-identity.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDirWithLock(content: string): string {
  const d = mkdtempSync(join(tmpdir(), 'paas-lock-'));
  dirs.push(d);
  mkdirSync(join(d, 'run'));
  writeFileSync(join(d, 'run', 'platform.lock'), content);
  return d;
}

describe('acquireLock', () => {
  it('refuses while the recorded holder runs', async () => {
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    await new Promise((r) => holder.once('spawn', r));
    try {
      const dir = dataDirWithLock(JSON.stringify(identify(holder.pid!)));
      expect(() => acquireLock(dir)).toThrow(`already running with data dir ${dir} (pid ${holder.pid})`);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a lock whose pid now runs another process (a recycled pid)', async () => {
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    await new Promise((r) => other.once('spawn', r));
    try {
      const real = identify(other.pid!)!;
      const dir = dataDirWithLock(JSON.stringify({ ...real, startTime: String(Number(real.startTime) - 1) }));
      const release = acquireLock(dir);
      expect(JSON.parse(readFileSync(join(dir, 'run', 'platform.lock'), 'utf8')).pid).toBe(process.pid);
      release();
    } finally {
      other.kill('SIGKILL');
    }
  });
});

// What a killed start left running is stopped only while it is provably the process recorded:
// real processes, real /proc, no fakes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identityFileOf, pidFileOf, recordProcess, stopLeftovers } from './leftovers.js';
import { identify, isRunning, isSameProcess } from './process-identity.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];

function runDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'paas-leftovers-'));
  dirs.push(d);
  return d;
}

/** A detached process group (a shell with a child of its own), as the stack starts its services. */
function detachedGroup(): ChildProcess {
  const child = spawn('sh', ['-c', 'sleep 300 & wait'], { detached: true, stdio: 'ignore' });
  children.push(child);
  return child;
}

afterEach(() => {
  for (const c of children.splice(0)) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stopLeftovers', () => {
  it('stops a recorded process and the rest of its group, and forgets it', async () => {
    const dir = runDir();
    const child = detachedGroup();
    await new Promise((r) => setTimeout(r, 200)); // the shell starts its sleep
    recordProcess(dir, 'svc', identify(child.pid!)!);
    const log: string[] = [];
    await stopLeftovers(dir, { log: (l) => log.push(l) });
    await until(() => !isRunning(child.pid!));
    expect(log).toEqual([`stopping svc (pid ${child.pid}), left running by a previous start`]);
    expect(existsSync(pidFileOf(dir, 'svc'))).toBe(false);
    expect(existsSync(identityFileOf(dir, 'svc'))).toBe(false);
  });

  it('never touches a process whose pid matches but whose start time does not (a recycled pid)', async () => {
    const dir = runDir();
    const child = detachedGroup();
    const real = identify(child.pid!)!;
    recordProcess(dir, 'svc', { ...real, startTime: String(Number(real.startTime) - 1) });
    await stopLeftovers(dir);
    expect(isSameProcess(real)).toBe(true);
    expect(existsSync(pidFileOf(dir, 'svc'))).toBe(false); // the stale record is dropped
  });

  it('never touches a process running another executable under the recorded pid', async () => {
    const dir = runDir();
    const child = detachedGroup();
    const real = identify(child.pid!)!;
    recordProcess(dir, 'svc', { ...real, exe: '/usr/bin/not-the-same' });
    await stopLeftovers(dir);
    expect(isSameProcess(real)).toBe(true);
  });

  it('leaves alone a bare pid file with no identity, and garbage in an identity file', async () => {
    const dir = runDir();
    const child = detachedGroup();
    writeFileSync(pidFileOf(dir, 'old'), String(child.pid));
    writeFileSync(pidFileOf(dir, 'bad'), String(child.pid));
    writeFileSync(identityFileOf(dir, 'bad'), '{"pid": 1, "startTime": "0", "exe": "/sbin/init"}');
    await stopLeftovers(dir);
    expect(isRunning(child.pid!)).toBe(true);
    expect(existsSync(pidFileOf(dir, 'old'))).toBe(false);
  });

  it('keeps a leftover the caller adopts (a Docker engine that still answers)', async () => {
    const dir = runDir();
    const child = detachedGroup();
    recordProcess(dir, 'dockerd', identify(child.pid!)!);
    const adopted = await stopLeftovers(dir, { adopt: async (name) => name === 'dockerd' });
    expect([...adopted.keys()]).toEqual(['dockerd']);
    expect(isRunning(child.pid!)).toBe(true);
    expect(existsSync(pidFileOf(dir, 'dockerd'))).toBe(true);
  });

  it('stops what is left of a group whose leader already died', async () => {
    const dir = runDir();
    const child = spawn('sh', ['-c', 'sleep 300 & echo $!; sleep 0.3; exit 0'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    const leader = identify(child.pid!)!;
    const sleeper = Number(await new Promise<string>((r) => child.stdout.once('data', (d) => r(String(d)))));
    await new Promise((r) => child.once('exit', r));
    expect(isRunning(sleeper)).toBe(true);
    recordProcess(dir, 'svc', leader);
    await stopLeftovers(dir);
    await until(() => !isRunning(sleeper));
  });
});

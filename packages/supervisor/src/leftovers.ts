// What a previous start left running. A start that was SIGKILLed (a supervisor crash, an OOM
// kill, a closed terminal) never stopped its children: they run detached, in process groups
// of their own, and keep the ports. Each child's pid file has an identity file beside it
// (process-identity.ts); a process is stopped only while it is provably the one recorded.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupMembers, isRunning, isSameProcess, parseIdentity, type ProcessIdentity } from './process-identity.js';

export const pidFileOf = (runDir: string, name: string) => join(runDir, `${name}.pid`);
export const identityFileOf = (runDir: string, name: string) => join(runDir, `${name}.identity.json`);

export function recordProcess(runDir: string, name: string, identity: ProcessIdentity): void {
  writeFileSync(identityFileOf(runDir, name), JSON.stringify(identity));
  writeFileSync(pidFileOf(runDir, name), String(identity.pid));
}

export function forgetProcess(runDir: string, name: string): void {
  rmSync(pidFileOf(runDir, name), { force: true });
  rmSync(identityFileOf(runDir, name), { force: true });
}

export function readRecorded(runDir: string, name: string): ProcessIdentity | undefined {
  const file = identityFileOf(runDir, name);
  return existsSync(file) ? parseIdentity(readFileSync(file, 'utf8')) : undefined;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * The recorded process's group, if it is still ours: the recorded leader itself, or, the leader
 * gone, what remains of its group (the kernel does not reuse a pid while a group carries it).
 */
function stillOurs(recorded: ProcessIdentity): boolean {
  if (isSameProcess(recorded)) return true;
  if (isRunning(recorded.pid)) return false; // the pid belongs to someone else now
  return groupMembers(recorded.pid).length > 0;
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Stops a recorded process and its group: its clean stop signal, then SIGKILL after `graceMs`. */
export async function stopRecordedProcess(recorded: ProcessIdentity, graceMs = 10_000): Promise<void> {
  if (!stillOurs(recorded)) return;
  signalGroup(recorded.pid, recorded.stopSignal ?? 'SIGTERM');
  if (await until(() => !stillOurs(recorded), graceMs)) return;
  signalGroup(recorded.pid, 'SIGKILL');
  if (!(await until(() => !stillOurs(recorded), 10_000))) throw new Error(`process ${recorded.pid} did not stop after SIGKILL`);
}

export interface LeftoverOptions {
  /** Return true to keep a leftover that still works (the Docker engine) instead of stopping it. */
  adopt?: (name: string, recorded: ProcessIdentity) => Promise<boolean>;
  log?: (line: string) => void;
}

/** Stops every process a previous start of this data dir left running; returns those adopted instead. */
export async function stopLeftovers(runDir: string, options: LeftoverOptions = {}): Promise<Map<string, ProcessIdentity>> {
  const adopted = new Map<string, ProcessIdentity>();
  if (!existsSync(runDir)) return adopted;
  const names = readdirSync(runDir)
    .filter((f) => f.endsWith('.pid'))
    .map((f) => f.slice(0, -'.pid'.length));
  await Promise.all(
    names.map(async (name) => {
      const recorded = readRecorded(runDir, name);
      // a pid without an identity proves nothing about who runs under that number today: left alone
      if (!recorded || !stillOurs(recorded)) return forgetProcess(runDir, name);
      if (isSameProcess(recorded) && (await options.adopt?.(name, recorded))) {
        options.log?.(`adopting ${name} (pid ${recorded.pid}), left running by a previous start`);
        adopted.set(name, recorded);
        return;
      }
      options.log?.(`stopping ${name} (pid ${recorded.pid}), left running by a previous start`);
      await stopRecordedProcess(recorded);
      forgetProcess(runDir, name);
    }),
  );
  return adopted;
}

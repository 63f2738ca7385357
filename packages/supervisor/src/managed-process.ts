// A child process of the stack: started with spawn(cmd, argv), its output in a log file,
// stopped with SIGTERM then SIGKILL. Its pid and identity are written to the run dir so a later
// start can stop what a stack that was killed without stopping its children left (leftovers.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forgetProcess, readRecorded, recordProcess } from './leftovers.js';
import { identify, isSameProcess } from './process-identity.js';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logDir: string;
  runDir: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  /** The signal that asks for a clean, prompt shutdown (PostgreSQL: SIGINT). */
  stopSignal?: NodeJS.Signals;
}

export class ManagedProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  exitCode: number | null = null;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logFile(): string {
    return join(this.spec.logDir, `${this.spec.name}.log`);
  }

  private forget(): void {
    forgetProcess(this.spec.runDir, this.spec.name);
  }

  start(): void {
    mkdirSync(this.spec.logDir, { recursive: true });
    mkdirSync(this.spec.runDir, { recursive: true });
    killStale(this.spec.runDir, this.spec.name);
    const out = openSync(this.logFile, 'a');
    // detached: the child leads its own process group, so stop() reaches its children too.
    this.child = spawn(this.spec.command, this.spec.args, {
      env: this.spec.env ?? process.env,
      cwd: this.spec.cwd,
      stdio: ['ignore', out, out],
      detached: true,
      uid: this.spec.uid,
      gid: this.spec.gid,
    });
    closeSync(out);
    const child = this.child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.exitCode = code;
        this.forget();
        resolve(code);
      });
      child.once('error', (err) => {
        writeFileSync(this.logFile, `failed to start: ${err.message}\n`, { flag: 'a' });
        resolve(-1);
      });
    });
    // spawn returns after the exec: /proc already shows the new program
    const identity = child.pid ? identify(child.pid, this.spec.stopSignal) : undefined;
    if (identity) recordProcess(this.spec.runDir, this.spec.name, identity);
  }

  /** SIGKILL the whole process group, as a crash would. */
  async kill(): Promise<void> {
    if (!this.child?.pid) return;
    signalGroup(this.child.pid, 'SIGKILL');
    await this.exited;
    this.forget();
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.child?.pid || !this.running) {
      this.forget();
      return;
    }
    signalGroup(this.child.pid, this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.child?.pid && signalGroup(this.child.pid, 'SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.forget();
  }

  /** Resolves when the process exits; lets a readiness wait fail fast. */
  whenExited(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  tail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines - 1)
        .join('\n');
    } catch {
      return '';
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Kills the process this name last ran as, if that very process still runs (a recycled pid is someone else's). */
function killStale(runDir: string, name: string): void {
  const recorded = readRecorded(runDir, name);
  if (recorded && isSameProcess(recorded)) signalGroup(recorded.pid, 'SIGKILL');
  forgetProcess(runDir, name);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

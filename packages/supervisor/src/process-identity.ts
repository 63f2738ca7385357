// Who a pid really is. A pid alone is not an identity: after a crash and a reboot, or just
// enough time, the kernel hands the same number to an unrelated process. The start time (in
// clock ticks since boot, /proc/<pid>/stat field 22) never changes for a process and two live
// processes with the same pid cannot share it; the executable guards against the rest.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** /proc/<pid>/stat field 22: when the process started, in clock ticks since boot. */
  startTime: string;
  /** The executable's path (/proc/<pid>/exe). */
  exe: string;
  /** The signal that stops it cleanly (PostgreSQL: SIGINT). */
  stopSignal?: NodeJS.Signals;
}

interface Stat {
  pgrp: number;
  startTime: string;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(rest[2]);
    const startTime = rest[19];
    if (!Number.isInteger(pgrp) || !startTime || rest[0] === 'Z') return undefined; // a zombie is as good as gone
    return { pgrp, startTime };
  } catch {
    return undefined;
  }
}

function readExe(pid: number): string | undefined {
  try {
    // a binary replaced on disk since the process started reads as "<path> (deleted)"
    return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    return undefined;
  }
}

export function identify(pid: number, stopSignal?: NodeJS.Signals): ProcessIdentity | undefined {
  const stat = readStat(pid);
  const exe = readExe(pid);
  if (!stat || !exe) return undefined;
  return { pid, startTime: stat.startTime, exe, ...(stopSignal ? { stopSignal } : {}) };
}

/** True only while the very process that was recorded still runs. */
export function isSameProcess(recorded: ProcessIdentity): boolean {
  const now = identify(recorded.pid);
  return now !== undefined && now.startTime === recorded.startTime && now.exe === recorded.exe;
}

/** Live processes whose process group is `pgid`. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 1) continue;
    if (readStat(pid)?.pgrp === pgid) members.push(pid);
  }
  return members;
}

export function parseIdentity(text: string): ProcessIdentity | undefined {
  try {
    const v = JSON.parse(text) as Partial<ProcessIdentity>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 1 || typeof v.startTime !== 'string' || typeof v.exe !== 'string') return undefined;
    return { pid: v.pid as number, startTime: v.startTime, exe: v.exe, ...(typeof v.stopSignal === 'string' ? { stopSignal: v.stopSignal } : {}) };
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie (an orphan's zombie may wait for a reaper that never comes). */
export function isRunning(pid: number): boolean {
  return readStat(pid) !== undefined;
}

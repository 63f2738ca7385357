// Each embedded cluster's pods live under a cgroup of its own (/paas-k8s-<id>/kubepods/...), not
// the host-wide /kubepods: a kubelet kills whatever runs in pod cgroups it does not know (as
// orphans), so two clusters on one host (`npm start` beside `npm test`) would kill each other's
// pods. cgroup v1 here: the root is made in every hierarchy before the kubelet starts (it refuses
// a cgroup root that does not exist) and removed after the cluster stopped.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterLayout } from './layout.js';

const CGROUPS = '/sys/fs/cgroup';

export function cgroupRootOf(layout: Pick<ClusterLayout, 'id'>): string {
  return `/paas-k8s-${layout.id}`;
}

/** The v1 hierarchies (cgroup v2's `unified` mount is not used by a cgroupfs kubelet on v1). */
function hierarchies(): string[] {
  if (!existsSync(CGROUPS)) return [];
  return readdirSync(CGROUPS).filter((name) => name !== 'unified' && statSync(join(CGROUPS, name)).isDirectory());
}

export function ensureCgroupRoot(layout: ClusterLayout): void {
  const root = cgroupRootOf(layout);
  for (const h of hierarchies()) {
    const dir = join(CGROUPS, h, root);
    mkdirSync(dir, { recursive: true });
    // a new cpuset has no CPUs or memory nodes until given its parent's
    if (h === 'cpuset') {
      for (const file of ['cpuset.cpus', 'cpuset.mems']) {
        if (!readFileSync(join(dir, file), 'utf8').trim()) writeFileSync(join(dir, file), readFileSync(join(CGROUPS, h, file), 'utf8'));
      }
    }
  }
}

/** Best effort after the stop: empty cgroups are removed deepest first; one still in use stays. */
export function removeCgroupRoot(layout: Pick<ClusterLayout, 'id'>): void {
  const remove = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) remove(join(dir, entry.name));
    try {
      rmdirSync(dir);
    } catch {
      /* still has tasks: left for the next start */
    }
  };
  for (const h of hierarchies()) {
    const dir = join(CGROUPS, h, cgroupRootOf(layout));
    if (existsSync(dir)) remove(dir);
  }
}

/** SIGKILLs every process in the cluster's cgroups (its pods', after a hard kill); returns how many. */
export function killCgroupRoot(id: string): number {
  const pids = new Set<number>();
  const collect = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) collect(join(dir, entry.name));
      else if (entry.name === 'cgroup.procs') {
        for (const line of readFileSync(join(dir, entry.name), 'utf8').split('\n')) if (/^\d+$/.test(line)) pids.add(Number(line));
      }
    }
  };
  for (const h of hierarchies()) {
    const dir = join(CGROUPS, h, cgroupRootOf({ id }));
    if (existsSync(dir)) collect(dir);
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  return pids.size;
}

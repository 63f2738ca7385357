// What a node leaves behind outside its processes: containerd's shims (they outlive containerd by
// design), mounts (pods' volumes under the kubelet's dir, containers' root filesystems, network
// namespaces). A stop, or the next start after a hard kill, removes the ones that belong to this cluster.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { ClusterLayout } from './layout.js';

const run = promisify(execFile);

/** Mount points from /proc/self/mountinfo (field 5; spaces and such are octal escapes). */
export function mountPoints(mountinfo = readFileSync('/proc/self/mountinfo', 'utf8')): string[] {
  return mountinfo
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[4] ?? '')
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))));
}

export function mountsUnder(roots: string[], points = mountPoints()): string[] {
  const inside = points.filter((p) => roots.some((root) => p === root || p.startsWith(`${root}/`)));
  // the deepest first: a mount inside another must go before it
  return [...new Set(inside)].sort((a, b) => b.length - a.length);
}

export async function unmountUnder(layout: ClusterLayout): Promise<string[]> {
  const leftovers = mountsUnder([layout.dir, layout.runtimeState]);
  for (const point of leftovers) {
    // lazy: a mount still busy for a moment (a dying shim) is detached now and freed when released
    await run('umount', ['--lazy', point], { timeout: 10_000 }).catch(() => undefined);
  }
  return mountsUnder([layout.dir, layout.runtimeState]);
}

/** Shims started by this node's containerd: their command line names its socket. */
export function shimPids(layout: ClusterLayout): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 1) continue;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const i = argv.indexOf('-address');
      if (argv[0]?.includes('containerd-shim') && i >= 0 && argv[i + 1] === layout.containerdSocket) pids.push(pid);
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

export function killShims(layout: ClusterLayout): number {
  const pids = shimPids(layout);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  return pids.length;
}

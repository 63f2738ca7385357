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

export function unmountUnder(layout: ClusterLayout): Promise<string[]> {
  return unmountPaths([layout.dir, layout.runtimeState]);
}

/** Unmounts everything under the roots; returns the mounts still there. */
export async function unmountPaths(roots: string[]): Promise<string[]> {
  for (const point of mountsUnder(roots)) {
    // lazy: a mount still busy for a moment (a dying shim) is detached now and freed when released
    await run('umount', ['--lazy', point], { timeout: 10_000 }).catch(() => undefined);
  }
  return mountsUnder(roots);
}

/** Shims started by this node's containerd: their command line names its socket. */
export function shimPids(layout: Pick<ClusterLayout, 'containerdSocket'>): number[] {
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

export function killShims(layout: Pick<ClusterLayout, 'containerdSocket'>): number {
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

/**
 * The iptables-restore input that deletes the NAT rules the CNI bridge plugin's ipMasq made for
 * this network (their comment names it) and their per-pod chains. The bridge plugin skips that
 * cleanup when the pod's network namespace is already gone at CNI DEL, as with gVisor pods.
 * Rules are deleted in iptables-save's own quoting, so nothing is re-tokenized here.
 */
export function natCleanup(iptablesSave: string, network: string): string | undefined {
  const marker = `name: \\"${network}\\"`;
  const rules = iptablesSave.split('\n').filter((l) => l.startsWith('-A ') && l.includes(marker));
  if (rules.length === 0) return undefined;
  const chains = new Set(rules.map((l) => / -j (CNI-[0-9a-f]+)$/.exec(l)?.[1]).filter((c): c is string => !!c));
  const lines = ['*nat', ...rules.map((l) => `-D ${l.slice(3)}`), ...[...chains].flatMap((c) => [`-F ${c}`, `-X ${c}`]), 'COMMIT', ''];
  return lines.join('\n');
}

export async function removeNatRules(network: string): Promise<void> {
  const { stdout } = await run('iptables-save', ['-t', 'nat'], { timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
  const script = natCleanup(stdout, network);
  if (!script) return;
  await new Promise<void>((resolve, reject) => {
    const child = execFile('iptables-restore', ['--noflush'], { timeout: 10_000 }, (err) => (err ? reject(err) : resolve()));
    child.stdin?.end(script);
  });
}

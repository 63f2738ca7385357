// What an embedded cluster of another data dir leaves when its stack is killed without a stop, made
// for real on the host (a bridge holding the pod subnet, a pod's network namespace on it, the
// kubelet's and containerd's mounts, a pod process in its cgroup, the CNI plugin's NAT rules), so
// that a start's sweep of dead clusters is seen on the kernel's objects. With `live`, a containerd
// socket answers for it: a running cluster, which the sweep must leave alone.
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, rmdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mountsUnder } from '@paas/supervisor/kubernetes/cleanup';
import { idOfClusterDir } from '@paas/supervisor/kubernetes/layout';

const run = promisify(execFile);

export interface PlantedCluster {
  id: string;
  /** What is still there of it. */
  remains(): Promise<{ bridge: boolean; netns: boolean; mounts: number; cgroup: boolean; process: boolean; natRules: number; runtimeDir: boolean }>;
  /** Removes whatever is left (a live one's socket too). */
  remove(): Promise<void>;
}

export async function plantCluster(podSubnet: string, options: { live?: boolean } = {}): Promise<PlantedCluster> {
  const base = mkdtempSync(join(tmpdir(), 'paas-planted-'));
  const dir = join(base, 'kubernetes');
  const id = idOfClusterDir(dir);
  const bridge = `pk8s-${id}`;
  const runtimeState = `/run/paas-k8s-${id}`;
  const netns = `cni-${randomUUID()}`;
  const prefix = podSubnet.split('.').slice(0, 3).join('.');
  const cgroup = `/sys/fs/cgroup/memory/paas-k8s-${id}`;
  const chain = `CNI-${randomBytes(12).toString('hex')}`;
  const comment = `name: "paas-k8s-${id}" id: "${randomBytes(32).toString('hex')}"`;

  // its owner file is older than a start's grace minute
  mkdirSync(runtimeState, { recursive: true });
  writeFileSync(join(runtimeState, 'owner.json'), JSON.stringify({ dir }));
  const old = new Date(Date.now() - 10 * 60_000);
  utimesSync(join(runtimeState, 'owner.json'), old, old);
  let server: Server | undefined;
  if (options.live) {
    const listening = createServer((s) => s.destroy());
    server = listening;
    await new Promise<void>((resolve) => listening.listen(join(runtimeState, 'containerd.sock'), resolve));
  }

  for (const point of [
    join(dir, 'kubelet/pods/p1/volumes/kubernetes.io~projected/token'),
    join(runtimeState, 'containerd/io.containerd.runtime.v2.task/k8s.io/c1/rootfs'),
  ]) {
    mkdirSync(point, { recursive: true });
    await run('mount', ['-t', 'tmpfs', 'tmpfs', point]);
  }
  await run('ip', ['link', 'add', bridge, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${prefix}.1/24`, 'dev', bridge]);
  await run('ip', ['link', 'set', bridge, 'up']);
  await run('ip', ['netns', 'add', netns]);
  await run('ip', ['link', 'add', `vp${id}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns]);
  await run('ip', ['link', 'set', `vp${id}`, 'master', bridge, 'up']);
  await run('ip', ['-n', netns, 'addr', 'add', `${prefix}.9/24`, 'dev', 'eth0']);
  await run('ip', ['-n', netns, 'link', 'set', 'eth0', 'up']);
  await run('iptables', ['-t', 'nat', '-N', chain]);
  await run('iptables', ['-t', 'nat', '-A', chain, '-d', `${prefix}.0/24`, '-j', 'ACCEPT']);
  await run('iptables', ['-t', 'nat', '-A', 'POSTROUTING', '-s', `${prefix}.9/32`, '-m', 'comment', '--comment', comment, '-j', chain]);
  // a pod's process, in the cluster's cgroup (as the kubelet puts them)
  mkdirSync(join(cgroup, 'kubepods/pod1'), { recursive: true });
  const pod = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  pod.unref();
  const pid = pod.pid as number;
  writeFileSync(join(cgroup, 'kubepods/pod1/cgroup.procs'), String(pid));

  const processAlive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const natRules = async () => (await run('iptables-save', ['-t', 'nat'])).stdout.split('\n').filter((l) => l.includes(`paas-k8s-${id}`)).length;
  return {
    id,
    remains: async () => ({
      bridge: bridge in networkInterfaces(),
      netns: existsSync(join('/run/netns', netns)),
      mounts: mountsUnder([dir, runtimeState]).length,
      cgroup: existsSync(cgroup),
      process: processAlive(),
      natRules: await natRules(),
      runtimeDir: existsSync(runtimeState),
    }),
    remove: async () => {
      server?.close();
      if (processAlive()) process.kill(pid, 'SIGKILL');
      await run('ip', ['link', 'delete', bridge]).catch(() => undefined);
      await run('ip', ['netns', 'delete', netns]).catch(() => undefined);
      for (const point of mountsUnder([dir, runtimeState])) await run('umount', ['--lazy', point]).catch(() => undefined);
      await run('iptables', ['-t', 'nat', '-D', 'POSTROUTING', '-s', `${prefix}.9/32`, '-m', 'comment', '--comment', comment, '-j', chain]).catch(
        () => undefined,
      );
      await run('iptables', ['-t', 'nat', '-F', chain]).catch(() => undefined);
      await run('iptables', ['-t', 'nat', '-X', chain]).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      for (const d of [join(cgroup, 'kubepods/pod1'), join(cgroup, 'kubepods'), cgroup]) {
        try {
          rmdirSync(d);
        } catch {
          /* gone */
        }
      }
      rmSync(runtimeState, { recursive: true, force: true });
      rmSync(base, { recursive: true, force: true });
    },
  };
}

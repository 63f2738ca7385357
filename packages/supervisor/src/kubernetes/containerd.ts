// The node's own containerd (v2, built by the install step): never the one Docker uses. Its root
// is in the data dir; its socket, the mounts of running containers and the pods' network
// namespaces are under /run/paas-k8s-<id>, so a stop can find and undo all of them.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ManagedProcess } from '../managed-process.js';
import { waitFor } from '../wait.js';
import { PAUSE_IMAGE, type ClusterLayout } from './layout.js';

const run = promisify(execFile);

/** Kata's shim; present only where Kata Containers is installed. */
export const KATA_SHIM = 'containerd-shim-kata-v2';

export function kataAvailable(): boolean {
  if (!existsSync('/dev/kvm')) return false;
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, KATA_SHIM)));
}

function containerdConfig(layout: ClusterLayout, registryAddress: string | undefined): string {
  const cri = `plugins."io.containerd.cri.v1.runtime"`;
  const runtimes = `${cri}.containerd.runtimes`;
  return `version = 3
root = "${layout.containerdRoot}"
state = "${join(layout.runtimeState, 'containerd')}"
# NRI's default socket is shared machine-wide; the CRI plugin is all this node needs
disabled_plugins = ["io.containerd.nri.v1.nri", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "${layout.containerdSocket}"

[ttrpc]
  address = "${layout.containerdSocket}.ttrpc"

[plugins."io.containerd.cri.v1.images"]
  snapshotter = "overlayfs"
  [plugins."io.containerd.cri.v1.images".pinned_images]
    # built locally and imported at each start: no image can be pulled from the internet here
    sandbox = "${PAUSE_IMAGE}"
  [plugins."io.containerd.cri.v1.images".registry]
    config_path = "${join(layout.containerdRoot, 'certs.d')}"

[${cri}]
  # root lacks CAP_SYS_RESOURCE here: without this every pod sandbox fails in runc create
  restrict_oom_score_adj = true
  netns_mounts_under = "${join(layout.runtimeState, 'netns')}"
  [${cri}.cni]
    bin_dirs = ["/usr/lib/cni"]
    conf_dir = "${layout.cniConfDir}"
  [${cri}.containerd]
    default_runtime_name = "runc"
    [${runtimes}.runc]
      runtime_type = "io.containerd.runc.v2"
      [${runtimes}.runc.options]
        SystemdCgroup = false
        BinaryName = "/usr/sbin/runc"
    [${runtimes}.runsc]
      runtime_type = "io.containerd.runsc.v1"
      [${runtimes}.runsc.options]
        TypeUrl = "io.containerd.runsc.v1.options"
        ConfigPath = "${join(layout.containerdRoot, 'runsc.toml')}"
${
  kataAvailable()
    ? `    [${runtimes}.kata]
      runtime_type = "io.containerd.kata.v2"
`
    : ''
}
[plugins."io.containerd.grpc.v1.cri"]
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
${registryAddress ? '' : '# no platform registry given\n'}`;
}

function runscConfig(layout: ClusterLayout): string {
  // systrap needs no virtualization (the KVM platform failed on these machines)
  return `binary_name = "${join(layout.bin, 'runsc')}"
root = "${join(layout.runtimeState, 'runsc')}"
[runsc_config]
  platform = "systrap"
`;
}

/** The platform's registry serves plain http on loopback; containerd would try https first. */
function registryHosts(layout: ClusterLayout, registryAddress: string): void {
  const dir = join(layout.containerdRoot, 'certs.d', registryAddress);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hosts.toml'), `server = "http://${registryAddress}"\n[host."http://${registryAddress}"]\n  capabilities = ["pull", "resolve"]\n`);
}

/** The bridge the pods live on: its own name and subnet, so Docker's networks and other clusters are untouched. */
function cniConfig(layout: ClusterLayout, podSubnet: string): string {
  return JSON.stringify(
    {
      cniVersion: '1.0.0',
      name: `paas-k8s-${layout.id}`,
      plugins: [
        {
          type: 'bridge',
          bridge: layout.bridge,
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: { type: 'host-local', ranges: [[{ subnet: podSubnet }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: layout.cniIpamDir },
        },
        // Docker's FORWARD policy is DROP: this accepts the pods' traffic through the bridge
        { type: 'firewall' },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

export function writeContainerdConfig(layout: ClusterLayout, registryAddress: string | undefined, podSubnet: string): string {
  mkdirSync(layout.containerdRoot, { recursive: true });
  mkdirSync(layout.runtimeState, { recursive: true, mode: 0o711 });
  mkdirSync(layout.cniConfDir, { recursive: true });
  if (registryAddress) registryHosts(layout, registryAddress);
  writeFileSync(join(layout.containerdRoot, 'runsc.toml'), runscConfig(layout));
  writeFileSync(join(layout.cniConfDir, '10-paas.conflist'), cniConfig(layout, podSubnet));
  const file = join(layout.containerdRoot, 'config.toml');
  writeFileSync(file, containerdConfig(layout, registryAddress));
  return file;
}

export function containerdProcess(layout: ClusterLayout, configFile: string): ManagedProcess {
  return new ManagedProcess({
    name: 'k8s-containerd',
    command: join(layout.bin, 'containerd'),
    args: ['--config', configFile],
    // the shims (runc's and gVisor's) are found on containerd's PATH; ours come first
    env: { ...process.env, PATH: `${layout.bin}:${process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin'}` },
    logDir: layout.logs,
    runDir: layout.runDir,
  });
}

export function ctr(layout: ClusterLayout, args: string[], timeoutMs = 60_000) {
  return run(join(layout.bin, 'ctr'), ['--address', layout.containerdSocket, '--namespace', 'k8s.io', ...args], {
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export async function waitForContainerd(layout: ClusterLayout, proc: ManagedProcess): Promise<void> {
  await waitFor(
    'containerd (Kubernetes)',
    async () => {
      await ctr(layout, ['version'], 5_000);
      return true;
    },
    { timeoutMs: 60_000, failFast: proc.whenExited(), diagnostics: () => proc.tail() },
  );
}

/** The local images (pause, metrics-server): imported, since nothing can be pulled. Idempotent. */
export async function importImages(layout: ClusterLayout, files: string[]): Promise<void> {
  for (const file of files) await ctr(layout, ['images', 'import', '--no-unpack=false', file], 120_000);
}

/**
 * Stops and removes every pod through the CRI, as the kubelet would (scripts/ensure/kubernetes/
 * kubernetes/cmd/stop-pods): containerd tears each pod's network down (CNI DEL releases its
 * address and iptables rules) and unmounts its volumes' and containers' filesystems.
 */
export async function stopAllPods(layout: ClusterLayout): Promise<string> {
  const { stdout } = await run(join(layout.bin, 'stop-pods'), ['-endpoint', `unix://${layout.containerdSocket}`, '-timeout', '60s'], { timeout: 70_000 });
  return stdout.trim();
}

/** The bridge stays after its last pod; another cluster on the same subnet would find its route taken. */
export async function removeBridge(layout: ClusterLayout): Promise<void> {
  await run('ip', ['link', 'delete', layout.bridge], { timeout: 10_000 }).catch(() => undefined);
}

/**
 * What the CRI did not stop: every task of the node is killed (the kubelet is already stopped, so
 * nothing restarts them); their shims exit and unmount the containers' root filesystems.
 */
export async function stopAllTasks(layout: ClusterLayout): Promise<void> {
  const { stdout } = await ctr(layout, ['tasks', 'list', '--quiet'], 30_000);
  const ids = stdout.split('\n').filter(Boolean);
  await Promise.all(ids.map((id) => ctr(layout, ['tasks', 'kill', '--all', '--signal', 'SIGKILL', id], 30_000).catch(() => undefined)));
  await Promise.all(ids.map((id) => ctr(layout, ['tasks', 'delete', '--force', id], 30_000).catch(() => undefined)));
}

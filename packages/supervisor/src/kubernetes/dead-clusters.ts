// What an embedded cluster of another data dir leaves on the host when its stack dies without a
// stop (SIGKILL, the end of a session, a crashed test run): its bridge keeps the pods' subnet,
// its pods' network namespaces, mounts, cgroup and NAT rules stay. A cluster starting next on the
// same subnet would otherwise refuse to start, so every start sweeps the dead ones first.
// A cluster counts as alive while its containerd answers on its socket, or for a minute after its
// start wrote its owner file (containerd is not listening yet then).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { BlockList, connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { killCgroupRoot, removeCgroupRoot } from './cgroup-root.js';
import { killShims, mountPoints, removeNatRules, unmountPaths } from './cleanup.js';
import { idOfClusterDir, type ClusterLayout } from './layout.js';

const run = promisify(execFile);
const RUN = '/run';
const NETNS = '/run/netns';
const CGROUP_MEMORY = '/sys/fs/cgroup/memory';
const OWNER_FILE = 'owner.json';
const STARTING_GRACE_MS = 60_000;

type DeadLayout = Pick<ClusterLayout, 'id' | 'bridge' | 'runtimeState' | 'containerdSocket'> & { dir?: string };

/** Written at each start: the next start elsewhere finds the data dir of a cluster that died. */
export function writeOwner(layout: ClusterLayout): void {
  writeFileSync(join(layout.runtimeState, OWNER_FILE), JSON.stringify({ dir: layout.dir, startedAt: new Date().toISOString() }));
}

/** State dirs (<data dir>/kubernetes) of clusters whose kubelet left mounts (<data dir>/kubernetes/kubelet/...), by id. */
function clusterDirsOfMounts(): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const point of mountPoints()) {
    const at = point.indexOf('/kubernetes/kubelet');
    if (at <= 0) continue;
    const dir = point.slice(0, at + '/kubernetes'.length);
    dirs.set(idOfClusterDir(dir), dir);
  }
  return dirs;
}

function layoutOf(id: string): DeadLayout {
  const runtimeState = join(RUN, `paas-k8s-${id}`);
  let dir: string | undefined;
  try {
    const owner = JSON.parse(readFileSync(join(runtimeState, OWNER_FILE), 'utf8')) as { dir?: unknown };
    if (typeof owner.dir === 'string' && owner.dir.startsWith('/')) dir = owner.dir;
  } catch {
    // no owner file (a cluster of an older version, or its runtime dir is gone)
    dir = clusterDirsOfMounts().get(id);
  }
  return { id, bridge: `pk8s-${id}`, runtimeState, containerdSocket: join(runtimeState, 'containerd.sock'), dir };
}

/** Ids of the embedded clusters anything on the host still carries (runtime dir, bridge, kubelet mounts, cgroup, NAT rules). */
export async function clusterIdsOnHost(): Promise<string[]> {
  const ids = new Set<string>();
  const idOf = (name: string, prefix: string) =>
    name.startsWith(prefix) && /^[0-9a-f]{6}$/.test(name.slice(prefix.length)) ? name.slice(prefix.length) : undefined;
  for (const name of existsSync(RUN) ? readdirSync(RUN) : []) {
    const id = idOf(name, 'paas-k8s-');
    if (id) ids.add(id);
  }
  for (const name of Object.keys(networkInterfaces())) {
    const id = idOf(name, 'pk8s-');
    if (id) ids.add(id);
  }
  for (const id of clusterDirsOfMounts().keys()) ids.add(id);
  for (const name of existsSync(CGROUP_MEMORY) ? readdirSync(CGROUP_MEMORY) : []) {
    const id = idOf(name, 'paas-k8s-');
    if (id) ids.add(id);
  }
  // the CNI bridge plugin names the network in each rule's comment: name: "paas-k8s-<id>"
  const { stdout } = await run('iptables-save', ['-t', 'nat'], { timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
  for (const match of stdout.matchAll(/name: \\"paas-k8s-([0-9a-f]{6})\\"/g)) ids.add(match[1]);
  return [...ids];
}

function socketAnswers(path: string): Promise<boolean> {
  if (!existsSync(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function alive(dead: DeadLayout): Promise<boolean> {
  if (await socketAnswers(dead.containerdSocket)) return true;
  try {
    return Date.now() - statSync(join(dead.runtimeState, OWNER_FILE)).mtimeMs < STARTING_GRACE_MS;
  } catch {
    return false;
  }
}

/** The IPv4 subnets of the host's interfaces (`only`: of that one). */
function subnets(only?: string): BlockList {
  const list = new BlockList();
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (only !== undefined && name !== only) continue;
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) list.addSubnet(a.address, Number(a.cidr?.split('/')[1] ?? 32), 'ipv4');
  }
  return list;
}

/**
 * Pods' network namespaces (containerd's `cni-<uuid>` under /run/netns) of a dead cluster (an
 * address on its bridge's subnet), or whose address is on no network of the host any more (their
 * bridge went earlier): nothing can reach them. The latter a minute old at least, so that a pod a
 * live cluster is wiring (its address comes before its bridge's) is spared.
 */
async function orphanedPodNetns(deadSubnets: BlockList[]): Promise<string[]> {
  if (!existsSync(NETNS)) return [];
  const live = subnets();
  const orphans: string[] = [];
  for (const name of readdirSync(NETNS).filter((n) => /^cni-[0-9a-f-]{36}$/.test(n))) {
    try {
      const { stdout } = await run('ip', ['-j', '-n', name, 'addr', 'show'], { timeout: 10_000 });
      const links = JSON.parse(stdout) as { addr_info?: { family?: string; local?: string }[] }[];
      const addresses = links
        .flatMap((l) => l.addr_info ?? [])
        .map((a) => (a.family === 'inet' ? a.local : undefined))
        .filter((a): a is string => !!a && !a.startsWith('127.'));
      if (!addresses.length) continue;
      const ofDead = addresses.some((a) => deadSubnets.some((dead) => dead.check(a, 'ipv4')));
      const unreachable = addresses.every((a) => !live.check(a, 'ipv4'));
      if (ofDead || (unreachable && Date.now() - statSync(join(NETNS, name)).mtimeMs >= STARTING_GRACE_MS)) orphans.push(name);
    } catch {
      /* gone meanwhile, or not readable: left alone */
    }
  }
  return orphans;
}

/** Removes what dead embedded clusters (not `own`) left; returns a line per cluster swept. */
export async function sweepDeadClusters(own: Pick<ClusterLayout, 'id'>): Promise<string[]> {
  const said: string[] = [];
  const deadSubnets: BlockList[] = [];
  for (const id of (await clusterIdsOnHost()).filter((i) => i !== own.id)) {
    const dead = layoutOf(id);
    if (await alive(dead)) continue;
    const killed = killCgroupRoot(dead.id) + killShims(dead);
    // SIGKILLed processes leave their cgroups a moment later
    for (let i = 0; i < 20 && killCgroupRoot(dead.id) > 0; i++) await new Promise((r) => setTimeout(r, 250));
    deadSubnets.push(subnets(dead.bridge));
    await run('ip', ['link', 'delete', dead.bridge], { timeout: 10_000 }).catch(() => undefined);
    await removeNatRules(`paas-k8s-${dead.id}`).catch(() => undefined);
    const roots = [dead.runtimeState, ...(dead.dir ? [dead.dir] : [])];
    const stuck = await unmountPaths(roots);
    removeCgroupRoot(dead);
    if (!stuck.length) rmSync(dead.runtimeState, { recursive: true, force: true });
    said.push(
      `removed what the dead cluster ${id} left (${killed} process(es)${dead.dir ? `, mounts under ${dead.dir}` : ''}${stuck.length ? `; ${stuck.length} mount(s) still busy` : ''})`,
    );
  }
  const orphans = await orphanedPodNetns(deadSubnets);
  for (const name of orphans) await run('ip', ['netns', 'delete', name], { timeout: 10_000 }).catch(() => undefined);
  if (orphans.length) said.push(`removed ${orphans.length} orphaned pod network namespace(s)`);
  return said;
}

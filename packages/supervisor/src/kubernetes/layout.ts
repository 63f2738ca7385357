// Where the embedded cluster keeps its state, which ports and names it uses, and where its
// programs are (built by scripts/ensure/kubernetes.mjs into the user cache).
import { createHash } from 'node:crypto';
import { networkInterfaces, hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const KUBERNETES_VERSION = 'v1.35.4';
/** Image names the install step gives the local image archives (scripts/ensure/kubernetes.mjs LOCAL_IMAGES). */
export const PAUSE_IMAGE = 'paas.local/pause:3.10-paas';
export const METRICS_SERVER_IMAGE = 'paas.local/metrics-server:v0.9.0';

export interface ClusterOptions {
  /** The stack's data dir; the cluster's state is in <dataDir>/kubernetes. */
  dataDir: string;
  /** ~/.cache/paas (PAAS_CACHE_DIR). */
  cacheDir: string;
  /** kube-apiserver's port on 127.0.0.1; the next seven ports are the cluster's too (see ports()). */
  apiPort: number;
  /** The platform's registry (127.0.0.1:<port>), pulled over plain http. */
  registryAddress?: string;
  /** The pods' subnet on the node's bridge (a /24 that no other network on the host uses). */
  podSubnet: string;
  /** The node's address (the kubelet's InternalIP): an address of the host that is not loopback. */
  nodeIp?: string;
  log: (line: string) => void;
  /** Run kube-proxy (Services' cluster IPs from the host; its iptables chains are the host's: one per host). */
  serviceProxy?: boolean;
}

export interface ClusterLayout {
  dir: string;
  pki: string;
  etcdData: string;
  kubeconfigs: string;
  /** Kubeconfig with cluster-admin rights for the platform (the gateway and the worker). */
  adminKubeconfig: string;
  kubeletDir: string;
  containerdRoot: string;
  /** Short-lived state (sockets, mounts of running containers, network namespaces) under /run. */
  runtimeState: string;
  containerdSocket: string;
  cniConfDir: string;
  cniIpamDir: string;
  logs: string;
  runDir: string;
  bin: string;
  images: string;
  /** Short and unique per data dir: the bridge, the CNI network and the cgroup parent carry it. */
  id: string;
  bridge: string;
  nodeName: string;
  nodeIp: string;
  ports: ReturnType<typeof ports>;
}

export function ports(apiPort: number) {
  return {
    api: apiPort,
    etcdClient: apiPort + 1,
    etcdPeer: apiPort + 2,
    kubelet: apiPort + 3,
    metricsServer: apiPort + 4,
    controllerManager: apiPort + 5,
    scheduler: apiPort + 6,
    kubeletHealthz: apiPort + 7,
  };
}

/** The host's own address for the node: the interface of the default route in practice (eth0). */
export function defaultNodeIp(): string {
  const nets = networkInterfaces();
  const candidates = Object.entries(nets)
    // Docker's bridges and the platform's own are not the host's address
    .filter(([name]) => !/^(docker|br-|veth|paas-|pk8s)/.test(name))
    .flatMap(([name, addrs]) => (addrs ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => ({ name, address: a.address })));
  const preferred = candidates.find((c) => c.name === 'eth0') ?? candidates[0];
  if (!preferred) throw new Error('the embedded Kubernetes cluster needs a non-loopback IPv4 address for its node; set PAAS_KUBERNETES_NODE_IP');
  return preferred.address;
}

/** The id of the cluster whose state is in `dir` (<data dir>/kubernetes). */
export function idOfClusterDir(dir: string): string {
  return createHash('sha256').update(dir).digest('hex').slice(0, 6);
}

/** Short and unique per data dir, and where the cluster's sockets are. */
function clusterId(dataDir: string): { dir: string; id: string; runtimeState: string } {
  const dir = join(resolve(dataDir), 'kubernetes');
  const id = idOfClusterDir(dir);
  return { dir, id, runtimeState: `/run/paas-k8s-${id}` };
}

/** The socket of the node's containerd of the cluster of a data dir (`ctr --address`). */
export function embeddedContainerdSocket(dataDir: string): string {
  return join(clusterId(dataDir).runtimeState, 'containerd.sock');
}

export function clusterLayout(options: ClusterOptions): ClusterLayout {
  const { dir, id, runtimeState } = clusterId(options.dataDir);
  const cache = join(options.cacheDir, 'kubernetes', KUBERNETES_VERSION);
  return {
    dir,
    pki: join(dir, 'pki'),
    etcdData: join(dir, 'etcd'),
    kubeconfigs: join(dir, 'kubeconfigs'),
    adminKubeconfig: join(dir, 'admin.kubeconfig'),
    kubeletDir: join(dir, 'kubelet'),
    containerdRoot: join(dir, 'containerd'),
    runtimeState,
    containerdSocket: embeddedContainerdSocket(options.dataDir),
    cniConfDir: join(dir, 'cni', 'net.d'),
    cniIpamDir: join(dir, 'cni', 'ipam'),
    logs: join(options.dataDir, 'logs'),
    runDir: join(options.dataDir, 'run'),
    bin: join(cache, 'bin'),
    images: join(cache, 'images'),
    id,
    bridge: `pk8s-${id}`,
    nodeName: hostname().toLowerCase(),
    nodeIp: options.nodeIp ?? defaultNodeIp(),
    ports: ports(options.apiPort),
  };
}

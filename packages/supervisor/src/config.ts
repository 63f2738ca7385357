// Every setting of the embedded stack, read once from the environment.
// Defaults follow ../shared/contract/README.md; internal ports have variables of their own
// so a test stack can run beside `npm start`.
import { resolve } from 'node:path';

export interface StackConfig {
  repoRoot: string;
  dataDir: string;
  bind: string;
  gatewayPort: number;
  edgePort: number;
  /** The site server (nginx) behind the edge that serves STATIC apps; loopback only. */
  sitePort: number;
  baseDomain: string;
  pgPort: number;
  temporalPort: number;
  registryPort: number;
  s3Port: number;
  /** Set when the user points the platform at existing services. */
  external: {
    databaseUrl?: string;
    temporalAddress?: string;
    s3Endpoint?: string;
    registryAddress?: string;
    dockerHost?: string;
  };
  /** Where binaries built from the Go module proxy are cached (outside the repo). */
  binDir: string;
  /** ~/.cache/paas (PAAS_CACHE_DIR): the embedded cluster's programs are in its kubernetes/ dir. */
  cacheDir: string;
  kubernetes: KubernetesConfig;
}

/**
 * PAAS_KUBERNETES: `off` (default) or `embedded`. With `embedded` and no KUBECONFIG, the stack
 * starts its own single-node cluster; with KUBECONFIG set, that cluster is used and nothing starts.
 */
export interface KubernetesConfig {
  mode: 'off' | 'embedded';
  /** The user's cluster (KUBECONFIG), when given: nothing is started. */
  kubeconfig?: string;
  /** kube-apiserver's port on 127.0.0.1; the seven ports after it are the cluster's too. */
  apiPort: number;
  /** The pods' /24 on the node's bridge. */
  podSubnet: string;
  /** The node's address (default: eth0's). */
  nodeIp?: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

export function readStackConfig(repoRoot: string, env: NodeJS.ProcessEnv = process.env): StackConfig {
  return {
    repoRoot,
    dataDir: resolve(repoRoot, env.PAAS_DATA_DIR || '.paas'),
    bind: env.PAAS_BIND || '127.0.0.1',
    gatewayPort: int(env, 'PAAS_PORT', 4000),
    edgePort: int(env, 'PAAS_EDGE_PORT', 8080),
    sitePort: int(env, 'PAAS_SITE_PORT', 8081),
    baseDomain: env.PAAS_BASE_DOMAIN || 'localhost',
    // every default is below 32768: ports in the ephemeral range can be taken by outgoing connections
    pgPort: int(env, 'PAAS_PG_PORT', 5439),
    temporalPort: int(env, 'PAAS_TEMPORAL_PORT', 7233),
    registryPort: int(env, 'PAAS_REGISTRY_PORT', 5000),
    s3Port: int(env, 'PAAS_S3_PORT', 9000),
    external: {
      databaseUrl: env.DATABASE_URL || undefined,
      temporalAddress: env.TEMPORAL_ADDRESS || undefined,
      s3Endpoint: env.S3_ENDPOINT || undefined,
      registryAddress: env.REGISTRY_ADDRESS || undefined,
      dockerHost: env.DOCKER_HOST || undefined,
    },
    binDir: resolve(cacheDirOf(env), 'bin'),
    cacheDir: cacheDirOf(env),
    kubernetes: readKubernetesConfig(env),
  };
}

function cacheDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.PAAS_CACHE_DIR || resolve(env.HOME || '/root', '.cache/paas'));
}

export function readKubernetesConfig(env: NodeJS.ProcessEnv = process.env): KubernetesConfig {
  const mode = env.PAAS_KUBERNETES || 'off';
  if (mode !== 'off' && mode !== 'embedded') throw new Error(`PAAS_KUBERNETES must be "off" or "embedded", got "${mode}"`);
  const apiPort = int(env, 'PAAS_KUBERNETES_API_PORT', 6443);
  if (apiPort + 7 > 65535) throw new Error(`PAAS_KUBERNETES_API_PORT leaves no room for the cluster's seven other ports, got "${apiPort}"`);
  const podSubnet = env.PAAS_KUBERNETES_POD_SUBNET || '10.244.0.0/24';
  // a /24 of private IPv4 space: the bridge's gateway is its .1 and the host routes it locally
  const m = /^(10|172|192)\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(podSubnet);
  if (!m || m.slice(2).some((o) => Number(o) > 255))
    throw new Error(`PAAS_KUBERNETES_POD_SUBNET must be a private IPv4 /24 such as 10.244.0.0/24, got "${podSubnet}"`);
  const nodeIp = env.PAAS_KUBERNETES_NODE_IP || undefined;
  if (nodeIp && !/^\d{1,3}(\.\d{1,3}){3}$/.test(nodeIp)) throw new Error(`PAAS_KUBERNETES_NODE_IP must be an IPv4 address, got "${nodeIp}"`);
  return { mode, kubeconfig: env.KUBECONFIG || undefined, apiPort, podSubnet, nodeIp };
}

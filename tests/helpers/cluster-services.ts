// What a test that installs something on the e2e stack's embedded cluster needs from the
// supervisor: the cluster's programs (kubectl, ctr), its containerd's socket, the local pause
// image, and a second platform's services without gateway and worker (its own PostgreSQL,
// Temporal, MinIO, registry, edge and site server) for a control plane that runs elsewhere.
import {
  edgePaths,
  embeddedContainerdSocket,
  KUBERNETES_VERSION,
  PAUSE_IMAGE,
  readStackConfig,
  sitePaths,
  startStack,
  type RunningStack,
} from '@paas/supervisor';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export { PAUSE_IMAGE };

/** A program of the embedded cluster (kubectl, ctr), as scripts/ensure/kubernetes.mjs built it. */
export function clusterProgram(name: 'kubectl' | 'ctr'): string {
  return join(readStackConfig(root).cacheDir, 'kubernetes', KUBERNETES_VERSION, 'bin', name);
}

/** The node containerd's socket of the cluster that the stack of `stackDataDir` runs. */
export function clusterContainerdSocket(stackDataDir: string): string {
  return embeddedContainerdSocket(stackDataDir);
}

export interface PlatformServices {
  stack: RunningStack;
  /** The edge's admin socket and routes map are in it. */
  edgeDir: string;
  sitesDir: string;
}

/** The platform of `env` (PAAS_DATA_DIR, ports) without its gateway and worker; its migrations are applied. */
export async function startPlatformServices(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<PlatformServices> {
  const config = readStackConfig(root, env);
  const stack = await startStack(config, { apps: false, restartCrashed: false, log });
  return { stack, edgeDir: edgePaths(config.dataDir).dir, sitesDir: sitePaths(config.dataDir).sitesDir };
}

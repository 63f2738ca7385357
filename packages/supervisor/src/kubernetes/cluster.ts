// The embedded single-node cluster: certificates, a containerd of its own, etcd and the control
// plane, the kubelet, then (node Ready) the RuntimeClasses and metrics-server. State is in
// <data dir>/kubernetes; a second start reuses the CA, the certificates and etcd's data.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { ManagedProcess } from '../managed-process.js';
import { httpOk, tcpOpen, waitFor } from '../wait.js';
import { applyAll, clusterAdminsBinding, metricsServer, runtimeClasses, sandboxRuntimes, type SandboxRuntime } from './addons.js';
import { ensureCertificates, kubeconfigOf } from './certificates.js';
import { killShims, removeNatRules, shimPids, unmountUnder } from './cleanup.js';
import { containerdProcess, importImages, removeBridge, stopAllPods, stopAllTasks, waitForContainerd, writeContainerdConfig } from './containerd.js';
import { apiServerProcess, controllerManagerProcess, etcdProcess, schedulerProcess } from './control-plane.js';
import { kubeletProcess } from './kubelet.js';
import { removeCgroupRoot } from './cgroup-root.js';
import { cleanupKubeProxyRules, kubeProxyHealthUrl, kubeProxyProcess } from './kube-proxy.js';
import { sweepDeadClusters, writeOwner } from './dead-clusters.js';
import { clusterLayout, type ClusterLayout, type ClusterOptions } from './layout.js';

export interface EmbeddedCluster {
  layout: ClusterLayout;
  /** cluster-admin; what the gateway and the worker get as KUBECONFIG. */
  kubeconfig: string;
  /** The sandbox runtimes the node supports, preferred first (also in <data dir>/kubernetes/sandbox-runtimes.json). */
  sandboxRuntimes: SandboxRuntime[];
  /** True when this start made a new CA (a first start on this data dir). */
  createdCa: boolean;
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

const SANDBOX_FILE = 'sandbox-runtimes.json';

/** Which sandbox runtimes the embedded cluster of this data dir supports (written at its start). */
export function readSandboxRuntimes(dataDir: string): SandboxRuntime[] {
  const file = join(dataDir, 'kubernetes', SANDBOX_FILE);
  if (!existsSync(file)) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? parsed.filter((r): r is SandboxRuntime => r === 'gvisor' || r === 'kata') : [];
}

/** /readyz of the API server, authenticated with the given kubeconfig's client certificate. */
async function apiReady(kc: KubeConfig): Promise<boolean> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) return false;
  const opts: import('node:https').RequestOptions = { method: 'GET', timeout: 3_000 };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve) => {
    const req = request(`${server}/readyz`, opts, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

/**
 * Ready as reported by the kubelet started at `since`: after a restart the node keeps the Ready
 * condition of the previous run until the node controller's grace period ends, so a stale Ready
 * (heartbeat older than this kubelet) says nothing about the kubelet now running.
 */
async function nodeReady(kc: KubeConfig, name: string, since: number): Promise<boolean> {
  const node = await kc.makeApiClient(CoreV1Api).readNode({ name });
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return false;
  // heartbeats have whole seconds
  const heartbeat = ready.lastHeartbeatTime ? new Date(ready.lastHeartbeatTime).getTime() : 0;
  return heartbeat >= Math.floor(since / 1000) * 1000;
}

/** Two bridges on one subnet would split the pods' route: another network holding it (a live cluster's, after the sweep of dead ones) stops the start. */
function subnetFree(bridge: string, podSubnet: string): void {
  const prefix = `${podSubnet.split('.').slice(0, 3).join('.')}.`;
  for (const [name, addrs] of Object.entries(networkInterfaces())) {
    if (name === bridge) continue;
    if ((addrs ?? []).some((a) => a.family === 'IPv4' && a.address.startsWith(prefix))) {
      throw new Error(`the pods' subnet ${podSubnet} is already used by network interface ${name}; set PAAS_KUBERNETES_POD_SUBNET to another /24`);
    }
  }
}

function kubeConfigFrom(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

export async function startEmbeddedCluster(options: ClusterOptions): Promise<EmbeddedCluster> {
  const layout = clusterLayout(options);
  const log = (line: string) => options.log(`kubernetes: ${line}`);
  if (!existsSync(join(layout.bin, 'kube-apiserver')) || !existsSync(join(layout.images, 'pause.tar'))) {
    throw new Error(`the embedded Kubernetes cluster is not built (${layout.bin}); run: PAAS_KUBERNETES=embedded node scripts/ensure-system.mjs`);
  }
  for (const [name, port] of Object.entries(layout.ports)) {
    if (await tcpOpen('127.0.0.1', port, 300)) {
      throw new Error(`port ${port} (the embedded cluster's ${name}, from PAAS_KUBERNETES_API_PORT=${options.apiPort}) is in use; choose another`);
    }
  }
  for (const line of await sweepDeadClusters(layout)) log(line);
  subnetFree(layout.bridge, options.podSubnet);
  mkdirSync(layout.dir, { recursive: true, mode: 0o700 });
  const processes: ManagedProcess[] = [];
  const byName = new Map<string, ManagedProcess>();
  const start = (proc: ManagedProcess) => {
    processes.push(proc);
    byName.set(proc.spec.name, proc);
    proc.start();
    return proc;
  };
  const t0 = Date.now();
  let phase = Date.now();
  const done = (what: string) => {
    log(`${what} in ${((Date.now() - phase) / 1000).toFixed(1)} s`);
    phase = Date.now();
  };

  const stop = async () => {
    const t = Date.now();
    // the kubelet first, so that nothing restarts the pods being stopped
    await byName.get('k8s-kubelet')?.stop();
    const containerd = byName.get('k8s-containerd');
    if (containerd?.running) {
      await stopAllPods(layout)
        .then((said) => log(said))
        .catch((err: Error) => log(`stopping the pods through the CRI: ${err.message}`));
      await stopAllTasks(layout).catch((err: Error) => log(`stopping the remaining tasks: ${err.message}`));
    }
    await containerd?.stop();
    const strays = killShims(layout);
    if (strays) log(`killed ${strays} shim(s) left after their tasks`);
    if (byName.get('k8s-kube-proxy')) {
      await byName.get('k8s-kube-proxy')?.stop();
      await cleanupKubeProxyRules(layout);
    }
    for (const name of ['k8s-scheduler', 'k8s-controller-manager', 'k8s-apiserver', 'k8s-etcd']) await byName.get(name)?.stop();
    await removeBridge(layout);
    await removeNatRules(`paas-k8s-${layout.id}`).catch((err: Error) => log(`removing the pods' NAT rules: ${err.message}`));
    removeCgroupRoot(layout);
    const stuck = await unmountUnder(layout);
    if (stuck.length) log(`mounts still present after stop: ${stuck.join(', ')}`);
    // containerd's and runsc's short-lived state: nothing runs any more that needs it
    else rmSync(layout.runtimeState, { recursive: true, force: true });
    log(`stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };

  try {
    // After a hard kill of the stack, the pods' shims still run and hold their mounts. Adopting
    // them proved unreliable (containerd 2.4 kept a sandbox of a killed run "ready" and the kubelet
    // recreated its pod in a loop), so they are stopped through the CRI before the kubelet starts,
    // and the kubelet starts every pod afresh. With no shim left, any mount left is stale.
    const leftoverShims = shimPids(layout).length;
    if (!leftoverShims) await unmountUnder(layout);
    const createdCa = await ensureCertificates(layout);
    done(createdCa ? 'made a new CA, certificates and kubeconfigs' : 'reused the certificates');

    const containerd = start(containerdProcess(layout, writeContainerdConfig(layout, options.registryAddress, options.podSubnet)));
    writeOwner(layout);
    const etcd = start(etcdProcess(layout));
    await waitForContainerd(layout, containerd);
    await importImages(layout, [join(layout.images, 'pause.tar'), join(layout.images, 'metrics-server.tar')]);
    if (leftoverShims) {
      log(`a previous run was killed: stopping the ${leftoverShims} pod(s) it left (${await stopAllPods(layout)})`);
      await stopAllTasks(layout);
    }
    done('containerd up with the local images');

    const apiserver = start(apiServerProcess(layout));
    const superAdmin = kubeConfigFrom(kubeconfigOf(layout, 'super-admin'));
    await waitFor('kube-apiserver', () => apiReady(superAdmin), {
      timeoutMs: 120_000,
      intervalMs: 300,
      failFast: Promise.race([apiserver.whenExited(), etcd.whenExited()]),
      diagnostics: () => `${apiserver.tail()}\n--- etcd:\n${etcd.tail()}`,
    });
    await applyAll(superAdmin, [clusterAdminsBinding]);
    done('etcd and kube-apiserver ready');

    start(controllerManagerProcess(layout));
    start(schedulerProcess(layout));
    const kubeletStartedAt = Date.now();
    const kubelet = start(kubeletProcess(layout));
    const admin = kubeConfigFrom(layout.adminKubeconfig);
    await waitFor('the Kubernetes node', () => nodeReady(admin, layout.nodeName, kubeletStartedAt), {
      timeoutMs: 120_000,
      intervalMs: 300,
      failFast: kubelet.whenExited(),
      diagnostics: () => kubelet.tail(30),
    });
    done(`node ${layout.nodeName} Ready`);

    if (options.serviceProxy) {
      // Services' cluster IPs from the host (the edge routes to them)
      const proxy = start(kubeProxyProcess(layout, options.podSubnet));
      await waitFor('kube-proxy', () => httpOk(kubeProxyHealthUrl(layout)), {
        timeoutMs: 60_000,
        intervalMs: 300,
        failFast: proxy.whenExited(),
        diagnostics: () => proxy.tail(30),
      });
      done('kube-proxy synced');
    }

    const runtimes = sandboxRuntimes();
    await applyAll(admin, [...runtimeClasses(runtimes), ...metricsServer(layout)]);
    writeFileSync(join(layout.dir, SANDBOX_FILE), JSON.stringify(runtimes));
    done(`RuntimeClasses (${runtimes.join(', ')}) and metrics-server applied`);
    log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { layout, kubeconfig: layout.adminKubeconfig, sandboxRuntimes: runtimes, createdCa, processes, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

// Medium tier, the embedded Kubernetes cluster: one real single-node cluster for the suite (the
// programs ensure-system builds) in a temp data dir, with a registry of its own it pulls from.
// It is started, stopped and started again on the same data dir, so the suite also sees what a
// second start reuses; the timings and the first CA are handed to the tests.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { readKubernetesConfig, startEmbeddedCluster, type EmbeddedCluster } from '@paas/supervisor';
import { registryProcess, waitForRegistry } from '@paas/supervisor/services/registry';
import { mountsUnder, shimPids } from '@paas/supervisor/kubernetes/cleanup';
import { PAUSE_IMAGE } from '@paas/supervisor/kubernetes/layout';
import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
import { freePort } from './free-port.js';
import { scratchDir } from './scratch-dir.js';

const run = promisify(execFile);
let stopAll: (() => Promise<void>) | undefined;

// a /24 of its own, beside `npm start`'s default 10.244.0.0/24
const POD_SUBNET = process.env.PAAS_TEST_KUBERNETES_POD_SUBNET || '10.244.77.0/24';

export async function setup(project: TestProject): Promise<void> {
  const data = scratchDir('kubernetes');
  const log = (l: string) => console.log(`[stack] ${l}`);
  const registry = registryProcess(data.dir, await freePort());
  const registryPort = Number(/127\.0\.0\.1:(\d+)/.exec(readFileSync(join(data.dir, 'registry', 'config.yml'), 'utf8'))?.[1]);
  let cluster: EmbeddedCluster | undefined;
  stopAll = async () => {
    await cluster?.stop();
    await registry.stop();
    data.remove();
  };
  registry.start();
  await waitForRegistry(registry, registryPort);
  const { nodeIp } = readKubernetesConfig(process.env);
  const options = {
    dataDir: data.dir,
    cacheDir: process.env.PAAS_CACHE_DIR || join(process.env.HOME || '/root', '.cache/paas'),
    apiPort: await freePort([1, 2, 3, 4, 5, 6, 7]),
    podSubnet: POD_SUBNET,
    nodeIp,
    registryAddress: `127.0.0.1:${registryPort}`,
    log,
  };

  let t0 = Date.now();
  cluster = await startEmbeddedCluster(options);
  const coldStartMs = Date.now() - t0;
  const firstCa = readFileSync(join(cluster.layout.pki, 'ca.crt'), 'utf8');
  const firstCreatedCa = cluster.createdCa;
  // a mark in etcd that the second start must still find
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name: 'kept-across-starts' }, data: { at: new Date().toISOString() } },
  });
  // a pod on the bridge (an address, iptables rules, a network namespace, mounts) for the stop to undo
  await runningPod(core);
  const { layout } = cluster;
  await cluster.stop();
  const afterFirstStop = {
    mounts: mountsUnder([layout.dir, layout.runtimeState]),
    shims: shimPids(layout).length,
    processes: cluster.processes.filter((p) => p.running).map((p) => p.spec.name),
    bridge: layout.bridge in networkInterfaces(),
    natRules: (await run('iptables-save', ['-t', 'nat'])).stdout.split('\n').filter((l) => l.includes(`paas-k8s-${layout.id}`)).length,
  };

  t0 = Date.now();
  cluster = await startEmbeddedCluster(options);
  const warmStartMs = Date.now() - t0;
  console.log(`[kubernetes] cold start to Ready ${(coldStartMs / 1000).toFixed(1)} s, warm start ${(warmStartMs / 1000).toFixed(1)} s`);

  project.provide('kubernetes', {
    kubeconfig: cluster.kubeconfig,
    dataDir: data.dir,
    registry: options.registryAddress,
    podSubnet: POD_SUBNET,
    nodeName: cluster.layout.nodeName,
    sandboxRuntimes: cluster.sandboxRuntimes,
    runtimeStateDir: cluster.layout.runtimeState,
    coldStartMs,
    warmStartMs,
    firstStart: { createdCa: firstCreatedCa, ca: firstCa },
    secondStart: { createdCa: cluster.createdCa },
    afterFirstStop,
  });
}

async function runningPod(core: CoreV1Api): Promise<void> {
  await waitForServiceAccount(core);
  await core.createNamespacedPod({
    namespace: 'default',
    body: {
      metadata: { name: 'stopped-with-the-cluster' },
      spec: { containers: [{ name: 'pause', image: PAUSE_IMAGE, imagePullPolicy: 'Never' }] },
    },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const pod = await core.readNamespacedPod({ name: 'stopped-with-the-cluster', namespace: 'default' });
    if (pod.status?.phase === 'Running' && pod.status.podIP) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the pod to stop with the cluster did not run within 60 s');
}

async function waitForServiceAccount(core: CoreV1Api): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

export async function teardown(): Promise<void> {
  await stopAll?.();
}

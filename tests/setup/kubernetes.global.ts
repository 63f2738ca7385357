// Medium tier, the embedded Kubernetes cluster: one real single-node cluster for the suite (the
// programs ensure-system builds) in a temp data dir, with a registry of its own it pulls from.
// On the same data dir it is started, stopped (a pod running), started again, hard-killed and
// started a third time, so the suite also sees what a stop leaves, what a second start reuses and
// how a start recovers from a kill; what was seen is handed to the tests.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { readKubernetesConfig, startEmbeddedCluster, type EmbeddedCluster } from '@paas/supervisor';
import { registryProcess, waitForRegistry } from '@paas/supervisor/services/registry';
import { mountsUnder, shimPids } from '@paas/supervisor/kubernetes/cleanup';
import { stopLeftovers } from '@paas/supervisor/leftovers';
import { PAUSE_IMAGE } from '@paas/supervisor/kubernetes/layout';
import { KubeConfig, CoreV1Api } from '@kubernetes/client-node';
import { plantCluster } from '../helpers/dead-cluster.js';
import { freePort, freePortBelowEphemeral } from './free-port.js';
import { scratchDir } from './scratch-dir.js';

const run = promisify(execFile);
let stopAll: (() => Promise<void>) | undefined;

// a /24 of its own, beside `npm start`'s 10.244.0.0/24, the e2e stack's and other test runs' (PAAS_TEST_PORT_OFFSET)
const offset = Number(process.env.PAAS_TEST_PORT_OFFSET || 0);
const POD_SUBNET = process.env.PAAS_TEST_KUBERNETES_POD_SUBNET || `10.244.${201 + (Math.floor(offset / 100) % 50)}.0/24`;
const LIVE_NEIGHBOUR_SUBNET = `10.245.${201 + (Math.floor(offset / 100) % 50)}.0/24`;

export async function setup(project: TestProject): Promise<void> {
  const data = scratchDir('kubernetes');
  // the registry's own dir: the hard-kill step below stops every leftover of the cluster's run dir
  const registryData = scratchDir('kubernetes-registry');
  const log = (l: string) => console.log(`[stack] ${l}`);
  const registryPort = await freePort();
  const registry = registryProcess(registryData.dir, registryPort);
  let cluster: EmbeddedCluster | undefined;
  stopAll = async () => {
    await cluster?.stop();
    await registry.stop();
    data.remove();
    registryData.remove();
  };
  registry.start();
  await waitForRegistry(registry, registryPort);
  const { nodeIp } = readKubernetesConfig(process.env);
  const options = {
    dataDir: data.dir,
    cacheDir: process.env.PAAS_CACHE_DIR || join(process.env.HOME || '/root', '.cache/paas'),
    apiPort: await freePortBelowEphemeral([1, 2, 3, 4, 5, 6, 7]),
    podSubnet: POD_SUBNET,
    nodeIp,
    registryAddress: `127.0.0.1:${registryPort}`,
    log,
  };

  // a cluster of another data dir killed on this pod subnet (the start must sweep it), and a live one beside it
  const dead = await plantCluster(POD_SUBNET);
  const live = await plantCluster(LIVE_NEIGHBOUR_SUBNET, { live: true });
  const stopPlanted = stopAll;
  stopAll = async () => {
    await stopPlanted();
    await dead.remove();
    await live.remove();
  };

  let t0 = Date.now();
  // the ports were free when chosen, but other suites' services pick ephemeral ports meanwhile:
  // if one took a port of the cluster's before it started, choose again (nothing started yet)
  for (let attempt = 1; ; attempt++) {
    try {
      cluster = await startEmbeddedCluster(options);
      break;
    } catch (err) {
      if (attempt === 3 || !/is in use; choose another/.test((err as Error).message)) throw err;
      log(`${(err as Error).message}: trying other ports`);
      options.apiPort = await freePortBelowEphemeral([1, 2, 3, 4, 5, 6, 7]);
    }
  }
  const coldStartMs = Date.now() - t0;
  const planted = { dead: await dead.remains(), live: await live.remains() };
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
  const podOfFirstStart = await runningPod(core);
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

  // a hard kill, as when the stack is SIGKILLed and its leftovers are stopped at the next start:
  // the pod that runs meanwhile must be adopted, not broken
  // the API shows the first start's container until the kubelet reports the one it made again
  const podBefore = await runningPod(core, podOfFirstStart.containerId);
  const shimsBefore = shimPids(cluster.layout);
  await hardKill(join(data.dir, 'run'));
  await stopLeftovers(join(data.dir, 'run'));
  t0 = Date.now();
  cluster = await startEmbeddedCluster(options);
  const afterHardKillMs = Date.now() - t0;
  const podAfter = await runningPod(core, podBefore.containerId);
  const shimsLeft = shimsBefore.filter((pid) => shimPids(cluster.layout).includes(pid)).length;
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
    planted,
    afterHardKill: { startMs: afterHardKillMs, podBefore, podAfter, shimsBefore: shimsBefore.length, shimsLeft },
  });
}

/** A bare pod on the bridge, created if absent; returns its container and restart count once it runs. */
async function runningPod(core: CoreV1Api, notContainer?: string): Promise<{ containerId: string; restarts: number }> {
  await waitForServiceAccount(core);
  const name = 'stopped-with-the-cluster';
  await core
    .createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name }, spec: { containers: [{ name: 'pause', image: PAUSE_IMAGE, imagePullPolicy: 'Never' }] } },
    })
    .catch((err: { code?: number }) => {
      if (err.code !== 409) throw err;
    });
  // generous: on a loaded 2-core machine the kubelet may take a while to restart the pod's sandbox
  const deadline = Date.now() + 120_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const pod = await core.readNamespacedPod({ name, namespace: 'default' });
    last = pod.status;
    const status = pod.status?.containerStatuses?.[0];
    if (pod.status?.phase === 'Running' && pod.status.podIP && status?.ready && status.containerID && status.containerID !== notContainer) {
      return { containerId: status.containerID, restarts: status.restartCount };
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const events = await core.listNamespacedEvent({ namespace: 'default', fieldSelector: `involvedObject.name=${name}` });
  const seen = events.items.map((e) => `${e.reason}: ${e.message}`).join('\n');
  throw new Error(`the pod ${name} did not run within 120 s; its status: ${JSON.stringify(last)}\nits events:\n${seen}`);
}

/** SIGKILL every process the cluster recorded, as a crash would, and waits until they are gone. */
async function hardKill(runDir: string): Promise<void> {
  const pids = readdirSync(runDir)
    .filter((f) => f.startsWith('k8s-') && f.endsWith('.pid'))
    .map((f) => Number(readFileSync(join(runDir, f), 'utf8')));
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  const deadline = Date.now() + 30_000;
  while (pids.some((pid) => existsSync(`/proc/${pid}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
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

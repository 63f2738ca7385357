// The embedded cluster, for real (tests/setup/kubernetes.global.ts starts it twice on one data dir):
// its node is Ready, it runs an image of the platform's registry by digest, pods answer from the
// host at their addresses, gVisor sandboxes pods, metrics.k8s.io answers, and a second start
// reuses the first one's CA and etcd data.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack } from 'tar-fs';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_BASE_IMAGE, ensureTestBaseImage } from '../helpers/base-image.js';
import { docker } from '../helpers/docker.js';

const k8s = inject('kubernetes');
const kc = new KubeConfig();
kc.loadFromFile(k8s.kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const namespace = 'embedded-cluster-test';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end();
  });
}

/** Builds a tiny httpd image on the test base image, pushes it to the cluster's registry, returns its digest reference. */
async function pushHttpdImage(marker: string): Promise<string> {
  await ensureTestBaseImage();
  const dir = mkdtempSync(join(tmpdir(), 'paas-k8s-image-'));
  const tag = `${k8s.registry}/k8s-test/httpd:${Date.now()}`;
  try {
    writeFileSync(join(dir, 'index.html'), marker);
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${TEST_BASE_IMAGE}\nCOPY index.html /www/index.html\nUSER 65534\nCMD ["httpd", "-f", "-p", "8080", "-h", "/www"]\n`,
    );
    const build = await docker.buildImage(pack(dir), { t: tag });
    await new Promise((resolve, reject) => docker.modem.followProgress(build, (err: Error | null) => (err ? reject(err) : resolve(undefined))));
    // the engine wants an auth header even for a registry without auth
    // the typings say void; the engine's answer is the progress stream (as in activities' docker adapter)
    const push = await (docker.getImage(tag).push({ authconfig: {} } as never) as unknown as Promise<NodeJS.ReadableStream>);
    let digest: string | undefined;
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(
        push,
        (err: Error | null) => (err ? reject(err) : resolve(undefined)),
        (event: { aux?: { Digest?: string }; error?: string }) => {
          if (event.aux?.Digest) digest = event.aux.Digest;
          if (event.error) reject(new Error(event.error));
        },
      ),
    );
    if (!digest) throw new Error('the push reported no digest');
    return `${tag.slice(0, tag.lastIndexOf(':'))}@${digest}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await docker
      .getImage(tag)
      .remove()
      .catch(() => undefined);
  }
}

async function podsOf(app: string): Promise<V1Pod[]> {
  return (await core.listNamespacedPod({ namespace, labelSelector: `app=${app}` })).items;
}

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  // the namespace's default ServiceAccount, which pods need, comes from the controller manager
  await until('the default ServiceAccount', async () => (await core.readNamespacedServiceAccount({ name: 'default', namespace })) ?? undefined, 60_000);
});

afterAll(async () => {
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('the embedded Kubernetes cluster', () => {
  it('has a Ready node, started cold and warm within bounds', async () => {
    const node = await core.readNode({ name: k8s.nodeName });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.35.4');
    console.log(`[kubernetes] cold start ${(k8s.coldStartMs / 1000).toFixed(1)} s, warm start ${(k8s.warmStartMs / 1000).toFixed(1)} s`);
    expect(k8s.coldStartMs).toBeLessThan(180_000);
    expect(k8s.warmStartMs).toBeLessThan(120_000);
  });

  it('a second start on the same data dir reuses the CA and the etcd data', async () => {
    expect(k8s.firstStart.createdCa).toBe(true);
    expect(k8s.secondStart.createdCa).toBe(false);
    expect(readFileSync(join(k8s.dataDir, 'kubernetes', 'pki', 'ca.crt'), 'utf8')).toBe(k8s.firstStart.ca);
    const kept = await core.readNamespacedConfigMap({ name: 'kept-across-starts', namespace: 'default' });
    expect(kept.data?.at).toBeTruthy();
  });

  it('a stop leaves no process, shim, mount, bridge or NAT rule behind (a pod was running)', () => {
    expect(k8s.afterFirstStop).toEqual({ mounts: [], shims: 0, processes: [], bridge: false, natRules: 0 });
  });

  it('recovers from a hard kill of every cluster process: the next start stops the orphaned pods and runs them afresh', () => {
    const { startMs, podBefore, podAfter, shimsBefore, shimsLeft } = k8s.afterHardKill;
    console.log(`[kubernetes] start after a hard kill ${(startMs / 1000).toFixed(1)} s`);
    expect(shimsBefore).toBeGreaterThan(0);
    expect(shimsLeft).toBe(0);
    // the setup fails unless the pod runs again, in a container other than the killed run's
    expect(podAfter.containerId).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(podBefore.containerId).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(startMs).toBeLessThan(120_000);
  });

  it('sweeps what a killed cluster of another data dir left on its pod subnet (the start would refuse otherwise), and spares a live one', () => {
    const { dead, live } = k8s.planted;
    expect(dead).toEqual({ bridge: false, netns: false, mounts: 0, cgroup: false, process: false, natRules: 0, runtimeDir: false });
    expect(live).toEqual({ bridge: true, netns: true, mounts: 2, cgroup: true, process: true, natRules: 1, runtimeDir: true });
  });

  it('runs an image of the registry by digest as a 2-replica Deployment whose pods answer from the host', async () => {
    const marker = `hello from kubernetes ${Date.now()}`;
    const image = await pushHttpdImage(marker);
    expect(image).toMatch(/@sha256:[0-9a-f]{64}$/);
    const t0 = Date.now();
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'httpd' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'httpd' } },
          template: {
            metadata: { labels: { app: 'httpd' } },
            spec: {
              containers: [
                {
                  name: 'httpd',
                  image,
                  ports: [{ containerPort: 8080 }],
                  readinessProbe: { httpGet: { path: '/index.html', port: 8080 }, periodSeconds: 1 },
                  resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 65534 },
                },
              ],
            },
          },
        },
      },
    });
    await until(
      'the Deployment Available with 2 ready replicas',
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'httpd', namespace });
        const available = d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
        return available && d.status?.readyReplicas === 2 ? d : undefined;
      },
      120_000,
    );
    console.log(`[kubernetes] 2-replica Deployment available in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const pods = await podsOf('httpd');
    const ips = pods.map((p) => p.status?.podIP).filter((ip): ip is string => !!ip);
    expect(new Set(ips).size).toBe(2);
    const prefix = k8s.podSubnet.split('.').slice(0, 3).join('.');
    for (const ip of ips) {
      expect(ip.startsWith(`${prefix}.`)).toBe(true);
      const res = await httpGet(`http://${ip}:8080/index.html`);
      expect(res).toEqual({ status: 200, body: marker });
    }
    expect(pods.every((p) => p.status?.containerStatuses?.[0]?.imageID?.endsWith(image.split('@')[1]))).toBe(true);
  });

  it('runs a pod under the gvisor RuntimeClass with gVisor as its kernel', async () => {
    expect(k8s.sandboxRuntimes).toContain('gvisor');
    const image = await pushHttpdImage('sandboxed');
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: 'sandboxed', labels: { app: 'sandboxed' } },
        spec: {
          runtimeClassName: 'gvisor',
          restartPolicy: 'Never',
          containers: [{ name: 'uname', image, command: ['/bin/sh', '-c', 'uname -r; dmesg | head -n 3'] }],
        },
      },
    });
    const phase = await until(
      'the sandboxed pod to finish',
      async () => {
        const p = await core.readNamespacedPod({ name: 'sandboxed', namespace });
        return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed' ? p.status.phase : undefined;
      },
      120_000,
    );
    const logs = await core.readNamespacedPodLog({ name: 'sandboxed', namespace });
    console.log(`[kubernetes] gVisor pod said:\n${logs}`);
    expect(phase).toBe('Succeeded');
    expect(logs).toMatch(/gvisor/i);
  });

  it('serves pod metrics through metrics.k8s.io', async () => {
    const metrics = await until(
      'pod metrics for the httpd pods',
      async () => {
        const list = (await custom.listNamespacedCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', namespace, plural: 'pods' })) as {
          items: { metadata: { name: string }; containers: { usage: { cpu: string; memory: string } }[] }[];
        };
        const httpd = list.items.filter((i) => i.metadata.name.startsWith('httpd-'));
        return httpd.length === 2 ? httpd : undefined;
      },
      150_000,
    );
    for (const m of metrics) {
      expect(m.containers[0]?.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
      expect(m.containers[0]?.usage.memory).toMatch(/^\d+(Ki|Mi)?$/);
    }
  });

  it('reports its idle memory (PSS of the cluster processes)', () => {
    const runDir = join(k8s.dataDir, 'run');
    let totalKb = 0;
    const each: string[] = [];
    for (const f of readdirSync(runDir).filter((f) => f.startsWith('k8s-') && f.endsWith('.pid'))) {
      const pid = readFileSync(join(runDir, f), 'utf8').trim();
      const rollup = `/proc/${pid}/smaps_rollup`;
      if (!existsSync(rollup)) continue;
      const kb = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(rollup, 'utf8'))?.[1] ?? 0);
      totalKb += kb;
      each.push(`${f.slice(4, -4)} ${Math.round(kb / 1024)} MB`);
    }
    console.log(`[kubernetes] idle PSS ${Math.round(totalKb / 1024)} MB: ${each.join(', ')}`);
    expect(each.length).toBe(6);
    expect(totalKb).toBeGreaterThan(0);
  });
});

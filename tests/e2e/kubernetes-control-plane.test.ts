// The control plane on Kubernetes (deploy/kubernetes/): the project's own gateway and worker
// images, built here and imported into the embedded cluster's containerd, installed with
// `kubectl apply -k` as two Deployments of two replicas each; /healthz answers through the
// gateway's Service, and an app deployed through that gateway goes LIVE behind the edge.
//
// The in-cluster control plane gets services of its own, never the test stack's (a second
// worker on the same Temporal task queue would take the stack's work, and a second writer of
// the same edge would overwrite its routes): PostgreSQL, Temporal, MinIO, the registry, the edge
// and the site server of a second platform started here without gateway and worker. Its
// PostgreSQL, Temporal and MinIO listen on loopback only; pods reach them through forwarders
// bound to the cluster bridge's address alone, which the install's EndpointSlices name (the
// "external" services of a real install). The worker shares the node's network, like the
// worker of docker-compose.yml, and reaches the rest on loopback.
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clusterContainerdSocket, clusterProgram, PAUSE_IMAGE, startPlatformServices, type PlatformServices } from '../helpers/cluster-services.js';
import { removeTestContainers } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { ownPlatformEnv } from '../helpers/own-platform-env.js';
import { buildPlatformImages, PLATFORM_IMAGES } from '../helpers/platform-images.js';
import { forwardTcp, type Forwarder } from '../helpers/tcp-forwarder.js';
import { until } from '../helpers/wait.js';

const root = resolve(import.meta.dirname, '../..');
const NAMESPACE = 'paas-system';
const BRIDGE_POD = 'kcp-bridge-address';
const offset = Number(process.env.PAAS_TEST_PORT_OFFSET || 0);
// below 32768 (the kernel's ephemeral range), apart from the test stack's and npm start's
const port = (p: number) => String(p + offset);
const ports = {
  PAAS_PORT: port(24100), // no gateway on the host: only checked to be free
  PAAS_EDGE_PORT: port(24180),
  PAAS_SITE_PORT: port(24181),
  PAAS_PG_PORT: port(24432),
  PAAS_TEMPORAL_PORT: port(24233),
  PAAS_REGISTRY_PORT: port(24500),
  PAAS_S3_PORT: port(24900),
};
const timings: Record<string, number> = {};

/** Asynchronous: the forwarders in this process must keep accepting while kubectl waits. */
function kubectl(args: string[]): Promise<string> {
  return run(clusterProgram('kubectl'), args, { env: { ...process.env, KUBECONFIG: inject('kubeconfig') } });
}

function ctr(args: string[], input?: NodeJS.ReadableStream): Promise<string> {
  return run(clusterProgram('ctr'), ['--address', clusterContainerdSocket(inject('dataDir')), '-n', 'k8s.io', ...args], { input });
}

function run(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: NodeJS.ReadableStream } = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    if (opts.input) opts.input.pipe(child.stdin);
    else child.stdin.end();
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out}`))));
  });
}

/** `docker save` of both images into the node's containerd (shared layers once). */
async function importImages(): Promise<void> {
  const save = spawn('/usr/bin/docker', ['save', PLATFORM_IMAGES.gateway, PLATFORM_IMAGES.worker], { stdio: ['ignore', 'pipe', 'inherit'] });
  const saved = new Promise<void>((ok, fail) => save.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`docker save exited ${code}`)))));
  await ctr(['images', 'import', '-'], save.stdout);
  await saved;
}

interface Answer {
  status: number;
  body: string;
}

function http(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the control plane on Kubernetes (deploy/kubernetes)', () => {
  const work = mkdtempSync(join(tmpdir(), 'paas-kcp-'));
  chmodSync(work, 0o711); // PostgreSQL's own user must reach the data dir below it
  const dataDir = join(work, 'data');
  const overlay = join(work, 'overlay');
  const repo = new FixtureRepo();
  const forwarders: Forwarder[] = [];
  let services: PlatformServices | undefined;
  let stack: PlatformServices['stack'] | undefined;
  let imported = false;
  let gatewayUrl = '';
  let adminToken = '';
  let appId: string | undefined;

  const gql = async (query: string, variables: Record<string, unknown> = {}, token: string | null = adminToken) => {
    const a = await http(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: a.status, ...(JSON.parse(a.body) as { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] }) };
  };

  beforeAll(async () => {
    let t = Date.now();
    await buildPlatformImages();
    timings.buildImages = Date.now() - t;

    // the in-cluster plane's own services: a platform without gateway and worker
    t = Date.now();
    const env = ownPlatformEnv(ports, { PAAS_DATA_DIR: dataDir });
    services = await startPlatformServices(env, (l) => console.log(`[kcp stack] ${l}`));
    stack = services.stack;
    timings.ownServices = Date.now() - t;

    // pods reach the host at their bridge's gateway address (.1 of the pod subnet), which the
    // bridge gets with its first pod on the pod network: a pause pod makes sure there was one
    const podSubnet = process.env.PAAS_KUBERNETES_POD_SUBNET;
    if (!podSubnet) throw new Error('PAAS_KUBERNETES_POD_SUBNET is not set: the e2e stack runs no embedded cluster');
    const bridgeAddress = podSubnet.replace(/\.0\/24$/, '.1');
    const hostHas = (a: string) => Object.values(networkInterfaces()).some((addrs) => addrs?.some((x) => x.address === a));
    if (!hostHas(bridgeAddress)) {
      await kubectl(['-n', 'default', 'run', BRIDGE_POD, `--image=${PAUSE_IMAGE}`, '--image-pull-policy=Never', '--restart=Never']);
      await until(`the cluster bridge to have ${bridgeAddress}`, () => hostHas(bridgeAddress), 60_000);
      await kubectl(['-n', 'default', 'delete', 'pod', BRIDGE_POD, '--wait=false']);
    }
    const db = new URL(stack.env.DATABASE_URL!);
    const [pg, temporal, s3] = await Promise.all([
      forwardTcp(bridgeAddress, { host: '127.0.0.1', port: Number(db.port) }),
      forwardTcp(bridgeAddress, { host: '127.0.0.1', port: stack.config.temporalPort }),
      forwardTcp(bridgeAddress, { host: '127.0.0.1', port: stack.config.s3Port }),
    ]);
    forwarders.push(pg, temporal, s3);

    repo.commit(busyboxApp({ body: 'served by the control plane on Kubernetes\n' }));
    adminToken = stack.adminToken;

    // the install's overlay: the base as it is, plus what is specific to this host
    writeOverlay(overlay, {
      base: relative(overlay, join(root, 'deploy/kubernetes/base')),
      secrets: {
        DATABASE_USER: decodeURIComponent(db.username),
        DATABASE_PASSWORD: decodeURIComponent(db.password),
        DATABASE_NAME: db.pathname.slice(1),
        S3_ACCESS_KEY: stack.env.S3_ACCESS_KEY!,
        S3_SECRET_KEY: stack.env.S3_SECRET_KEY!,
        PAAS_ADMIN_TOKEN: adminToken,
        PAAS_MASTER_KEY: stack.env.PAAS_MASTER_KEY!,
        PAAS_JWT_SECRET: stack.env.PAAS_JWT_SECRET!,
      },
      config: {
        PAAS_BASE_DOMAIN: stack.config.baseDomain,
        PAAS_EDGE_PORT: String(stack.config.edgePort),
        REGISTRY_ADDRESS: `127.0.0.1:${stack.config.registryPort}`,
        PAAS_SITE_UPSTREAM: `127.0.0.1:${stack.config.sitePort}`,
        PAAS_GIT_FILE_ROOTS: tmpdir(),
      },
      endpoints: { postgres: pg, temporal, 'object-storage': s3 },
      edgeDir: services.edgeDir,
      sitesDir: services.sitesDir,
      repoDir: repo.dir,
    });

    t = Date.now();
    await importImages();
    imported = true;
    timings.importImages = Date.now() - t;
  }, 900_000);

  afterAll(async () => {
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    try {
      await kubectl(['-n', 'default', 'delete', 'pod', BRIDGE_POD, '--ignore-not-found', '--wait=false']);
      await kubectl(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=true', '--timeout=120s']);
    } catch (err) {
      console.error(err);
    }
    if (imported) for (const image of Object.values(PLATFORM_IMAGES)) await ctr(['images', 'rm', `docker.io/${image}`]).catch((err) => console.error(err));
    for (const f of forwarders) await f.close();
    if (stack) {
      await removeTestContainers(`127.0.0.1:${stack.config.registryPort}/`).catch((err) => console.error(err));
      await stack.stop();
    }
    repo.remove();
    rmSync(work, { recursive: true, force: true });
    console.log(`[kcp] timings (ms): ${JSON.stringify(timings)}`);
  }, 300_000);

  it('installs with kubectl apply -k: both Deployments available with 2 ready replicas', async () => {
    const t = Date.now();
    await kubectl(['apply', '-k', overlay]);
    for (const d of ['gateway', 'worker']) await kubectl(['-n', NAMESPACE, 'rollout', 'status', `deployment/${d}`, '--timeout=240s']);
    timings.applyToAvailable = Date.now() - t;

    const kc = new KubeConfig();
    kc.loadFromFile(inject('kubeconfig'));
    const apps = kc.makeApiClient(AppsV1Api);
    for (const name of ['gateway', 'worker']) {
      const { status } = await apps.readNamespacedDeployment({ name, namespace: NAMESPACE });
      expect({ name, ready: status?.readyReplicas, available: status?.availableReplicas }).toEqual({ name, ready: 2, available: 2 });
    }
    const svc = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'gateway', namespace: NAMESPACE });
    gatewayUrl = `http://${svc.spec!.clusterIP}:4000`;
  }, 300_000);

  it('GET /healthz through the gateway Service: 200, every dependency up (the worker-side ones as the workers report them)', async () => {
    const health = await http(`${gatewayUrl}/healthz`);
    expect(health.status, health.body).toBe(200);
    const report = JSON.parse(health.body) as { status: string; dependencies: Record<string, { state: string }> };
    expect(report.status).toBe('ok');
    for (const dep of ['database', 'temporal', 'docker', 'registry', 'objectStorage', 'edge', 'siteServer'])
      expect(report.dependencies[dep], dep).toEqual({ state: 'up' });
  });

  it('the gateway Service refuses an unauthenticated mutation', async () => {
    const a = await gql(`mutation { createApp(input: { name: "kcp-intruder", gitUrl: "${repo.url}" }) { id } }`, {}, null);
    expect(a.status).toBe(401);
    expect(a.data?.createApp).toBeUndefined();
  });

  it('an app deployed through the in-cluster gateway goes LIVE and answers through the edge', async () => {
    const t = Date.now();
    const created = await gql(`mutation($input: CreateAppInput!) { createApp(input: $input) { id } }`, {
      input: { name: 'kcp-hello', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' },
    });
    expect(created.errors).toBeUndefined();
    appId = created.data!.createApp.id as string;
    const started = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: appId });
    expect(started.errors).toBeUndefined();
    const deploymentId = started.data!.deploy.id as string;
    let last: { status: string; error: string | null; steps: { name: string; status: string }[] } | undefined;
    await until(
      'the deployment to end',
      async () => {
        const d = await gql(`query($id: ID!) { deployment(id: $id) { status error steps { name status } } }`, { id: deploymentId });
        last = d.data!.deployment;
        return ['LIVE', 'FAILED', 'CANCELLED', 'SUPERSEDED'].includes(last!.status) && last!.steps.every((s) => !['PENDING', 'RUNNING'].includes(s.status));
      },
      180_000,
      500,
    );
    expect({ status: last!.status, error: last!.error }).toEqual({ status: 'LIVE', error: null });
    timings.deployToLive = Date.now() - t;

    // the second platform's edge, which only the in-cluster workers write to
    const served = await http(`http://127.0.0.1:${stack!.config.edgePort}/`, { headers: { host: `kcp-hello.${stack!.config.baseDomain}` } });
    expect(served).toEqual({ status: 200, body: 'served by the control plane on Kubernetes\n' });
    // and not the test stack's
    const other = await http(`http://127.0.0.1:${inject('edgePort')}/`, { headers: { host: `kcp-hello.${inject('baseDomain')}` } });
    expect(other.status).not.toBe(200);
  }, 240_000);
});

interface OverlayInput {
  base: string;
  secrets: Record<string, string>;
  config: Record<string, string>;
  endpoints: Record<string, Forwarder>;
  edgeDir: string;
  sitesDir: string;
  repoDir: string;
}

/** The overlay an operator writes for an install, here for this host (JSON is YAML). */
function writeOverlay(dir: string, o: OverlayInput): void {
  mkdirSync(dir, { recursive: true });
  const portNames: Record<string, string> = { postgres: 'postgres', temporal: 'grpc', 'object-storage': 's3' };
  writeFileSync(
    join(dir, 'secrets.env'),
    Object.entries(o.secrets)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 },
  );
  const slices = Object.entries(o.endpoints).map(([service, f]) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-external`, namespace: NAMESPACE, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports: [{ name: portNames[service], port: f.port, protocol: 'TCP' }],
    endpoints: [{ addresses: [f.address] }],
  }));
  writeFileSync(join(dir, 'external-endpoints.yaml'), slices.map((s) => JSON.stringify(s)).join('\n---\n'));
  const workerPatch = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'worker', namespace: NAMESPACE },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'worker',
              // HAProxy knows its map by the path in its config: the worker must name the same file
              env: [
                { name: 'EDGE_ADMIN_SOCKET', value: join(o.edgeDir, 'admin.sock') },
                { name: 'EDGE_ROUTES_MAP', value: join(o.edgeDir, 'routes.map') },
              ],
              volumeMounts: [
                { name: 'edge-run', mountPath: o.edgeDir },
                { name: 'fixture-repo', mountPath: o.repoDir, readOnly: true },
              ],
            },
          ],
          volumes: [
            { name: 'edge-run', hostPath: { path: o.edgeDir, type: 'Directory' } },
            { name: 'sites', hostPath: { path: o.sitesDir, type: 'DirectoryOrCreate' } },
            // the test's git repository, a file:// URL on this host
            { name: 'fixture-repo', hostPath: { path: o.repoDir, type: 'Directory' } },
          ],
        },
      },
    },
  };
  writeFileSync(join(dir, 'worker-patch.yaml'), JSON.stringify(workerPatch));
  const [gatewayName, gatewayTag] = PLATFORM_IMAGES.gateway.split(':');
  const [workerName, workerTag] = PLATFORM_IMAGES.worker.split(':');
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [o.base, 'external-endpoints.yaml'],
    secretGenerator: [{ name: 'paas-secrets', namespace: NAMESPACE, envs: ['secrets.env'] }],
    configMapGenerator: [{ name: 'paas-config', namespace: NAMESPACE, behavior: 'merge', literals: Object.entries(o.config).map(([k, v]) => `${k}=${v}`) }],
    images: [
      { name: 'paas/gateway', newName: gatewayName, newTag: gatewayTag },
      { name: 'paas/worker', newName: workerName, newTag: workerTag },
    ],
    patches: [{ path: 'worker-patch.yaml' }],
  };
  writeFileSync(join(dir, 'kustomization.yaml'), JSON.stringify(kustomization));
}

// Apps on Kubernetes through the contract, on the e2e stack's embedded cluster: replicas that
// answer through the edge, a broken release undone while the previous one serves under load,
// a rollback by digest, and a SANDBOXED app whose kernel is gVisor's.
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { request } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, DEPLOYMENT_FIELDS, gql, viaEdge, waitForDeployment, type DeploymentView } from '../helpers/graphql.js';
import { underLoad } from '../helpers/load.js';
import { recordHistory } from '../helpers/histories.js';
import { until } from '../helpers/wait.js';

const repos: FixtureRepo[] = [];
const appIds: string[] = [];
// the app also writes its pod's name and kernel where the edge can fetch them
const podFacts = 'hostname > /www/host.txt; (uname -r; dmesg 2>&1 | head -n 3) > /www/kernel.txt; exec httpd -f -p "$PORT" -h /www';

async function kubernetesApp(name: string, input: Record<string, unknown>, files = busyboxApp({ body: 'v1\n', cmd: podFacts })) {
  const repo = new FixtureRepo();
  repos.push(repo);
  repo.commit(files);
  const app = await createApp({ name, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', runtime: 'KUBERNETES', memoryMb: 64, cpus: 0.2, ...input });
  appIds.push(app.id);
  return { app, repo };
}

const appView = async (id: string) =>
  (await gql(`query($id: ID!) { app(id: $id) { runtime replicas isolation autoscale { minReplicas } } }`, { id })).app as Record<string, unknown>;

async function logsOf(deploymentId: string): Promise<string> {
  const d = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: deploymentId });
  return (d.deploymentLogs as { line: string }[]).map((l) => l.line).join('\n');
}

/** One GET through the edge over a connection of its own. */
function getOnce(appName: string, path: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: inject('edgePort'), path, agent: false, headers: { host: `${appName}.${inject('baseDomain')}`, connection: 'close' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(res.statusCode === 200 ? text.trim() : `HTTP ${res.statusCode}`));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Distinct answers of rounds of concurrent requests: the edge keeps idle connections to the
 * Service and reuses them, so only requests at the same time open several, which kube-proxy
 * spreads over the pods.
 */
async function distinctAnswers(appName: string, path: string, rounds = 6, concurrent = 8): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < rounds; i++) for (const body of await Promise.all(Array.from({ length: concurrent }, () => getOnce(appName, path)))) seen.add(body);
  return seen;
}

/** Deploys and expects LIVE, showing the error otherwise. */
async function deployLive(appId: string): Promise<DeploymentView> {
  const d = await waitForDeployment((await deploy(appId)).id);
  expect({ status: d.status, error: d.error }).toEqual({ status: 'LIVE', error: null });
  return d;
}

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  for (const r of repos) r.remove();
});

describe('apps on Kubernetes', () => {
  it('an app with runtime KUBERNETES and replicas 2 goes LIVE and answers through the edge from both pods', async () => {
    const { app } = await kubernetesApp('kube-two', { replicas: 2 });
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.error).toBeNull();
    expect(d.status).toBe('LIVE');
    expect(await viaEdge('kube-two')).toEqual({ status: 200, body: 'v1\n' });
    // the edge may reuse a connection to the Service for a while: ask until a new one reaches the other pod
    const pods = new Set<string>();
    await expect
      .poll(async () => (await distinctAnswers('kube-two', '/host.txt')).forEach((h) => pods.add(h)) ?? pods.size, { timeout: 30_000, interval: 500 })
      .toBe(2);
    expect([...pods].every((h) => h.startsWith('kube-two-'))).toBe(true);
    expect(await appView(app.id)).toEqual({ runtime: 'KUBERNETES', replicas: 2, isolation: 'STANDARD', autoscale: null });
    expect(await logsOf(d.id)).toMatch(/Rollout complete: 2 pods ready/);
  });

  it('a broken release is undone while the previous one keeps serving every request, with an error that says why', async () => {
    const { app, repo } = await kubernetesApp('kube-broken', { replicas: 2 });
    await deployLive(app.id);
    repo.commit(busyboxApp({ body: 'v2\n', cmd: podFacts, health: 'fail' }));
    let failed!: DeploymentView;
    const load = await underLoad(`kube-broken.${inject('baseDomain')}`, async () => {
      failed = await waitForDeployment((await deploy(app.id)).id);
    });
    await recordHistory(failed.workflowId, 'deploy-kubernetes-rollout-undone');
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/VERIFY failed: The new pods were not ready within \d+ s .*Readiness probe failed: HTTP probe failed with statuscode: 500/);
    expect(Object.fromEntries(failed.steps.map((s) => [s.name, s.status]))).toMatchObject({ RUN: 'COMPENSATED', VERIFY: 'FAILED' });
    expect(load.requests).toBeGreaterThan(50);
    expect({ non2xx: load.non2xx, errors: load.errors, timeouts: load.timeouts }).toEqual({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(load.bodies).toEqual(new Set(['v1']));
    expect(await viaEdge('kube-broken')).toEqual({ status: 200, body: 'v1\n' });
  });

  it('a crashing release is undone with the last lines the container wrote', async () => {
    const { app, repo } = await kubernetesApp('kube-crash', {});
    await deployLive(app.id);
    repo.commit(busyboxApp({ body: 'v2\n', cmd: 'echo "config file /etc/app.toml is missing" >&2; exit 3' }));
    const failed = await waitForDeployment((await deploy(app.id)).id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/keeps crashing \(CrashLoopBackOff, exit code 3.*config file \/etc\/app\.toml is missing/);
    expect(await viaEdge('kube-crash')).toEqual({ status: 200, body: 'v1\n' });
  });

  it('a rollback restores an earlier release by digest, without building', async () => {
    const { app, repo } = await kubernetesApp('kube-rb', {});
    const v1 = await waitForDeployment((await deploy(app.id)).id);
    repo.commit({ 'www/index.html': 'v2\n' });
    const v2 = await waitForDeployment((await deploy(app.id)).id);
    expect([v1.status, v2.status, v2.error]).toEqual(['LIVE', 'LIVE', null]);
    expect(await viaEdge('kube-rb')).toEqual({ status: 200, body: 'v2\n' });
    const started = (
      await gql(`mutation($appId: ID!, $to: ID) { rollback(appId: $appId, toDeploymentId: $to) { ${DEPLOYMENT_FIELDS} } }`, { appId: app.id, to: v1.id })
    ).rollback as DeploymentView;
    expect(started.imageRef).toBe(v1.imageRef);
    expect(started.imageRef).toMatch(/@sha256:[0-9a-f]{64}$/);
    const d = await waitForDeployment(started.id);
    await recordHistory(d.workflowId, 'deploy-kubernetes-rollback');
    expect(d.status).toBe('LIVE');
    expect(Object.fromEntries(d.steps.map((s) => [s.name, s.status]))).toMatchObject({ CLONE: 'SKIPPED', BUILD: 'SKIPPED', PUSH: 'SKIPPED', RUN: 'SUCCEEDED' });
    expect(await logsOf(d.id)).toContain(v1.imageRef!);
    expect(await viaEdge('kube-rb')).toEqual({ status: 200, body: 'v1\n' });
  });

  it('isolation SANDBOXED runs under gVisor: the kernel the app sees is gVisor’s, and the deployment says which runtime it got', async () => {
    const { app } = await kubernetesApp('kube-sandbox', { isolation: 'SANDBOXED' });
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.error).toBeNull();
    expect((await appView(app.id)).isolation).toBe('SANDBOXED');
    expect(await logsOf(d.id)).toMatch(/Pods run under RuntimeClass gvisor \(gVisor\)/);
    const standard = await viaEdge('kube-two', '/kernel.txt');
    const sandboxed = await viaEdge('kube-sandbox', '/kernel.txt');
    expect(sandboxed.status).toBe(200);
    // gVisor implements the Linux API itself: its kernel log is its own (a runc pod may not read the host's)
    expect(sandboxed.body).toMatch(/gvisor/i);
    expect(standard.body).not.toMatch(/gvisor/i);
  });

  it('updateApp(runtime) moves an app from Docker to Kubernetes and back without a failed request under load', async () => {
    const repo = new FixtureRepo();
    repos.push(repo);
    repo.commit(busyboxApp({ body: 'on docker\n' }));
    const app = await createApp({ name: 'kube-move', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', memoryMb: 64, cpus: 0.2 });
    appIds.push(app.id);
    await deployLive(app.id);
    const host = `kube-move.${inject('baseDomain')}`;

    await gql(`mutation($id: ID!) { updateApp(id: $id, input: { runtime: KUBERNETES, replicas: 2 }) { id } }`, { id: app.id });
    repo.commit({ 'www/index.html': 'on kubernetes\n' });
    let there!: DeploymentView;
    const toKubernetes = await underLoad(host, async () => (there = await waitForDeployment((await deploy(app.id)).id)), { settleMs: 2500 });
    await recordHistory(there.workflowId, 'deploy-kubernetes-from-docker');
    expect(there.error).toBeNull();
    // the bodies in the same comparison: a failed request's body (the edge's page) says what answered
    expect({ non2xx: toKubernetes.non2xx, errors: toKubernetes.errors, timeouts: toKubernetes.timeouts, bodies: [...toKubernetes.bodies].sort() }).toEqual({
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      bodies: ['on docker', 'on kubernetes'],
    });
    expect(await logsOf(there.id)).toMatch(/Retired old release paas-kube-move-/);

    await gql(`mutation($id: ID!) { updateApp(id: $id, input: { runtime: DOCKER, replicas: 1 }) { id } }`, { id: app.id });
    repo.commit({ 'www/index.html': 'on docker again\n' });
    let back!: DeploymentView;
    const toDocker = await underLoad(host, async () => (back = await waitForDeployment((await deploy(app.id)).id)), { settleMs: 2500 });
    await recordHistory(back.workflowId, 'deploy-docker-from-kubernetes');
    expect(back.error).toBeNull();
    // the bodies in the same comparison: a failed request's body (the edge's page) says what answered
    expect({ non2xx: toDocker.non2xx, errors: toDocker.errors, timeouts: toDocker.timeouts, bodies: [...toDocker.bodies].sort() }).toEqual({
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      bodies: ['on docker again', 'on kubernetes'],
    });
    expect(await logsOf(back.id)).toMatch(/Removed the app's Kubernetes objects \(paas-team-[0-9a-f-]+\/kube-move\)/);
    expect(await appView(app.id)).toMatchObject({ runtime: 'DOCKER', replicas: 1 });
  });

  it('deleting an app removes its Kubernetes objects: Deployment, Service, autoscaler, Secrets and pods', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject('kubeconfig'));
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const { app } = await kubernetesApp('kube-gone', {});
    await deployLive(app.id);
    const labelSelector = `dev.paas.app=${app.id}`;
    const left = async () =>
      (await apps.listDeploymentForAllNamespaces({ labelSelector })).items.length +
      (await core.listServiceForAllNamespaces({ labelSelector })).items.length +
      (await core.listSecretForAllNamespaces({ labelSelector })).items.length +
      (await core.listPodForAllNamespaces({ labelSelector })).items.length;
    expect(await left()).toBeGreaterThanOrEqual(4);
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: app.id });
    await until("the app's Kubernetes objects to go", async () => (await left()) === 0, 60_000, 500);
    expect((await viaEdge('kube-gone')).status).not.toBe(200);
  });
});

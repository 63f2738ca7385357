// Cancellation and scheduled redeploys of apps on Kubernetes behave as on Docker
// (release-lifecycle.test.ts, schedules.test.ts): a rollout cancelled while it waits for readiness
// is undone and the previous pods keep serving; a schedule deploys the branch head on the cluster.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, getDeployment, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { connectTemporal } from '../helpers/temporal.js';
import { until } from '../helpers/wait.js';

const repos: FixtureRepo[] = [];
const appIds: string[] = [];
let core: CoreV1Api;

beforeAll(() => {
  const kc = new KubeConfig();
  kc.loadFromFile(inject('kubeconfig'));
  core = kc.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  for (const r of repos) r.remove();
});

async function kubernetesApp(name: string, body: string) {
  const repo = new FixtureRepo();
  repos.push(repo);
  repo.commit(busyboxApp({ body }));
  const app = await createApp({ name, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', runtime: 'KUBERNETES', memoryMb: 64, cpus: 0.2 });
  appIds.push(app.id);
  return { app, repo };
}

/** The images the app's pods (terminating ones included) run. */
async function podImages(appId: string): Promise<string[]> {
  const pods = await core.listPodForAllNamespaces({ labelSelector: `dev.paas.app=${appId}` });
  return [...new Set(pods.items.flatMap((p) => (p.spec?.containers ?? []).map((c) => c.image ?? '')))].sort();
}

describe('cancellation on Kubernetes', () => {
  it('cancels a rollout while it waits for readiness: undone, the previous pods keep serving, no new pod left', async () => {
    const { app, repo } = await kubernetesApp('kube-cancel', 'stable\n');
    const stable = await waitForDeployment((await deploy(app.id)).id);
    expect({ status: stable.status, error: stable.error }).toEqual({ status: 'LIVE', error: null });
    repo.commit(busyboxApp({ body: 'never\n', health: 'fail' }));
    const bad = await deploy(app.id);
    await until('verify to start', async () => (await getDeployment(bad.id)).status === 'VERIFYING', 120_000);
    // the new pods exist (they never become ready) before the cancel
    await until('the new pods to be created', async () => (await podImages(app.id)).length === 2, 30_000, 250);
    await gql(`mutation($id: ID!) { cancelDeployment(id: $id) { id } }`, { id: bad.id });
    const d = await waitForDeployment(bad.id);
    expect(d.status).toBe('CANCELLED');
    expect(d.error).toBe('The deployment was cancelled.');
    expect(Object.fromEntries(d.steps.map((s) => [s.name, s.status]))).toMatchObject({ RUN: 'COMPENSATED', VERIFY: 'FAILED', ROUTE: 'SKIPPED' });
    expect(await viaEdge('kube-cancel')).toEqual({ status: 200, body: 'stable\n' });
    await until('only the stable pods to be left', async () => (await podImages(app.id)).join() === stable.imageRef, 60_000, 500);
  });
});

describe('scheduled redeploys on Kubernetes', () => {
  it('a schedule deploys the branch head on the cluster with trigger SCHEDULE, picks up a new commit, and goes with the app', async () => {
    const { app, repo } = await kubernetesApp('kube-sched', 'scheduled v1\n');
    const created = await gql(`mutation($id: ID!) { createRedeploySchedule(appId: $id, cron: "@every 5s") { id } }`, { id: app.id });
    const firstScheduled = async () =>
      (
        (await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 50) { id trigger } } }`, { id: app.id })).app.deployments as {
          id: string;
          trigger: string;
        }[]
      ).find((d) => d.trigger === 'SCHEDULE');
    await until('a scheduled deployment', async () => (await firstScheduled()) !== undefined, 30_000);
    const first = await waitForDeployment((await firstScheduled())!.id);
    expect({ status: first.status, trigger: first.trigger, error: first.error }).toEqual({ status: 'LIVE', trigger: 'SCHEDULE', error: null });
    expect(await viaEdge('kube-sched')).toEqual({ status: 200, body: 'scheduled v1\n' });
    expect(await podImages(app.id)).toEqual([first.imageRef]);

    repo.commit({ 'www/index.html': 'scheduled v2\n' });
    await until('the new commit to be deployed by the schedule', async () => (await viaEdge('kube-sched')).body === 'scheduled v2\n', 90_000);

    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: app.id });
    const { client, close } = await connectTemporal();
    try {
      await expect(client.schedule.getHandle(created.createRedeploySchedule.id).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    } finally {
      await close();
    }
    await until("the app's pods to go", async () => (await podImages(app.id)).length === 0, 60_000, 500);
  });
});

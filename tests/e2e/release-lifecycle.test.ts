// Rollback without rebuilding, and cancellation at any step, through the contract only.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { recordHistory } from '../helpers/histories.js';
import { createApp, deploy, DEPLOYMENT_FIELDS, getDeployment, gql, gqlRaw, viaEdge, waitForDeployment, type DeploymentView } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const repos: FixtureRepo[] = [];
const appIds: string[] = [];

async function appWithRepo(name: string, files: Record<string, string | null>, extra: Record<string, unknown> = {}) {
  const repo = new FixtureRepo();
  repos.push(repo);
  repo.commit(files);
  const app = await createApp({ name, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', ...extra });
  appIds.push(app.id);
  return { app, repo };
}

async function rollback(appId: string, toDeploymentId?: string): Promise<DeploymentView> {
  const r = await gql(`mutation($appId: ID!, $to: ID) { rollback(appId: $appId, toDeploymentId: $to) { ${DEPLOYMENT_FIELDS} } }`, {
    appId,
    to: toDeploymentId ?? null,
  });
  return r.rollback;
}

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  for (const r of repos) r.remove();
});

describe('rollback', () => {
  it('restores an earlier release after two newer ones, by digest, with the env it ran with, without rebuilding', async () => {
    const { app, repo } = await appWithRepo('rb', busyboxApp({ body: 'v1\n' }), { env: [{ key: 'GREETING', value: 'env-of-v1' }] });
    const v1 = await waitForDeployment((await deploy(app.id)).id);
    repo.commit({ 'www/index.html': 'v2\n' });
    await gql(`mutation($id: ID!) { setEnvVars(appId: $id, vars: [{ key: "GREETING", value: "env-of-v2" }]) { id } }`, { id: app.id });
    const v2 = await waitForDeployment((await deploy(app.id)).id);
    repo.commit({ 'www/index.html': 'v3\n' });
    const v3 = await waitForDeployment((await deploy(app.id)).id);
    expect([v1.status, v2.status, v3.status]).toEqual(['LIVE', 'LIVE', 'LIVE']); // each when it finished
    expect(await viaEdge('rb')).toEqual({ status: 200, body: 'v3\n' });

    const started = await rollback(app.id, v1.id);
    expect(started).toMatchObject({ trigger: 'ROLLBACK', imageRef: v1.imageRef, commitSha: v1.commitSha });
    const d = await waitForDeployment(started.id);
    await recordHistory(d.workflowId, 'deploy-app-rollback');
    expect(d.status).toBe('LIVE');
    expect(Object.fromEntries(d.steps.map((s) => [s.name, s.status]))).toMatchObject({
      CLONE: 'SKIPPED',
      BUILD: 'SKIPPED',
      PUSH: 'SKIPPED',
      RUN: 'SUCCEEDED',
      VERIFY: 'SUCCEEDED',
      ROUTE: 'SUCCEEDED',
    });
    expect(await viaEdge('rb')).toEqual({ status: 200, body: 'v1\n' });
    expect(await viaEdge('rb', '/env.txt')).toEqual({ status: 200, body: 'env-of-v1\n' });
    const source = await gql(`query($id: ID!) { deployment(id: $id) { sourceDeployment { id } } }`, { id: d.id });
    expect(source.deployment.sourceDeployment.id).toBe(v1.id);
    expect((await containersOfApp(app.id)).length).toBe(1);

    // default target: the release live before the current one (v3)
    const back = await waitForDeployment((await rollback(app.id)).id);
    expect(back.status).toBe('LIVE');
    expect(await viaEdge('rb')).toEqual({ status: 200, body: 'v3\n' });
  });

  it('switches at once to a release that is still running within its retire grace period', async () => {
    const { app, repo } = await appWithRepo('rb-warm', busyboxApp({ body: 'old\n' }));
    const old = await waitForDeployment((await deploy(app.id)).id);
    repo.commit({ 'www/index.html': 'new\n' });
    const fresh = await deploy(app.id);
    await until('the new release to go live', async () => (await getDeployment(fresh.id)).status === 'LIVE');
    const oldContainer = (await containersOfApp(app.id)).find((c) => c.Labels['dev.paas.deployment'] === old.id);
    expect(oldContainer?.State).toBe('running'); // still in the grace period

    const d = await waitForDeployment((await rollback(app.id)).id);
    expect(d.status).toBe('LIVE');
    expect(await viaEdge('rb-warm')).toEqual({ status: 200, body: 'old\n' });
    const after = await containersOfApp(app.id);
    expect(after.map((c) => c.Id)).toEqual([oldContainer!.Id]); // the same container, reused; the newer one retired
    const freshView = await getDeployment(fresh.id);
    expect(freshView.steps.find((s) => s.name === 'RETIRE')?.status).toBe('SKIPPED');
  });

  it('a rollback whose health check fails leaves the current release serving', async () => {
    // this release answers its health check only until `expires`: restored later, it fails it
    const expires = Math.floor(Date.now() / 1000) + 15;
    const expiring = {
      ...busyboxApp({ body: 'one\n' }),
      'www/cgi-bin/health': `#!/bin/sh\nif [ "$(date +%s)" -gt ${expires} ]; then printf "Status: 500 Expired\\r\\n\\r\\n"; else printf "Content-Type: text/plain\\r\\n\\r\\nok\\n"; fi\n`,
    };
    const { app, repo } = await appWithRepo('rb-bad', expiring);
    const one = await waitForDeployment((await deploy(app.id)).id);
    expect(one.status).toBe('LIVE');
    repo.commit(busyboxApp({ body: 'two\n' }));
    const two = await waitForDeployment((await deploy(app.id)).id);
    expect(two.status).toBe('LIVE');
    await until('the first release to expire', async () => Date.now() / 1000 > expires + 1, 30_000);

    const d = await waitForDeployment((await rollback(app.id, one.id)).id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/VERIFY failed: Health check failed: .*HTTP 500/);
    expect(await viaEdge('rb-bad')).toEqual({ status: 200, body: 'two\n' });
    expect((await containersOfApp(app.id)).map((c) => c.Labels['dev.paas.deployment'])).toEqual([two.id]);
    expect((await getDeployment(two.id)).status).toBe('LIVE');
  });

  it('refuses targets that cannot be restored', async () => {
    const { app } = await appWithRepo('rb-refuse', busyboxApp());
    const none = await gqlRaw(`mutation($a: ID!) { rollback(appId: $a) { id } }`, { a: app.id });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const only = await waitForDeployment((await deploy(app.id)).id);
    const live = await gqlRaw(`mutation($a: ID!, $t: ID) { rollback(appId: $a, toDeploymentId: $t) { id } }`, { a: app.id, t: only.id });
    expect(live.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const unknown = await gqlRaw(`mutation($a: ID!, $t: ID) { rollback(appId: $a, toDeploymentId: $t) { id } }`, { a: app.id, t: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('garbage collection of old releases', () => {
  it('keeps the newest releases for rollback, prunes older images everywhere, and touches nothing else', async () => {
    const unrelated = 'paas-test/unrelated:1'; // not the platform's: must survive
    await docker.getImage('paas-test/busybox:1').tag({ repo: 'paas-test/unrelated', tag: '1' });
    const { app, repo } = await appWithRepo('gc', busyboxApp({ body: 'r1\n' }));
    const ids: DeploymentView[] = [];
    for (let i = 1; i <= 4; i++) {
      if (i > 1) repo.commit({ 'www/index.html': `r${i}\n` });
      ids.push(await waitForDeployment((await deploy(app.id)).id));
    }
    // live: r4; kept for rollback (PAAS_KEEP_RELEASES=2 in tests): r3, r2; pruned: r1
    const [r1, r2] = ids;
    const pruned = await gqlRaw(`mutation($a: ID!, $t: ID) { rollback(appId: $a, toDeploymentId: $t) { id } }`, { a: app.id, t: r1.id });
    expect(pruned.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(pruned.errors?.[0]?.message).toMatch(/garbage-collected/);
    await expect(docker.getImage(r1.imageRef!).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const [name, digest] = r1.imageRef!.replace(/^[^/]+\//, '').split('@');
    const manifest = await fetch(`http://${inject('registry')}/v2/${name}/manifests/${digest}`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(manifest.status).toBe(404);
    await docker.getImage(unrelated).inspect(); // still there
    await docker.getImage('paas-test/busybox:1').inspect();

    const back = await waitForDeployment((await rollback(app.id, r2.id)).id);
    expect(back.status).toBe('LIVE');
    expect(await viaEdge('gc')).toEqual({ status: 200, body: 'r2\n' });
    await docker.getImage(unrelated).remove();
  });
});

describe('cancellation', () => {
  it('cancels a build in progress; the previous release keeps serving and nothing is left', async () => {
    const { app, repo } = await appWithRepo('cancel-build', busyboxApp({ body: 'stable\n' }));
    const stable = await waitForDeployment((await deploy(app.id)).id);
    repo.commit({ Dockerfile: busyboxApp({ extraDockerfile: `RUN echo ${randomUUID()} && sleep 60` }).Dockerfile! });
    const slow = await deploy(app.id);
    await until('the build to start', async () => (await getDeployment(slow.id)).steps.find((s) => s.name === 'BUILD')?.status === 'RUNNING');
    const t0 = Date.now();
    const r = await gql(`mutation($id: ID!) { cancelDeployment(id: $id) { id status error } }`, { id: slow.id });
    const d = await waitForDeployment(slow.id);
    expect(Date.now() - t0).toBeLessThan(20_000); // the 60 s build was interrupted
    await recordHistory(d.workflowId, 'deploy-app-cancelled-during-build');
    expect(d.status).toBe('CANCELLED');
    expect(d.error).toBe('The deployment was cancelled.');
    expect(r.cancelDeployment.id).toBe(slow.id);
    expect(d.steps.find((s) => s.name === 'BUILD')?.status).toBe('FAILED');
    expect(d.steps.find((s) => s.name === 'RUN')?.status).toBe('SKIPPED');
    expect(await viaEdge('cancel-build')).toEqual({ status: 200, body: 'stable\n' });
    expect((await containersOfApp(app.id)).map((c) => c.Labels['dev.paas.deployment'])).toEqual([stable.id]);
  });

  it('cancels during verify: the new release is removed, the route stays', async () => {
    const { app, repo } = await appWithRepo('cancel-verify', busyboxApp({ body: 'stable\n' }));
    const stable = await waitForDeployment((await deploy(app.id)).id);
    repo.commit(busyboxApp({ body: 'never\n', health: 'fail' }));
    const bad = await deploy(app.id);
    await until('verify to start', async () => (await getDeployment(bad.id)).status === 'VERIFYING');
    await gql(`mutation($id: ID!) { cancelDeployment(id: $id) { id } }`, { id: bad.id });
    const d = await waitForDeployment(bad.id);
    expect(d.status).toBe('CANCELLED');
    expect(Object.fromEntries(d.steps.map((s) => [s.name, s.status]))).toMatchObject({ RUN: 'COMPENSATED', VERIFY: 'FAILED', ROUTE: 'SKIPPED' });
    expect(await viaEdge('cancel-verify')).toEqual({ status: 200, body: 'stable\n' });
    expect((await containersOfApp(app.id)).map((c) => c.Labels['dev.paas.deployment'])).toEqual([stable.id]);
  });

  it('refuses to cancel a deployment that already ended, and answers NOT_FOUND for an unknown one', async () => {
    const { app } = await appWithRepo('cancel-done', busyboxApp());
    const d = await waitForDeployment((await deploy(app.id)).id);
    const r = await gqlRaw(`mutation($id: ID!) { cancelDeployment(id: $id) { id } }`, { id: d.id });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toMatch(/roll back instead/);
    const u = await gqlRaw(`mutation($id: ID!) { cancelDeployment(id: $id) { id } }`, { id: randomUUID() });
    expect(u.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

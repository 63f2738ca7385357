// The deploy pipeline end to end, through the public contract only (GraphQL + edge),
// against the real stack: git → build → push → run → verify → route → retire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { historyJson, payloadTexts, recordHistory } from '../helpers/histories.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment, wsClient } from '../helpers/graphql.js';

describe('deploy pipeline', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let firstSha: string;
  let firstDeploymentId: string;

  beforeAll(async () => {
    firstSha = repo.commit(busyboxApp({ body: 'hello from v1\n' }), 'v1');
    const app = await createApp({
      name: 'pipeline',
      gitUrl: repo.url,
      port: 8080,
      healthCheckPath: '/cgi-bin/health',
      env: [
        { key: 'GREETING', value: 'hi-from-env' },
        { key: 'API_KEY', value: 'super-secret-value', secret: true },
      ],
    });
    appId = app.id;
    expect(app.url).toMatch(/^http:\/\/pipeline\.localhost:\d+\/$/);
  });

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('deploys the branch head to LIVE and serves it through the edge', async () => {
    const client = wsClient();
    const seen: string[] = [];
    const updates = new Promise<void>((resolve, reject) => {
      client.subscribe<{ deploymentUpdated: { status: string } }>(
        { query: `subscription($appId: ID!) { deploymentUpdated(appId: $appId) { id status } }`, variables: { appId } },
        {
          next: (m) => {
            const s = m.data?.deploymentUpdated.status;
            if (s && seen.at(-1) !== s) seen.push(s);
            if (s === 'LIVE') resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((r) => setTimeout(r, 300)); // let the subscription register

    const started = await deploy(appId);
    expect(started.status).toBe('QUEUED');
    firstDeploymentId = started.id;
    const d = await waitForDeployment(started.id);
    expect(d.error).toBeNull();
    expect(d.status).toBe('LIVE');
    expect(d.commitSha).toBe(firstSha);
    expect(d.imageRef).toMatch(/^127\.0\.0\.1:\d+\/paas\/pipeline@sha256:[0-9a-f]{64}$/);
    expect(d.workflowId).toBe(`deploy-${d.id}`);
    expect(d.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'CLONE:SUCCEEDED',
      'BUILD:SUCCEEDED',
      'PUSH:SUCCEEDED',
      'RUN:SUCCEEDED',
      'VERIFY:SUCCEEDED',
      'ROUTE:SUCCEEDED',
      'RETIRE:SKIPPED',
    ]);

    const res = await viaEdge('pipeline');
    expect(res).toEqual({ status: 200, body: 'hello from v1\n' });

    await recordHistory(d.workflowId, 'deploy-app-first-release-live');
    await updates;
    expect(seen).toContain('BUILDING');
    expect(seen.at(-1)).toBe('LIVE');
    await client.dispose();

    const app = await gql(`query($id: ID!) { app(id: $id) { liveDeployment { id } env { key value secret } } }`, { id: appId });
    expect(app.app.liveDeployment.id).toBe(started.id);
    expect(app.app.env).toEqual([
      { key: 'API_KEY', value: null, secret: true },
      { key: 'GREETING', value: 'hi-from-env', secret: false },
    ]);
  });

  it('runs the release hardened: limits, no privileges, no capabilities, no Docker socket, labelled, on the app network', async () => {
    const [c] = await containersOfApp(appId);
    const info = await docker.getContainer(c.Id).inspect();
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.Memory).toBeGreaterThan(0);
    expect(info.HostConfig.NanoCpus).toBeGreaterThan(0);
    expect(info.HostConfig.PidsLimit).toBeGreaterThan(0);
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(info.Mounts.some((m) => m.Source?.includes('docker.sock'))).toBe(false);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual(['paas-app-pipeline']);
    expect(info.Config.Labels).toMatchObject({ 'dev.paas.app': appId, 'dev.paas.deployment': firstDeploymentId, 'dev.paas.managed': 'true' });
    expect(info.Config.Env).toContain('PORT=8080');
    // published on loopback only
    expect(
      Object.values(info.NetworkSettings.Ports)
        .flat()
        .map((b) => b?.HostIp),
    ).toEqual(['127.0.0.1']);
  });

  it('passes env vars to the container', async () => {
    expect(await viaEdge('pipeline', '/env.txt')).toEqual({ status: 200, body: 'hi-from-env\n' });
  });

  it('stores build log lines in order and never shows secret values', async () => {
    const d = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { seq stream line } }`, { id: firstDeploymentId });
    const lines = d.deploymentLogs as { seq: number; stream: string; line: string }[];
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.some((l) => l.line.includes('Step 1/'))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('super-secret-value');
    const deployment = await gql(`query($id: ID!) { deployment(id: $id) { workflowId } }`, { id: firstDeploymentId });
    const history = await historyJson(deployment.deployment.workflowId);
    expect(history).toContain('cloneRepository');
    // payloads are sealed by the payload codec: raw, they show not even the app's id; opened, they do
    const raw = (await payloadTexts(history)).join('\n');
    const opened = (await payloadTexts(history, true)).join('\n');
    expect(raw).not.toContain(appId);
    expect(opened).toContain(appId);
    expect(`${raw}${opened}`).not.toContain('super-secret-value');
    expect(history).not.toContain('super-secret-value');
    const after = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id, afterSeq: 3) { seq } }`, { id: firstDeploymentId });
    expect(after.deploymentLogs[0].seq).toBe(4);
  });

  it('a release whose health check fails is FAILED, compensated, and the previous release keeps serving', async () => {
    repo.commit(busyboxApp({ body: 'hello from v2\n', health: 'fail' }), 'v2 broken');
    // probe the edge the whole time the broken deployment runs
    let probing = true;
    const answers: string[] = [];
    const prober = (async () => {
      while (probing) {
        const r = await viaEdge('pipeline');
        answers.push(`${r.status} ${r.body.trim()}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const started = await deploy(appId);
    const d = await waitForDeployment(started.id);
    probing = false;
    await prober;

    await recordHistory(d.workflowId, 'deploy-app-health-check-failed');
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/VERIFY failed: Health check failed: GET \/cgi-bin\/health did not answer 2xx .*HTTP 500/);
    const steps = Object.fromEntries(d.steps.map((s) => [s.name, s.status]));
    expect(steps).toMatchObject({
      CLONE: 'SUCCEEDED',
      BUILD: 'COMPENSATED',
      PUSH: 'SUCCEEDED',
      RUN: 'COMPENSATED',
      VERIFY: 'FAILED',
      ROUTE: 'SKIPPED',
      RETIRE: 'SKIPPED',
    });
    expect(new Set(answers)).toEqual(new Set(['200 hello from v1']));
    expect(await viaEdge('pipeline')).toEqual({ status: 200, body: 'hello from v1\n' });

    // nothing of the failed release is left: only the first release's container exists
    const containers = await containersOfApp(appId);
    expect(containers.map((c) => c.Labels['dev.paas.deployment'])).toEqual([firstDeploymentId]);
    const app = await gql(`query($id: ID!) { app(id: $id) { liveDeployment { id } } }`, { id: appId });
    expect(app.app.liveDeployment.id).toBe(firstDeploymentId);
  });

  it('a good new commit replaces the live release and retires the old container', async () => {
    const sha = repo.commit(busyboxApp({ body: 'hello from v3\n' }), 'v3');
    const started = await deploy(appId);
    const d = await waitForDeployment(started.id);
    expect(d.status).toBe('LIVE');
    expect(d.commitSha).toBe(sha);
    expect(d.steps.find((s) => s.name === 'RETIRE')?.status).toBe('SUCCEEDED');
    await recordHistory(d.workflowId, 'deploy-app-replaces-and-retires-all-old-releases');
    expect(await viaEdge('pipeline')).toEqual({ status: 200, body: 'hello from v3\n' });
    const first = await gql(`query($id: ID!) { deployment(id: $id) { status } }`, { id: firstDeploymentId });
    expect(first.deployment.status).toBe('SUPERSEDED');
    const containers = await containersOfApp(appId);
    expect(containers.map((c) => c.Labels['dev.paas.deployment'])).toEqual([started.id]);
  });

  it('deploys a pinned commit when one is given', async () => {
    const started = await deploy(appId, firstSha);
    const d = await waitForDeployment(started.id);
    expect(d.status).toBe('LIVE');
    expect(d.commitSha).toBe(firstSha);
    expect(await viaEdge('pipeline')).toEqual({ status: 200, body: 'hello from v1\n' });
  });

  it('deleting the app removes its containers and its route', async () => {
    expect(await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId })).toEqual({ deleteApp: true });
    expect(await containersOfApp(appId)).toEqual([]);
    expect((await viaEdge('pipeline')).status).toBe(404);
    expect((await gql(`query($id: ID!) { app(id: $id) { id } }`, { id: appId })).app).toBeNull();
  });
});

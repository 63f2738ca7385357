// One deployment at a time per app (a queued request is superseded by a newer one),
// different apps in parallel, and live logs over the deploymentLogs subscription.
import { afterAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment, wsClient } from '../helpers/graphql.js';

const repos: FixtureRepo[] = [];
const appIds: string[] = [];

async function appWithRepo(name: string, body: string) {
  const repo = new FixtureRepo();
  repos.push(repo);
  repo.commit(busyboxApp({ body }));
  const app = await createApp({ name, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' });
  appIds.push(app.id);
  return { app, repo };
}

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  for (const r of repos) r.remove();
});

describe('concurrency', () => {
  it('a newer request stops one that still builds and supersedes one that waits; the newest goes live', async () => {
    const { app, repo } = await appWithRepo('queue', 'one\n');
    const first = await deploy(app.id);
    repo.commit({ 'www/index.html': 'two\n' });
    const second = await deploy(app.id);
    const sha3 = repo.commit({ 'www/index.html': 'three\n' });
    const third = await deploy(app.id);

    const [d1, d2, d3] = await Promise.all([first, second, third].map((d) => waitForDeployment(d.id)));
    expect(d1.status).toBe('CANCELLED');
    expect(d1.error).toMatch(new RegExp(`^Superseded by a newer deployment \\((${second.id}|${third.id})\\) while it was still building\\.$`));
    expect(d1.steps.find((s) => s.name === 'RUN')?.status).toBe('SKIPPED');
    // the second either still waited when the third came (never started) or had started building
    // (when the first stopped quickly): superseded either way, and it never ran a release
    expect(d2.status).toBe('CANCELLED');
    expect(d2.error).toMatch(new RegExp(`^Superseded by a newer deployment (request )?\\(${third.id}\\)`));
    expect(d2.steps.find((s) => s.name === 'RUN')?.status).not.toBe('SUCCEEDED');
    expect(d3).toMatchObject({ status: 'LIVE', commitSha: sha3 });
    expect(await viaEdge('queue')).toEqual({ status: 200, body: 'three\n' });
  });

  it('two apps deploy in parallel', async () => {
    const a = await appWithRepo('par-a', 'a\n');
    const b = await appWithRepo('par-b', 'b\n');
    const [da, db] = await Promise.all([deploy(a.app.id), deploy(b.app.id)]);
    const [ra, rb] = await Promise.all([waitForDeployment(da.id), waitForDeployment(db.id)]);
    expect([ra.status, rb.status]).toEqual(['LIVE', 'LIVE']);
    // each started its pipeline before the other had finished it
    const started = (d: typeof ra) => Date.parse((d.steps.find((s) => s.name === 'CLONE') as any).startedAt);
    const finished = (d: typeof ra) => Date.parse((d.steps.find((s) => s.name === 'ROUTE') as any).finishedAt);
    expect(started(rb)).toBeLessThan(finished(ra));
    expect(started(ra)).toBeLessThan(finished(rb));
    expect(await viaEdge('par-a')).toEqual({ status: 200, body: 'a\n' });
    expect(await viaEdge('par-b')).toEqual({ status: 200, body: 'b\n' });
  });

  it('streams a deployment’s log lines over the subscription, in order, from seq 1', async () => {
    const { app } = await appWithRepo('live-logs', 'logs\n');
    const d = await deploy(app.id);
    const client = wsClient();
    const lines: { seq: number; line: string; stream: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe<{ deploymentLogs: { seq: number; line: string; stream: string } }>(
        { query: `subscription($id: ID!) { deploymentLogs(deploymentId: $id, afterSeq: 0) { seq line stream } }`, variables: { id: d.id } },
        {
          next: (m) => {
            lines.push(m.data!.deploymentLogs);
            if (m.data!.deploymentLogs.line === 'Deployment is LIVE.') resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await client.dispose();
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.some((l) => l.stream === 'stdout' && l.line.startsWith('Step 1/'))).toBe(true);
  });

  it('rejects a subscription without the token', async () => {
    const client = wsClient('wrong');
    const err = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { deploymentUpdated(appId: "x") { id } }` },
        { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
      );
    });
    expect(err).toBeTruthy();
    await client.dispose();
  });
});

// Under constant HTTP load through the edge, a deploy, a failed deploy and a rollback each
// cause no failed request: start the new release, verify it, switch, then retire the old one.
import autocannon from 'autocannon';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';

interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bodies: Set<string>;
}

/** Runs load through the edge until `during` settles, then reports what every request got. */
async function underLoad(host: string, during: () => Promise<unknown>): Promise<LoadResult> {
  const bodies = new Set<string>();
  const instance = autocannon({
    url: `http://127.0.0.1:${inject('edgePort')}/`,
    headers: { host },
    connections: 8,
    duration: 120,
    timeout: 5,
    setupClient: (client) => client.on('body', (b: Buffer) => bodies.add(b.toString().trim())),
  });
  const finished = new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
  await new Promise((r) => setTimeout(r, 500));
  await during();
  await new Promise((r) => setTimeout(r, 2500)); // past the retire grace period: the old release is stopped under load
  instance.stop();
  const r = await finished;
  return { requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, bodies };
}

describe('zero downtime', () => {
  const repo = new FixtureRepo();
  let appId: string;
  const host = `zero.${inject('baseDomain')}`;

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('serves every request during a deploy, a failed deploy and a rollback', async () => {
    repo.commit(busyboxApp({ body: 'v1\n' }));
    appId = (await createApp({ name: 'zero', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    const first = await waitForDeployment((await deploy(appId)).id);
    expect(first.status).toBe('LIVE');

    repo.commit({ 'www/index.html': 'v2\n' });
    const deployLoad = await underLoad(host, async () => expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE'));
    expect(deployLoad).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(deployLoad.bodies).toEqual(new Set(['v1', 'v2']));
    expect(deployLoad.requests).toBeGreaterThan(100);

    repo.commit(busyboxApp({ body: 'v3-broken\n', health: 'fail' }));
    const failedLoad = await underLoad(host, async () => expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('FAILED'));
    expect(failedLoad).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(failedLoad.bodies).toEqual(new Set(['v2']));

    const rollbackLoad = await underLoad(host, async () => {
      const r = await gql(`mutation($id: ID!) { rollback(appId: $id) { id } }`, { id: appId });
      expect((await waitForDeployment(r.rollback.id)).status).toBe('LIVE');
    });
    expect(rollbackLoad).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(rollbackLoad.bodies).toEqual(new Set(['v2', 'v1']));
    expect(await viaEdge('zero')).toEqual({ status: 200, body: 'v1\n' });
  });
});

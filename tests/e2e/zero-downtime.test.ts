// Under constant HTTP load through the edge, a deploy, a failed deploy and a rollback each
// cause no failed request: start the new release, verify it, switch, then retire the old one.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { underLoad } from '../helpers/load.js';

describe('zero downtime', () => {
  const repo = new FixtureRepo();
  let appId: string;
  const host = `zero.${inject('baseDomain')}`;
  // the load runs on past the retire grace period: the old release is stopped under load
  const loadThrough = (during: () => Promise<unknown>) => underLoad(host, during, { settleMs: 2500 });

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
    const deployLoad = await loadThrough(async () => expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE'));
    expect(deployLoad).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(deployLoad.bodies).toEqual(new Set(['v1', 'v2']));
    expect(deployLoad.requests).toBeGreaterThan(100);

    repo.commit(busyboxApp({ body: 'v3-broken\n', health: 'fail' }));
    const failedLoad = await loadThrough(async () => expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('FAILED'));
    expect(failedLoad).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(failedLoad.bodies).toEqual(new Set(['v2']));

    const rollbackLoad = await loadThrough(async () => {
      const r = await gql(`mutation($id: ID!) { rollback(appId: $id) { id } }`, { id: appId });
      expect((await waitForDeployment(r.rollback.id)).status).toBe('LIVE');
    });
    expect(rollbackLoad).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
    expect(rollbackLoad.bodies).toEqual(new Set(['v2', 'v1']));
    expect(await viaEdge('zero')).toEqual({ status: 200, body: 'v1\n' });
  });
});

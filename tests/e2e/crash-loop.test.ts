// A live release whose container keeps dying is reported (on the app and in the log) and the
// platform stops restarting it, instead of restarting it forever.
import { afterAll, describe, expect, it } from 'vitest';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

describe('crash-looping releases', () => {
  const repo = new FixtureRepo();
  let appId: string;

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('reports CRASH_LOOPING after repeated exits and stops the restarts', async () => {
    // healthy long enough to pass verification, then it dies, again and again
    repo.commit(busyboxApp({ cmd: 'httpd -f -p "$PORT" -h /www & sleep 4; echo "worker crashed: out of memory" >&2; exit 7' }));
    appId = (await createApp({ name: 'crashloop', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('LIVE');

    const state = async () => (await gql(`query($id: ID!) { app(id: $id) { releaseState liveDeployment { runtimeState restartCount } } }`, { id: appId })).app;
    await until('a restart to be reported', async () => (await state()).liveDeployment.restartCount >= 1);
    await until('the release to be reported crash-looping', async () => (await state()).releaseState === 'CRASH_LOOPING');
    const final = await state();
    expect(final.liveDeployment).toMatchObject({ runtimeState: 'CRASH_LOOPING', restartCount: 5 });

    const logs = (await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: d.id })).deploymentLogs.map(
      (l: { line: string }) => l.line,
    );
    expect(logs).toContain('The release container exited with code 7; Docker restarts it (exit 1 of 5).');
    expect(logs.at(-1)).toMatch(/exited with code 7 5 times; restarts stopped/);

    // not restarted any more
    const [c] = await containersOfApp(appId);
    await new Promise((r) => setTimeout(r, 3000));
    const info = await docker.getContainer(c.Id).inspect();
    expect(info.State.Running).toBe(false);
    expect(info.HostConfig.RestartPolicy?.Name).toBe('no');
  });
});

// Commit statuses against the test stack's real Gitea: with the team connected to Gitea, a push
// deploys through the webhook and Gitea shows `pending` then `success` on that commit, linked to
// the deployment's console page; a broken push ends FAILED with a `failure` status while the
// previous release keeps serving.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { giteaApi } from '../helpers/gitea-api.js';
import { gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const APP = 'status-app';

interface GiteaStatus {
  status: string;
  context: string;
  target_url: string;
  description: string;
}

describe('commit statuses (with Gitea)', () => {
  const giteaUrl = inject('gitea').url;
  const gitea = giteaApi(giteaUrl, inject('gitea').admin);
  const repo = new FixtureRepo('main');
  const stamp = Date.now().toString(36);
  const user = { username: `statuser${stamp}`, password: 'status-pass-1234', email: `statuser${stamp}@example.invalid` };
  let token: string;
  let pushUrl: string;
  let appId: string;

  const pushDeployment = async (sha: string) => {
    let found: { id: string } | undefined;
    await until(
      `a GIT_PUSH deployment of ${sha}`,
      async () => {
        const list: { id: string; trigger: string; commitSha: string | null }[] = (
          await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 20) { id trigger commitSha } } }`, { id: appId })
        ).app.deployments;
        found = list.find((d) => d.trigger === 'GIT_PUSH' && d.commitSha === sha);
        return !!found;
      },
      60_000,
      500,
    );
    return found!.id;
  };
  const statusesOf = (sha: string) => gitea.request<GiteaStatus[]>('GET', `/repos/${user.username}/statused/commits/${sha}/statuses`, { token });
  const finalStatus = async (sha: string, state: string) => {
    let mine: GiteaStatus[] = [];
    await until(
      `a ${state} status on ${sha}`,
      async () => {
        mine = (await statusesOf(sha)).filter((s) => s.context === `paas/deploy/${APP}`);
        return mine.some((s) => s.status === state);
      },
      60_000,
      500,
    );
    return mine;
  };

  beforeAll(async () => {
    await gitea.createUser(user);
    token = await gitea.tokenFor(user);
    const created = await gitea.createRepo({ username: user.username, token }, 'statused');
    pushUrl = gitea.gitUrl(user.username, 'statused', token);
    repo.commit(busyboxApp({ body: 'status v1\n' }));
    repo.git('push', '--quiet', pushUrl, 'main');
    // Gitea handles a push in a queue: the hook below must not be sent this one (see git-webhooks.test.ts)
    await until(
      'Gitea handled the first push',
      async () => {
        const feeds = await gitea.request<{ op_type: string }[]>('GET', `/repos/${user.username}/statused/activities/feeds`, { token });
        return feeds.some((f) => f.op_type === 'commit_repo');
      },
      30_000,
      200,
    );
    const teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `status-team-${stamp}` })).createTeam.id;
    appId = (
      await gql(`mutation($input: CreateAppInput!) { createApp(input: $input) { id } }`, {
        input: { name: APP, teamId, gitUrl: created.cloneUrl, branch: 'main', healthCheckPath: '/cgi-bin/health' },
      })
    ).createApp.id;
    await gql(`mutation($input: ConnectForgeInput!) { connectForge(input: $input) { id } }`, { input: { teamId, forge: 'GITEA', baseUrl: giteaUrl, token } });
    const hook = (await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { url secret } }`, { id: appId })).enableGitWebhook;
    await gitea.request(
      'POST',
      `/repos/${user.username}/statused/hooks`,
      { token },
      { type: 'gitea', active: true, events: ['push'], branch_filter: 'main', config: { url: hook.url, content_type: 'json', secret: hook.secret } },
    );
  }, 120_000);

  afterAll(async () => {
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('a push goes LIVE with the pushed sha, and Gitea shows pending then success on that commit, linked to the console page', async () => {
    const sha = repo.commit({ 'www/index.html': 'status v2\n' }, 'v2');
    repo.git('push', '--quiet', pushUrl, 'main');
    const id = await pushDeployment(sha);
    const d = await waitForDeployment(id, 240_000);
    expect(d.status, d.error ?? '').toBe('LIVE');
    expect(d.commitSha).toBe(sha);
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'status v2\n' });
    const statuses = await finalStatus(sha, 'success');
    const page = `${inject('gatewayUrl')}/#/apps/${appId}/deployments/${id}`;
    expect(statuses.map((s) => s.status).sort()).toEqual(['pending', 'success']);
    for (const s of statuses) expect(s.target_url).toBe(page);
    expect(statuses.find((s) => s.status === 'success')!.description).toBe('Deployed: the release is live.');
  }, 300_000);

  it('a broken push ends FAILED with a failure status on its commit; the previous release keeps serving', async () => {
    const sha = repo.commit(busyboxApp({ body: 'status v3 broken\n', health: 'fail' }), 'v3 broken');
    repo.git('push', '--quiet', pushUrl, 'main');
    const id = await pushDeployment(sha);
    const d = await waitForDeployment(id, 240_000);
    expect(d.status).toBe('FAILED');
    const statuses = await finalStatus(sha, 'failure');
    expect(statuses.map((s) => s.status).sort()).toEqual(['failure', 'pending']);
    expect(statuses.find((s) => s.status === 'failure')!.description).toMatch(/^Deployment failed: /);
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'status v2\n' });
  }, 300_000);
});

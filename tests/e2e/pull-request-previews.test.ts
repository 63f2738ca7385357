// Pull-request previews against the real Gitea of the test stack: Gitea delivers its signed
// pull_request events to two apps of one repository (a DOCKER service and a STATIC site); an opened
// pull request against the app's branch is deployed at <app>-pr-<n> through the edge beside the
// app's own release, a push to it redeploys, closing it removes the preview. Pull requests against
// another branch, and any while previews are disabled, are recorded as ignored. A fork's pull
// request gets the app's env vars but none of its secrets.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { giteaApi } from '../helpers/gitea-api.js';
import { createApp, deploy, gql, gqlRaw, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

interface Deployment {
  id: string;
  trigger: string;
  commitSha: string | null;
  requestedSha?: string | null;
  status: string;
  error: string | null;
  preview: { pullRequest: number } | null;
}

const APP = 'prsvc';
const SITE = 'prsite';
const SECRET = 'preview-secret-4f1c';

describe('pull-request previews (with Gitea)', () => {
  const gitea = giteaApi(inject('gitea').url, inject('gitea').admin);
  const repo = new FixtureRepo('main');
  const stamp = Date.now().toString(36);
  const owner = { username: `prowner${stamp}`, password: 'previews-pass-1234', email: `prowner${stamp}@example.invalid` };
  const forker = { username: `prfork${stamp}`, password: 'previews-pass-1234', email: `prfork${stamp}@example.invalid` };
  let ownerToken: string;
  let forkToken: string;
  let pushUrl: string;
  const apps: Record<string, string> = {};
  const hooks: Record<string, { url: string; secret: string }> = {};

  const deployments = async (appId: string): Promise<Deployment[]> =>
    (
      await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 100) { id trigger commitSha status error preview { pullRequest } } } }`, {
        id: appId,
      })
    ).app.deployments;
  const deliveries = async (appId: string): Promise<{ event: string; result: string }[]> =>
    (await gql(`query($id: ID!) { app(id: $id) { webhookDeliveries(limit: 100) { event result } } }`, { id: appId })).app.webhookDeliveries;
  const previews = async (appId: string) =>
    (
      await gql(`query($id: ID!) { app(id: $id) { previewsEnabled previews { id pullRequest branch url liveDeployment { id commitSha status trigger } } } }`, {
        id: appId,
      })
    ).app as {
      previewsEnabled: boolean;
      previews: { pullRequest: number; branch: string; url: string; liveDeployment: { id: string; commitSha: string; status: string } | null }[];
    };
  const openPull = async (head: string, base: string, title: string): Promise<number> =>
    (await gitea.request<{ number: number }>('POST', `/repos/${owner.username}/shop/pulls`, { token: ownerToken }, { head, base, title })).number;
  const closePull = (n: number) => gitea.request('PATCH', `/repos/${owner.username}/shop/pulls/${n}`, { token: ownerToken }, { state: 'closed' });
  /** Waits for a delivery with that result; a timeout shows the deliveries there were. */
  const delivered = (appId: string, result: string) =>
    until(`the delivery "${result}"`, async () => (await deliveries(appId)).some((d) => d.result === result), 60_000, 500).catch(async (err) => {
      throw new Error(`${(err as Error).message}: ${JSON.stringify(await deliveries(appId))}`);
    });
  /** The deployment of `sha` for pull request `n`, once it ended. */
  const previewOf = async (appId: string, n: number, sha: string): Promise<Deployment> => {
    let found: Deployment | undefined;
    await until(
      `a PREVIEW deployment of #${n} at ${sha}`,
      async () => !!(found = (await deployments(appId)).find((d) => d.trigger === 'PREVIEW' && d.preview?.pullRequest === n && d.commitSha === sha)),
      90_000,
      500,
    ).catch(async (err) => {
      throw new Error(`${(err as Error).message}: ${JSON.stringify({ deployments: await deployments(appId), deliveries: await deliveries(appId) })}`);
    });
    const d = await waitForDeployment(found!.id, 240_000);
    expect(d.error, JSON.stringify(await deliveries(appId))).toBeNull();
    expect(d.status).toBe('LIVE');
    return { ...found!, ...d };
  };

  beforeAll(async () => {
    await gitea.createUser(owner);
    await gitea.createUser(forker);
    ownerToken = await gitea.tokenFor(owner);
    forkToken = await gitea.tokenFor(forker);
    const created = await gitea.createRepo({ username: owner.username, token: ownerToken }, 'shop');
    pushUrl = gitea.gitUrl(owner.username, 'shop', ownerToken);
    repo.commit(busyboxApp({ body: 'main v1\n' }));
    repo.git('push', '--quiet', pushUrl, 'main');
    apps[APP] = (await createApp({ name: APP, gitUrl: created.cloneUrl, branch: 'main', healthCheckPath: '/cgi-bin/health' })).id;
    apps[SITE] = (await createApp({ name: SITE, kind: 'STATIC', gitUrl: created.cloneUrl, branch: 'main', outputDirectory: 'www' })).id;
    await gql(`mutation($id: ID!, $v: [EnvVarInput!]!) { setEnvVars(appId: $id, vars: $v) { id } }`, {
      id: apps[APP],
      v: [{ key: 'GREETING', value: SECRET, secret: true }],
    });
    for (const appId of Object.values(apps)) {
      const d = await waitForDeployment((await deploy(appId)).id, 240_000);
      expect(d.status, d.error ?? '').toBe('LIVE');
      const hook = (await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { url secret } }`, { id: appId })).enableGitWebhook;
      hooks[appId] = hook;
      await gitea.request(
        'POST',
        `/repos/${owner.username}/shop/hooks`,
        { token: ownerToken },
        { type: 'gitea', active: true, events: ['pull_request', 'pull_request_sync'], config: { url: hook.url, content_type: 'json', secret: hook.secret } },
      );
    }
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'main v1\n' });
    // the apps' team connected to Gitea as the owner: previews report commit statuses on the pull request's head
    const teamId = (await gql(`query($id: ID!) { app(id: $id) { team { id } } }`, { id: apps[APP] })).app.team.id;
    await gql(`mutation($input: ConnectForgeInput!) { connectForge(input: $input) { id } }`, {
      input: { teamId, forge: 'GITEA', baseUrl: inject('gitea').url, token: ownerToken },
    });
  }, 600_000);

  afterAll(async () => {
    for (const appId of Object.values(apps)) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  }, 300_000);

  it('with previews disabled (the default) a pull request is recorded as ignored and deploys nothing', async () => {
    expect((await previews(apps[APP])).previewsEnabled).toBe(false);
    repo.git('checkout', '--quiet', '-b', 'early', 'main');
    repo.commit({ 'www/index.html': 'early\n' }, 'early');
    repo.git('push', '--quiet', pushUrl, 'early');
    const n = await openPull('early', 'main', 'Too early');
    await delivered(apps[APP], `ignored: previews are disabled (pull request #${n})`);
    await closePull(n);
    await delivered(apps[APP], `ignored: pull request #${n} has no preview`);
    expect((await deployments(apps[APP])).filter((d) => d.trigger === 'PREVIEW')).toEqual([]);
  }, 120_000);

  it('setPreviewsEnabled: a VIEWER may not; a DEVELOPER may; an unknown app is NOT_FOUND', async () => {
    const team = (await gql(`query($id: ID!) { app(id: $id) { team { id } } }`, { id: apps[APP] })).app.team.id;
    const tokenOf = async (role: string) =>
      (
        await gql(`mutation($t: ID!, $r: TeamRole!, $n: String!) { createApiToken(teamId: $t, role: $r, name: $n) { token } }`, {
          t: team,
          r: role,
          n: `previews-${role.toLowerCase()}-${Date.now()}`,
        })
      ).createApiToken.token as string;
    const toggle = `mutation($id: ID!, $on: Boolean!) { setPreviewsEnabled(appId: $id, enabled: $on) { id previewsEnabled } }`;
    expect((await gqlRaw(toggle, { id: apps[APP], on: true }, await tokenOf('VIEWER'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])
      expect((await gqlRaw(toggle, { id, on: true })).errors?.[0]?.extensions?.code, id).toBe('NOT_FOUND');
    const developer = await tokenOf('DEVELOPER');
    for (const appId of Object.values(apps)) {
      const r = await gqlRaw<{ setPreviewsEnabled: { previewsEnabled: boolean } }>(toggle, { id: appId, on: true }, developer);
      expect(r.errors).toBeUndefined();
      expect(r.data?.setPreviewsEnabled.previewsEnabled).toBe(true);
    }
    const audit = (await gql(`query($t: ID!) { auditEvents(teamId: $t, limit: 200) { action result } }`, { t: team })).auditEvents;
    expect(audit).toContainEqual({ action: 'setPreviewsEnabled', result: 'ok' });
  });

  it('hostile pull-request deliveries (signed, so they reach the parser) are refused with 400 and deploy nothing', async () => {
    const appId = apps[APP];
    const { url, secret } = hooks[appId];
    const pr = (patch: { number?: unknown; sha?: unknown; ref?: unknown; cloneUrl?: unknown }) => ({
      action: 'opened',
      number: patch.number ?? 77,
      pull_request: {
        number: patch.number ?? 77,
        base: { ref: 'main', repo: { id: 1, full_name: 'a/shop' } },
        head: {
          ref: patch.ref ?? 'evil',
          sha: patch.sha ?? 'f'.repeat(40),
          repo: { id: 2, full_name: 'm/shop', clone_url: patch.cloneUrl ?? 'https://example.invalid/m/shop.git' },
        },
      },
    });
    const cases = [
      pr({ cloneUrl: 'ext::sh -c touch% /tmp/pwned' }),
      pr({ cloneUrl: 'https://user:token@example.invalid/m/shop.git' }),
      pr({ cloneUrl: '--upload-pack=touch /tmp/pwned' }),
      pr({ sha: '--output=/tmp/x' }),
      pr({ ref: '../../etc' }),
      pr({ number: -3 }),
      pr({ number: 'DROP TABLE previews' }),
      { action: 'opened', pull_request: 'nope' },
    ];
    for (const c of cases) {
      const body = JSON.stringify(c);
      const r = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-gitea-event': 'pull_request',
          'x-gitea-delivery': randomUUID(),
          'x-gitea-signature': createHmac('sha256', secret).update(body).digest('hex'),
        },
        body,
      });
      expect(r.status, body).toBe(400);
      expect(((await r.json()) as { result: string }).result, body).toMatch(/^refused: /);
    }
    expect((await deployments(appId)).filter((d) => d.trigger === 'PREVIEW')).toEqual([]);
    expect((await previews(appId)).previews).toEqual([]);
  });

  let pull = 0;
  let firstSha = '';
  let forkPull = 0;

  it("an opened pull request is deployed at <app>-pr-<n> (DOCKER and STATIC) with the app's secrets; the apps' own releases keep serving", async () => {
    repo.git('checkout', '--quiet', '-b', 'feature', 'main');
    firstSha = repo.commit({ 'www/index.html': 'feature v1\n' }, 'feature v1');
    repo.git('push', '--quiet', pushUrl, 'feature');
    pull = await openPull('feature', 'main', 'The feature');
    const [svc, site] = [await previewOf(apps[APP], pull, firstSha), await previewOf(apps[SITE], pull, firstSha)];
    expect(await viaEdge(`${APP}-pr-${pull}`)).toEqual({ status: 200, body: 'feature v1\n' });
    expect(await viaEdge(`${SITE}-pr-${pull}`)).toEqual({ status: 200, body: 'feature v1\n' });
    // the pull request comes from the app's own repository: the secret is there
    expect(await viaEdge(`${APP}-pr-${pull}`, '/env.txt')).toEqual({ status: 200, body: `${SECRET}\n` });
    // the apps' own hosts and live releases are untouched
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'main v1\n' });
    expect(await viaEdge(SITE)).toEqual({ status: 200, body: 'main v1\n' });
    for (const appId of Object.values(apps)) {
      const live = (await gql(`query($id: ID!) { app(id: $id) { liveDeployment { trigger } } }`, { id: appId })).app.liveDeployment;
      expect(live.trigger).toBe('MANUAL');
    }
    const listed = await previews(apps[APP]);
    expect(listed.previews).toEqual([
      {
        id: expect.any(String),
        pullRequest: pull,
        branch: 'feature',
        url: `http://${APP}-pr-${pull}.${inject('baseDomain')}:${inject('edgePort')}/`,
        liveDeployment: { id: svc.id, commitSha: firstSha, status: 'LIVE', trigger: 'PREVIEW' },
      },
    ]);
    expect((await previews(apps[SITE])).previews[0].liveDeployment?.id).toBe(site.id);
    // reported on the pull request: each app's preview status links to its preview
    for (const name of [APP, SITE]) {
      const context = `paas/deploy/${name} (preview)`;
      let mine: { status: string; target_url: string }[] = [];
      await until(
        `a success status ${context} on ${firstSha}`,
        async () => {
          const all = await gitea.request<{ status: string; target_url: string; context: string }[]>(
            'GET',
            `/repos/${owner.username}/shop/commits/${firstSha}/statuses`,
            { token: ownerToken },
          );
          mine = all.filter((s) => s.context === context);
          return mine.some((s) => s.status === 'success');
        },
        60_000,
        500,
      );
      expect(mine.find((s) => s.status === 'success')!.target_url).toBe(`http://${name}-pr-${pull}.${inject('baseDomain')}:${inject('edgePort')}/`);
    }
  }, 600_000);

  it('a push to the pull request redeploys its preview with the new sha; the older preview release goes', async () => {
    const sha = repo.commit({ 'www/index.html': 'feature v2\n' }, 'feature v2');
    repo.git('push', '--quiet', pushUrl, 'feature');
    const d = await previewOf(apps[APP], pull, sha);
    await previewOf(apps[SITE], pull, sha);
    expect(await viaEdge(`${APP}-pr-${pull}`)).toEqual({ status: 200, body: 'feature v2\n' });
    expect(await viaEdge(`${SITE}-pr-${pull}`)).toEqual({ status: 200, body: 'feature v2\n' });
    expect((await previews(apps[APP])).previews.map((p) => p.liveDeployment?.id)).toEqual([d.id]);
    const older = (await deployments(apps[APP])).find((x) => x.trigger === 'PREVIEW' && x.commitSha === firstSha);
    expect(older?.status).toBe('SUPERSEDED');
    // the app's own release still runs beside the preview's one; the older preview container is retired
    await until(
      'the older preview container retired',
      async () => (await containersOfApp(apps[APP])).filter((c) => c.State === 'running' && c.Names[0].includes(`-pr-${pull}-`)).length === 1,
      60_000,
      500,
    );
    expect((await containersOfApp(apps[APP])).some((c) => c.State === 'running' && !c.Names[0].includes('-pr-'))).toBe(true);
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'main v1\n' });
  }, 600_000);

  it('a pull request against another branch is recorded as ignored', async () => {
    repo.git('checkout', '--quiet', '-b', 'release', 'main');
    repo.git('push', '--quiet', pushUrl, 'release');
    repo.git('checkout', '--quiet', '-b', 'hotfix', 'release');
    repo.commit({ 'www/index.html': 'hotfix\n' }, 'hotfix');
    repo.git('push', '--quiet', pushUrl, 'hotfix');
    const n = await openPull('hotfix', 'release', 'Against release');
    await delivered(apps[APP], `ignored: pull request #${n} against release`);
    expect((await deployments(apps[APP])).some((d) => d.preview?.pullRequest === n)).toBe(false);
    expect((await previews(apps[APP])).previews.map((p) => p.pullRequest)).toEqual([pull]);
  }, 120_000);

  it("a fork's pull request is previewed without the app's secrets", async () => {
    await gitea.request('POST', `/repos/${owner.username}/shop/forks`, { token: forkToken }, {});
    const forkPush = gitea.gitUrl(forker.username, 'shop', forkToken);
    repo.git('checkout', '--quiet', '-b', 'from-fork', 'main');
    const sha = repo.commit({ 'www/index.html': 'from a fork\n' }, 'fork change');
    await until(
      'the fork exists',
      async () => {
        try {
          repo.git('push', '--quiet', forkPush, 'from-fork');
          return true;
        } catch {
          return false;
        }
      },
      30_000,
      1000,
    );
    const n = (forkPull = await openPull(`${forker.username}:from-fork`, 'main', 'From a fork'));
    await previewOf(apps[APP], n, sha);
    expect(await viaEdge(`${APP}-pr-${n}`)).toEqual({ status: 200, body: 'from a fork\n' });
    // GREETING is a secret: a fork's code never sees it
    expect(await viaEdge(`${APP}-pr-${n}`, '/env.txt')).toEqual({ status: 200, body: '\n' });
  }, 600_000);

  it('closing the pull request removes its previews: route, containers, and the listing; the apps keep serving', async () => {
    await closePull(pull);
    for (const appId of Object.values(apps))
      await until('the preview unlisted', async () => !(await previews(appId)).previews.some((p) => p.pullRequest === pull), 60_000, 500);
    await until(
      'the preview containers gone',
      async () => !(await containersOfApp(apps[APP])).some((c) => c.Names[0].includes(`-pr-${pull}-`)),
      120_000,
      1000,
    ).catch(async (err) => {
      const left = (await containersOfApp(apps[APP])).map((c) => `${c.Names[0]} ${c.State}`);
      throw new Error(
        `${(err as Error).message}: ${JSON.stringify({ left, deployments: await deployments(apps[APP]), deliveries: await deliveries(apps[APP]) })}`,
      );
    });
    for (const name of [APP, SITE]) {
      await until(`${name}-pr-${pull} no longer served`, async () => [404, 503].includes((await viaEdge(`${name}-pr-${pull}`)).status), 60_000, 500);
      expect(await viaEdge(name)).toEqual({ status: 200, body: 'main v1\n' });
    }
    const ofPull = (await deployments(apps[APP])).filter((d) => d.preview?.pullRequest === pull);
    expect(ofPull.length).toBeGreaterThanOrEqual(2);
    // the teardown's last step: none of the preview's deployments stays LIVE
    await until(
      'no LIVE preview deployment',
      async () => !(await deployments(apps[APP])).some((d) => d.preview?.pullRequest === pull && d.status === 'LIVE'),
      60_000,
      500,
    );
    expect((await deliveries(apps[APP])).some((d) => d.result === `preview #${pull} closing`)).toBe(true);
    // the preview's images are gone, locally and from the registry; the app's own image stays
    const images = (
      await gql(`query($id: ID!) { app(id: $id) { liveDeployment { imageRef } deployments(limit: 100) { imageRef preview { pullRequest } } } }`, {
        id: apps[APP],
      })
    ).app as { liveDeployment: { imageRef: string }; deployments: { imageRef: string | null; preview: { pullRequest: number } | null }[] };
    const refs = images.deployments.filter((d) => d.preview?.pullRequest === pull && d.imageRef).map((d) => d.imageRef!);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) {
      await expect(docker.getImage(ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const [name, digest] = ref.replace(/^[^/]+\//, '').split('@');
      const manifest = await fetch(`http://${inject('registry')}/v2/${name}/manifests/${digest}`, {
        headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      });
      expect(manifest.status, ref).toBe(404);
    }
    await docker.getImage(images.liveDeployment.imageRef).inspect();
  }, 300_000);

  it('a reopened pull request is previewed again at its head; closing it again removes it', async () => {
    const ofPull = async () => (await deployments(apps[APP])).filter((d) => d.preview?.pullRequest === pull);
    const before = (await ofPull()).length;
    await gitea.request('PATCH', `/repos/${owner.username}/shop/pulls/${pull}`, { token: ownerToken }, { state: 'open' });
    await until('a new preview deployment', async () => (await ofPull()).length > before, 60_000, 500);
    const again = await waitForDeployment((await ofPull())[0].id, 240_000);
    expect(again.status, again.error ?? '').toBe('LIVE');
    expect(await viaEdge(`${APP}-pr-${pull}`)).toEqual({ status: 200, body: 'feature v2\n' });
    expect((await previews(apps[APP])).previews.map((p) => p.pullRequest).sort()).toEqual([pull, forkPull].sort());
    await closePull(pull);
    await until('the preview unlisted again', async () => !(await previews(apps[APP])).previews.some((p) => p.pullRequest === pull), 60_000, 500);
    await until(`${APP}-pr-${pull} no longer served`, async () => [404, 503].includes((await viaEdge(`${APP}-pr-${pull}`)).status), 60_000, 500);
  }, 300_000);

  it('deleting the app removes its open previews too: containers, network, route', async () => {
    expect((await previews(apps[APP])).previews.map((p) => p.pullRequest)).toEqual([forkPull]);
    const appId = apps[APP];
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId });
    delete apps[APP];
    expect(await containersOfApp(appId)).toEqual([]);
    const networks = (await docker.listNetworks()).map((n) => n.Name);
    expect(networks.filter((n) => n === `paas-app-${APP}` || n.startsWith(`paas-app-${APP}-pr-`))).toEqual([]);
    expect([404, 503]).toContain((await viaEdge(`${APP}-pr-${forkPull}`)).status);
  }, 300_000);

  it("an open preview counts one instance of its app against the team's memory; one that would exceed the plan is refused", async () => {
    // a team of its own on the Free plan (1024 MiB); the operator's team has no limits
    const team = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `previews ${stamp}` })).createTeam.id as string;
    const created = await gitea.createRepo({ username: owner.username, token: ownerToken }, 'quota-shop');
    const quotaPush = gitea.gitUrl(owner.username, 'quota-shop', ownerToken);
    repo.git('checkout', '--quiet', 'main');
    repo.git('push', '--quiet', quotaPush, 'main');
    const app = (
      await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
        i: { name: 'prquota', teamId: team, gitUrl: created.cloneUrl, branch: 'main', healthCheckPath: '/cgi-bin/health', memoryMb: 600 },
      })
    ).createApp.id as string;
    apps.prquota = app;
    await gql(`mutation($id: ID!) { setPreviewsEnabled(appId: $id, enabled: true) { id } }`, { id: app });
    const hook = (await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { url secret } }`, { id: app })).enableGitWebhook;
    await gitea.request(
      'POST',
      `/repos/${owner.username}/quota-shop/hooks`,
      { token: ownerToken },
      { type: 'gitea', active: true, events: ['pull_request', 'pull_request_sync'], config: { url: hook.url, content_type: 'json', secret: hook.secret } },
    );
    const usage = async () => (await gql(`query($t: ID!) { team(id: $t) { usage { memoryMb } } }`, { t: team })).team.usage.memoryMb as number;
    expect(await usage()).toBe(600);
    repo.git('checkout', '--quiet', '-b', 'big', 'main');
    repo.commit({ 'www/index.html': 'big\n' }, 'big');
    repo.git('push', '--quiet', quotaPush, 'big');
    // a fresh repository's first push is registered by Gitea asynchronously: until then the pull request is a 404
    let n = 0;
    await until(
      'the pull request opened',
      async () => {
        n = await gitea
          .request<{ number: number }>('POST', `/repos/${owner.username}/quota-shop/pulls`, { token: ownerToken }, { head: 'big', base: 'main', title: 'Big' })
          .then((pr) => pr.number)
          .catch(() => 0);
        return n > 0;
      },
      30_000,
      1000,
    );
    // 600 + 600 MiB > 1024 MiB: refused, recorded, nothing deployed or listed
    await until('the refused delivery', async () => (await deliveries(app)).some((d) => d.result.startsWith('refused: Quota exceeded')), 60_000, 500);
    expect((await deployments(app)).length).toBe(0);
    expect((await previews(app)).previews).toEqual([]);
    expect(await usage()).toBe(600);
    // a smaller app fits with its preview: the next push deploys it, and the usage counts both
    await gql(`mutation($id: ID!) { updateApp(id: $id, input: { memoryMb: 400 }) { id } }`, { id: app });
    const sha = repo.commit({ 'www/index.html': 'big, smaller\n' }, 'smaller');
    repo.git('push', '--quiet', quotaPush, 'big');
    await previewOf(app, n, sha);
    expect(await usage()).toBe(800);
  }, 600_000);
});

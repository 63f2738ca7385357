// Push to deploy against the real Gitea of the test stack: Gitea signs and delivers its push
// events to the app's webhook; a push to the app's branch deploys exactly that commit, anything
// else is recorded and changes nothing. Forged, replayed, oversized and misaddressed deliveries
// are refused with a 4xx.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { giteaApi } from '../helpers/gitea-api.js';
import { createApp, gql, gqlRaw, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

interface Delivery {
  event: string;
  deliveryId: string | null;
  result: string;
}

const APP = 'hooked-app';

describe('push to deploy (forge webhooks, with Gitea)', () => {
  const gitea = giteaApi(inject('gitea').url, inject('gitea').admin);
  const repo = new FixtureRepo('main');
  const user = { username: `hooker${Date.now().toString(36)}`, password: 'webhook-pass-1234', email: `hooker${Date.now()}@example.invalid` };
  let token: string;
  let pushUrl: string;
  let appId: string;
  let hook: { url: string; secret: string };

  const deployments = async (): Promise<{ id: string; trigger: string; commitSha: string | null; status: string }[]> =>
    (await gql(`query($id: ID!) { app(id: $id) { deployments(limit: 50) { id trigger commitSha status } } }`, { id: appId })).app.deployments;
  const deliveries = async (): Promise<Delivery[]> =>
    (await gql(`query($id: ID!) { app(id: $id) { webhookDeliveries(limit: 50) { event deliveryId result } } }`, { id: appId })).app.webhookDeliveries;
  const post = (body: string, headers: Record<string, string>, url = hook.url) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string, deliveryId = randomUUID(), event = 'push') => ({
    'x-gitea-event': event,
    'x-gitea-delivery': deliveryId,
    'x-gitea-signature': createHmac('sha256', hook.secret).update(body).digest('hex'),
  });

  beforeAll(async () => {
    await gitea.createUser(user);
    token = await gitea.tokenFor(user);
    const created = await gitea.createRepo({ username: user.username, token }, 'hooked');
    pushUrl = gitea.gitUrl(user.username, 'hooked', token);
    repo.commit(busyboxApp({ body: 'hello from v1\n' }));
    repo.git('push', '--quiet', pushUrl, 'main');
    // Gitea handles a push in a queue, after the git push returned: a hook created before it got to
    // this first push would be sent it too (the first deployment then superseded by the test's own)
    await until(
      'Gitea handled the first push',
      async () => {
        const feeds = await gitea.request<{ op_type: string }[]>('GET', `/repos/${user.username}/hooked/activities/feeds`, { token });
        return feeds.some((f) => f.op_type === 'commit_repo');
      },
      30_000,
      200,
    );
    // a public repository: the platform clones it without credentials
    appId = (await createApp({ name: APP, gitUrl: created.cloneUrl, branch: 'main', healthCheckPath: '/cgi-bin/health' })).id;
  }, 120_000);

  afterAll(async () => {
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('enableGitWebhook returns the URL and a fresh secret once; App.webhook never shows it', async () => {
    const first = (await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { forge url secret } }`, { id: appId })).enableGitWebhook;
    expect(first.forge).toBe('GITEA');
    expect(first.url).toBe(`${inject('gatewayUrl')}/hooks/git/${appId}`);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    // again: the secret rotates
    hook = (await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { url secret } }`, { id: appId })).enableGitWebhook;
    expect(hook.secret).not.toBe(first.secret);
    const seen = await gql(`query($id: ID!) { app(id: $id) { webhook { forge url secret } } }`, { id: appId });
    expect(seen.app.webhook).toEqual({ forge: 'GITEA', url: hook.url, secret: null });
    // a delivery signed with the old secret is refused
    const body = JSON.stringify({ zen: 'x' });
    const old = { ...signed(body, randomUUID(), 'ping'), 'x-gitea-signature': createHmac('sha256', first.secret).update(body).digest('hex') };
    expect((await post(body, old)).status).toBe(401);
  });

  it('hostile arguments: unknown or malformed app ids are NOT_FOUND, an unknown forge is refused', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "'; DROP TABLE apps; --"]) {
      const r = await gqlRaw(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITHUB) { secret } }`, { id });
      expect(r.errors?.[0]?.extensions?.code, id).toBe('NOT_FOUND');
      const d = await gqlRaw(`mutation($id: ID!) { disableGitWebhook(appId: $id) }`, { id });
      expect(d.errors?.[0]?.extensions?.code, id).toBe('NOT_FOUND');
    }
    const bad = await gqlRaw(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: BITBUCKET) { secret } }`, { id: appId });
    expect(bad.errors?.length).toBeGreaterThan(0);
    const q = await gqlRaw(`query($id: ID!) { app(id: $id) { webhookDeliveries(limit: -5) { id } } }`, { id: appId });
    expect(q.errors).toBeUndefined();
  });

  it("a VIEWER of the app's team may not enable, disable or read deliveries (FORBIDDEN); a DEVELOPER may", async () => {
    const team = (await gql(`query($id: ID!) { app(id: $id) { team { id } } }`, { id: appId })).app.team.id;
    const tokenOf = async (role: string) =>
      (
        await gql(`mutation($t: ID!, $r: TeamRole!, $n: String!) { createApiToken(teamId: $t, role: $r, name: $n) { token } }`, {
          t: team,
          r: role,
          n: `hook-${role.toLowerCase()}-${Date.now()}`,
        })
      ).createApiToken.token as string;
    const viewer = await tokenOf('VIEWER');
    const enable = `mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { secret } }`;
    expect((await gqlRaw(enable, { id: appId }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gqlRaw(`mutation($id: ID!) { disableGitWebhook(appId: $id) }`, { id: appId }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await gqlRaw<{ app: { webhook: { secret: null } } }>(
      `query($id: ID!) { app(id: $id) { webhook { secret } webhookDeliveries { id } } }`,
      { id: appId },
      viewer,
    );
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const developer = await tokenOf('DEVELOPER');
    expect((await gqlRaw(`query($id: ID!) { app(id: $id) { webhook { secret } webhookDeliveries { id } } }`, { id: appId }, developer)).errors).toBeUndefined();
    // the webhook still holds the secret the tests use: neither token changed it
    expect((await gqlRaw(`query($id: ID!) { app(id: $id) { webhook { forge } } }`, { id: appId }, viewer)).data).toEqual({
      app: { webhook: { forge: 'GITEA' } },
    });
  });

  it('a push to the app branch deploys exactly the pushed commit (GIT_PUSH), and the edge serves it', async () => {
    await gitea.request(
      'POST',
      `/repos/${user.username}/hooked/hooks`,
      { token },
      {
        type: 'gitea',
        active: true,
        events: ['push'],
        branch_filter: '*',
        config: { url: hook.url, content_type: 'json', secret: hook.secret },
      },
    );
    const sha = repo.commit({ 'www/index.html': 'hello from v2\n' }, 'v2');
    repo.git('push', '--quiet', pushUrl, 'main');
    let pushed: { id: string } | undefined;
    await until('a GIT_PUSH deployment', async () => !!(pushed = (await deployments()).find((d) => d.trigger === 'GIT_PUSH')), 60_000, 500);
    const d = await waitForDeployment(pushed!.id, 240_000);
    const seen = JSON.stringify({ deployments: await deployments(), deliveries: await deliveries() });
    expect(d.error, seen).toBeNull();
    // one push, one deployment: nothing else was delivered or deployed
    expect((await deployments()).length, seen).toBe(1);
    expect(d.status).toBe('LIVE');
    expect(d.commitSha).toBe(sha);
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'hello from v2\n' });
    const recorded = (await deliveries()).find((x) => x.result === `deployed ${d.id}`);
    expect(recorded).toMatchObject({ event: 'push' });
    expect(recorded!.deliveryId).toMatch(/\S/);

    // the same commit told again (a redelivery under a new id, another event): recorded, not deployed again
    const again = JSON.stringify({ ref: 'refs/heads/main', before: '0'.repeat(40), after: sha, nonce: randomUUID() });
    const dup = await post(again, signed(again));
    expect(dup.status).toBe(200);
    expect(await dup.json()).toEqual({ result: `ignored: ${sha} is already deployed by ${d.id}` });
    expect((await deployments()).length).toBe(1);

    const team = (await gql(`query($id: ID!) { app(id: $id) { team { id } } }`, { id: appId })).app.team.id;
    const audit = (await gql(`query($t: ID!) { auditEvents(teamId: $t, limit: 200) { actor action result } }`, { t: team })).auditEvents;
    expect(audit).toContainEqual({ actor: 'webhook:gitea', action: 'deploy', result: 'ok' });
  }, 300_000);

  it('a push to another branch is recorded as ignored, and nothing is deployed', async () => {
    const before = (await deployments()).length;
    repo.commit({ 'www/index.html': 'dev branch\n' }, 'dev');
    repo.git('push', '--quiet', pushUrl, 'HEAD:refs/heads/dev');
    await until('the dev push recorded', async () => (await deliveries()).some((x) => x.result === 'ignored: branch dev'), 60_000, 500);
    expect((await deployments()).length).toBe(before);
    expect(await viaEdge(APP)).toEqual({ status: 200, body: 'hello from v2\n' });
  }, 120_000);

  it('a forged signature is refused (401), recorded, and deploys nothing', async () => {
    const before = (await deployments()).length;
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'f'.repeat(40) });
    const forged = { ...signed(body), 'x-gitea-signature': createHmac('sha256', 'not-the-secret').update(body).digest('hex') };
    const r = await post(body, forged);
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: 'Refused: bad signature.' });
    const unsigned = await post(body, { 'x-gitea-event': 'push', 'x-gitea-delivery': randomUUID() });
    expect(unsigned.status).toBe(401);
    // a GitHub-style header with the right hex but without its prefix is no signature either
    const prefixless = await post(body, { ...signed(body), 'x-hub-signature-256': signed(body)['x-gitea-signature'] });
    expect(prefixless.status).toBe(401);
    expect((await deliveries()).filter((x) => x.result === 'refused: bad signature').length).toBeGreaterThanOrEqual(3);
    // the forged delivery's claimed id was not kept: it cannot block the real one
    expect((await deliveries()).some((x) => x.deliveryId === forged['x-gitea-delivery'])).toBe(false);
    expect((await deployments()).length).toBe(before);
  });

  it('a replayed delivery is refused (409), by its id or by its body, and deploys nothing', async () => {
    const before = (await deployments()).length;
    const body = JSON.stringify({ ref: 'refs/heads/elsewhere', after: 'e'.repeat(40), nonce: randomUUID() });
    const headers = signed(body);
    const first = await post(body, headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ result: 'ignored: branch elsewhere' });
    const replay = await post(body, headers);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: 'Refused: replayed delivery.' });
    // the signature covers only the body: the same body under a new delivery id is a replay too
    expect((await post(body, { ...headers, 'x-gitea-delivery': randomUUID() })).status).toBe(409);
    expect((await deliveries()).filter((x) => x.result === 'refused: replayed delivery').length).toBe(2);
    expect((await deployments()).length).toBe(before);
  });

  it('ping answers 200; an oversized body 413; a missing delivery id 400; a malformed push 400', async () => {
    const ping = JSON.stringify({ zen: randomUUID() });
    const pong = await post(ping, signed(ping, randomUUID(), 'ping'));
    expect(pong.status).toBe(200);
    expect(await pong.json()).toEqual({ result: 'pong' });

    const huge = 'a'.repeat(1024 * 1024 + 1);
    const big = await post(huge, signed(huge));
    expect(big.status).toBe(413);
    expect(await big.json()).toHaveProperty('error');

    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'a'.repeat(40), n: randomUUID() });
    const { 'x-gitea-delivery': _, ...noId } = signed(body);
    expect((await post(body, noId)).status).toBe(400);
    for (const hostile of ['[]', '{"ref":["refs/heads/main"]}', `{"ref":"refs/heads/main","after":"${'a'.repeat(40)};id"}`, '{']) {
      const r = await post(hostile, signed(hostile));
      expect(r.status, hostile).toBe(400);
    }
    // another content type still reaches the signature check as raw bytes
    const plain = JSON.stringify({ zen: randomUUID() });
    const text = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'text/plain', ...signed(plain, randomUUID(), 'ping') }, body: plain });
    expect(text.status).toBe(200);
  });

  it('an unknown app, a malformed id and an app without a webhook get the same 404', async () => {
    const body = JSON.stringify({ zen: 'z' });
    const answers = [];
    for (const id of [randomUUID(), 'nope', '..%2F..%2Fgraphql']) {
      const r = await post(body, signed(body, randomUUID(), 'ping'), `${inject('gatewayUrl')}/hooks/git/${id}`);
      answers.push({ status: r.status, body: await r.json() });
    }
    expect((await gql(`mutation($id: ID!) { disableGitWebhook(appId: $id) }`, { id: appId })).disableGitWebhook).toBe(true);
    const disabled = await post(body, signed(body, randomUUID(), 'ping'));
    answers.push({ status: disabled.status, body: await disabled.json() });
    for (const a of answers) expect(a).toEqual({ status: 404, body: { error: 'There is no webhook here.' } });
    expect((await gql(`query($id: ID!) { app(id: $id) { webhook { url } } }`, { id: appId })).app.webhook).toBeNull();
  });
});

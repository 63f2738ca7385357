// GitHub App mode, against a local stand-in for the GitHub API (GitHub cannot be reached from
// here; PAAS_OUTBOUND_ALLOW lists the stand-in's port): connecting checks the App's JWT with the
// key pair generated here, installation tokens are exchanged once and cached, the repository
// picker and the commit statuses use them; GitHub-shaped webhook deliveries
// (tests/fixtures/github/) signed with X-Hub-Signature-256 deploy the pushed commit, which then
// gets its pending and failure statuses (the stand-in serves no git, so the clone fails).
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { gql, gqlRaw, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/github/${name}`, import.meta.url));
const PUSHED = '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c'; // push.json's after

describe('GitHub App mode (a local stand-in for the GitHub API)', () => {
  const stamp = Date.now().toString(36);
  // GitHub gives an App's private key as PKCS#1 PEM
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const other = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  let github: FakeGitHub;
  let teamId: string;
  let connectionId: string;
  let appId: string;
  let hook: { url: string; secret: string };

  const connect = (privateKey: string, appIdOfGitHub = '12345') =>
    gqlRaw<{ connectForge: { id: string; auth: string; account: string; baseUrl: string } }>(
      `mutation($input: ConnectForgeInput!) { connectForge(input: $input) { id auth account baseUrl } }`,
      { input: { teamId, forge: 'GITHUB', baseUrl: github.url, githubApp: { appId: appIdOfGitHub, privateKey, installationId: '678' } } },
    );
  const deliver = (body: Buffer, event: string, secret = hook.secret) =>
    fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': randomUUID(),
        'x-github-hook-installation-target-type': 'integration',
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
      body: new Uint8Array(body),
    });

  beforeAll(async () => {
    const cloneUrl = `http://127.0.0.1:${inject('fakeGithubPort')}/acme/widget.git`;
    github = await startFakeGitHub({
      port: inject('fakeGithubPort'),
      appId: '12345',
      installationId: '678',
      account: 'acme',
      publicKey: keys.publicKey,
      repositories: [
        { full_name: 'acme/widget', clone_url: cloneUrl, default_branch: 'main', private: true, branches: ['main', 'dev'] },
        { full_name: 'acme/gadget', clone_url: cloneUrl.replace('widget', 'gadget'), default_branch: 'trunk', private: false, branches: ['trunk'] },
      ],
    });
    teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `github-app-${stamp}` })).createTeam.id;
    appId = (
      await gql(`mutation($input: CreateAppInput!) { createApp(input: $input) { id } }`, {
        input: { name: `widget-${stamp}`, teamId, gitUrl: cloneUrl, branch: 'main' },
      })
    ).createApp.id;
  }, 60_000);

  afterAll(async () => {
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    await github?.stop();
  });

  it('a JWT signed with another key, or for another app, is refused by GitHub and nothing is stored', async () => {
    const wrongKey = await connect(other.privateKey);
    expect(wrongKey.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongKey.errors?.[0]?.message).toMatch(/refused the credentials \(401\)/);
    const wrongApp = await connect(keys.privateKey, '999');
    expect(wrongApp.errors?.[0]?.message).toMatch(/refused the credentials \(401\)/);
    expect(github.refusals).toEqual(['401 bad JWT signature', '401 JWT issued for app 999']);
    const malformed = await connect('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----');
    expect(malformed.errors?.[0]?.message).toMatch(/not an RSA private key/);
    for (const message of [wrongKey, wrongApp, malformed].map((r) => r.errors?.[0]?.message ?? '')) expect(message).not.toContain('PRIVATE KEY');
    expect((await gql(`query($t: ID!) { team(id: $t) { forgeConnections { id } } }`, { t: teamId })).team.forgeConnections).toEqual([]);
  });

  it('connects as the installation (account read with the App JWT); repositories and branches use one cached installation token', async () => {
    const r = await connect(keys.privateKey);
    expect(r.errors).toBeUndefined();
    expect(r.data!.connectForge).toMatchObject({ auth: 'GITHUB_APP', account: 'acme', baseUrl: github.url });
    connectionId = r.data!.connectForge.id;
    expect(github.exchanges).toBe(0);

    const list = `query($t: ID!, $s: String) { team(id: $t) { forgeConnections { id repositories(search: $s) { fullName cloneUrl defaultBranch private } } } }`;
    const [c] = (await gql(list, { t: teamId, s: null })).team.forgeConnections;
    expect(c.id).toBe(connectionId);
    expect(c.repositories.map((x: { fullName: string }) => x.fullName)).toEqual(['acme/widget', 'acme/gadget']);
    expect(c.repositories[0]).toMatchObject({ defaultBranch: 'main', private: true });
    const searched = (await gql(list, { t: teamId, s: 'gad' })).team.forgeConnections[0].repositories;
    expect(searched.map((x: { fullName: string }) => x.fullName)).toEqual(['acme/gadget']);
    const branches = (await gql(`query($t: ID!) { team(id: $t) { forgeConnections { branches(repository: "acme/widget") } } }`, { t: teamId })).team
      .forgeConnections[0].branches;
    expect(branches).toEqual(['main', 'dev']);
    // three calls, one token exchange: the installation token is cached until it expires
    expect(github.exchanges).toBe(1);
  });

  it("GitHub's ping and push deliveries (X-Hub-Signature-256): the push deploys its commit, which gets pending and failure statuses through the App", async () => {
    hook = (await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITHUB) { url secret } }`, { id: appId })).enableGitWebhook;
    const ping = await deliver(fixture('ping.json'), 'ping');
    expect(await ping.json()).toEqual({ result: 'pong' });
    const push = fixture('push.json');
    expect((await deliver(push, 'push', 'not-the-secret')).status).toBe(401);
    const accepted = await deliver(push, 'push');
    expect(accepted.status).toBe(202);
    const { deploymentId } = (await accepted.json()) as { deploymentId: string };
    // the same recorded body again is a replay, whatever its delivery id
    expect((await deliver(push, 'push')).status).toBe(409);

    const d = await waitForDeployment(deploymentId, 180_000);
    expect(d.trigger).toBe('GIT_PUSH');
    expect(d.status).toBe('FAILED'); // the stand-in serves no git
    await until('the failure status', async () => github.statuses.some((s) => s.body.state === 'failure'), 60_000, 500);
    const page = `${inject('gatewayUrl')}/#/apps/${appId}/deployments/${deploymentId}`;
    expect(github.statuses.map((s) => ({ repo: s.repo, sha: s.sha, state: s.body.state, context: s.body.context, target: s.body.target_url }))).toEqual([
      { repo: 'acme/widget', sha: PUSHED, state: 'pending', context: `paas/deploy/widget-${stamp}`, target: page },
      { repo: 'acme/widget', sha: PUSHED, state: 'failure', context: `paas/deploy/widget-${stamp}`, target: page },
    ]);
    // posted with an installation token the stand-in issued (checked there): the worker exchanged
    // one of its own (each process caches its tokens) and used it for both posts
    expect(github.exchanges).toBe(2);
    expect(github.statuses[0].token).toBe(github.statuses[1].token);
    const logs = (await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: deploymentId })).deploymentLogs.map(
      (l: { line: string }) => l.line,
    );
    expect(logs).toContainEqual(expect.stringMatching(/^Commit status: failure posted to http:\/\/127\.0\.0\.1:\d+\/acme\/widget@0d1a26e67d8f$/));
  }, 240_000);
});

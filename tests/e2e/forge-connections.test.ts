// Forge connections against the test stack's real Gitea: a team ADMIN connects with a real Gitea
// token (checked against Gitea's API), members see the connection without its token, the
// repository picker lists the token's repositories and a repository's branches through Gitea's
// API; bad tokens, hostile base URLs and a VIEWER are refused with nothing stored; disconnecting
// removes it. Both mutations are in the team's audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { giteaApi } from '../helpers/gitea-api.js';
import { gql, gqlRaw } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const CONNECTION = `id forge baseUrl auth account createdAt`;

describe('forge connections (with Gitea)', () => {
  const giteaUrl = inject('gitea').url;
  const gitea = giteaApi(giteaUrl, inject('gitea').admin);
  const repo = new FixtureRepo('main');
  const stamp = Date.now().toString(36);
  const user = { username: `forger${stamp}`, password: 'forge-pass-1234', email: `forger${stamp}@example.invalid` };
  let token: string;
  let teamId: string;
  let viewer: string;
  let developer: string;
  let connectionId: string;

  const connect = (input: Record<string, unknown>, as?: string) =>
    gqlRaw<{ connectForge: Record<string, unknown> }>(`mutation($input: ConnectForgeInput!) { connectForge(input: $input) { ${CONNECTION} } }`, { input }, as);
  const connections = async () => (await gql(`query($t: ID!) { team(id: $t) { forgeConnections { ${CONNECTION} } } }`, { t: teamId })).team.forgeConnections;

  beforeAll(async () => {
    await gitea.createUser(user);
    token = await gitea.tokenFor(user);
    await gitea.createRepo({ username: user.username, token }, 'picked');
    await gitea.createRepo({ username: user.username, token }, 'secret-stuff', { private: true });
    repo.commit(busyboxApp({ body: 'picked\n' }));
    const push = gitea.gitUrl(user.username, 'picked', token);
    repo.git('push', '--quiet', push, 'main');
    repo.git('push', '--quiet', push, 'main:refs/heads/feature-x');
    teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `forge-team-${stamp}` })).createTeam.id;
    const tokenOf = async (role: string) =>
      (
        await gql(`mutation($t: ID!, $r: TeamRole!, $n: String!) { createApiToken(teamId: $t, role: $r, name: $n) { token } }`, {
          t: teamId,
          r: role,
          n: `forge-${role}`,
        })
      ).createApiToken.token as string;
    viewer = await tokenOf('VIEWER');
    developer = await tokenOf('DEVELOPER');
  }, 120_000);

  afterAll(() => repo.remove());

  it('a VIEWER or DEVELOPER may not connect (FORBIDDEN); nothing is stored', async () => {
    for (const as of [viewer, developer]) {
      const r = await connect({ teamId, forge: 'GITEA', baseUrl: giteaUrl, token }, as);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await connections()).toEqual([]);
  });

  it('a bad token, hostile base URLs and malformed credentials are refused with a clear error; nothing is stored', async () => {
    const wrong = await connect({ teamId, forge: 'GITEA', baseUrl: giteaUrl, token: 'f'.repeat(40) });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toMatch(/refused the credentials \(401\)/);
    const hostile: [Record<string, unknown>, RegExp][] = [
      [{ baseUrl: 'http://169.254.169.254' }, /https/],
      [{ baseUrl: 'https://169.254.169.254' }, /does not connect/],
      [{ baseUrl: 'https://127.0.0.1:8443' }, /does not connect/],
      [{ baseUrl: 'https://[::1]' }, /does not connect/],
      [{ baseUrl: 'file:///etc/passwd' }, /https/],
      [{ baseUrl: `http://${user.username}:${token}@127.0.0.1/` }, /user name or password/],
      [{ baseUrl: 'not a url' }, /not a URL/],
      [{ baseUrl: null }, /base URL/],
      [{ baseUrl: giteaUrl, token: 'has spaces in it' }, /printable/],
      [{ baseUrl: giteaUrl, token: undefined }, /exactly one/],
      [{ baseUrl: giteaUrl, githubApp: { appId: '1', installationId: '2', privateKey: 'x' } }, /exactly one|GITHUB/],
    ];
    for (const [over, message] of hostile) {
      const r = await connect({ teamId, forge: 'GITEA', token, ...over });
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(over)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, JSON.stringify(over)).toMatch(message);
      expect(r.errors?.[0]?.message).not.toContain(token);
    }
    const app = await connect({
      teamId,
      forge: 'GITHUB',
      githubApp: { appId: '1', installationId: '2', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----' },
    });
    expect(app.errors?.[0]?.message).toMatch(/not an RSA private key/);
    const stranger = await connect({ teamId: randomUUID(), forge: 'GITEA', baseUrl: giteaUrl, token });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await connections()).toEqual([]);
  });

  it('an ADMIN connects with a real Gitea token: the account is read from Gitea, the token never shown; again is a CONFLICT', async () => {
    const r = await connect({ teamId, forge: 'GITEA', baseUrl: `${giteaUrl}/`, token });
    expect(r.errors).toBeUndefined();
    const c = r.data!.connectForge;
    expect(c).toMatchObject({ forge: 'GITEA', baseUrl: giteaUrl, auth: 'TOKEN', account: user.username });
    connectionId = c.id as string;
    expect(await connections()).toEqual([c]);
    // every member sees it
    const seen = await gqlRaw(`query($t: ID!) { team(id: $t) { forgeConnections { id } } }`, { t: teamId }, viewer);
    expect(seen.data).toEqual({ team: { forgeConnections: [{ id: connectionId }] } });
    expect(JSON.stringify(await gql(`query($t: ID!) { team(id: $t) { forgeConnections { ${CONNECTION} } } }`, { t: teamId }))).not.toContain(token);
    const again = await connect({ teamId, forge: 'GITEA', baseUrl: giteaUrl, token });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it("lists the token's repositories (with search) and a repository's branches through Gitea; a VIEWER may not", async () => {
    const list = `query($t: ID!, $s: String) { team(id: $t) { forgeConnections { repositories(search: $s) { fullName cloneUrl defaultBranch private } } } }`;
    const all = (await gql(list, { t: teamId, s: null })).team.forgeConnections[0].repositories;
    expect(all).toEqual(
      expect.arrayContaining([
        { fullName: `${user.username}/picked`, cloneUrl: `${giteaUrl}/${user.username}/picked.git`, defaultBranch: 'main', private: false },
        expect.objectContaining({ fullName: `${user.username}/secret-stuff`, private: true }),
      ]),
    );
    const searched = (await gql(list, { t: teamId, s: 'PICK' })).team.forgeConnections[0].repositories;
    expect(searched.map((x: { fullName: string }) => x.fullName)).toEqual([`${user.username}/picked`]);
    const branches = `query($t: ID!, $r: String!) { team(id: $t) { forgeConnections { branches(repository: $r) } } }`;
    // Gitea records a pushed branch in its push queue, after the push returned: wait until its own API lists both
    await until(
      'Gitea lists both branches',
      async () => (await gitea.request<{ name: string }[] | null>('GET', `/repos/${user.username}/picked/branches`, { token }))?.length === 2,
      30_000,
      200,
    );
    const names = (await gql(branches, { t: teamId, r: `${user.username}/picked` })).team.forgeConnections[0].branches;
    expect([...names].sort()).toEqual(['feature-x', 'main']);
    for (const r of ['../../admin', 'a/../../b', 'no-slash', `${user.username}/picked?x=1`]) {
      expect((await gqlRaw(branches, { t: teamId, r })).errors?.[0]?.extensions?.code, r).toBe('BAD_USER_INPUT');
    }
    const missing = await gqlRaw(branches, { t: teamId, r: `${user.username}/nope` });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gqlRaw(list, { t: teamId, s: null }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gqlRaw(list, { t: teamId, s: null }, developer)).errors).toBeUndefined();
  });

  it('disconnect: a VIEWER may not; an ADMIN may; both mutations are audited', async () => {
    const disconnect = `mutation($id: ID!) { disconnectForge(id: $id) }`;
    expect((await gqlRaw(disconnect, { id: connectionId }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const id of [randomUUID(), 'nope']) expect((await gqlRaw(disconnect, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // a member of another team neither disconnects it nor learns its team
    const otherTeam = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `forge-other-${stamp}` })).createTeam.id;
    const stranger = (
      await gql(`mutation($t: ID!, $n: String!) { createApiToken(teamId: $t, role: OWNER, name: $n) { token } }`, { t: otherTeam, n: 'forge-stranger' })
    ).createApiToken.token as string;
    const refused = await gqlRaw(disconnect, { id: connectionId }, stranger);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.errors?.[0]?.message).not.toContain(teamId);
    expect((await gqlRaw(`query($t: ID!) { team(id: $t) { forgeConnections { id } } }`, { t: teamId }, stranger)).data?.team ?? null).toBeNull();
    expect((await gql(disconnect, { id: connectionId })).disconnectForge).toBe(true);
    expect(await connections()).toEqual([]);
    const audit = (await gql(`query($t: ID!) { auditEvents(teamId: $t, limit: 100) { action result targetId } }`, { t: teamId })).auditEvents;
    expect(audit).toContainEqual({ action: 'connectForge', result: 'ok', targetId: connectionId });
    expect(audit).toContainEqual({ action: 'disconnectForge', result: 'ok', targetId: connectionId });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'connectForge', result: 'FORBIDDEN' }));
  });
});

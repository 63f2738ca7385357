// The lists the console's team settings and admin dashboard read: Team.apiTokens and
// Team.invitations (OWNER and ADMIN of the team; lower roles FORBIDDEN, other teams NOT_FOUND as
// an absent team) and Query.platform (platform admins only: users, API tokens and
// unauthenticated callers are refused). Through the public contract only.
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFrom, codeOf } from '../helpers/graphql-from.js';
import { gql } from '../helpers/graphql.js';
import { inject } from 'vitest';

const { call } = callerFrom('127.0.91');

const PASSWORD = 'correct horse battery';
const tag = Date.now().toString(36);
const email = (who: string) => `ov-${who.toLowerCase()}-${tag}@example.test`;
type Role = 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'VIEWER';
type Who = Role | 'STRANGER';
const ROLES: Role[] = ['OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER'];
const token = {} as Record<Who, string>;
let teamA = '';
let createdSecret = '';
let createdTokenId = '';

beforeAll(async () => {
  teamA = (await gql(`mutation { createTeam(name: "Overview ${tag}") { id } }`)).createTeam.id;
  const teamB = (await gql(`mutation { createTeam(name: "Elsewhere ${tag}") { id } }`)).createTeam.id;
  for (const role of ROLES)
    await gql(`mutation($t: ID!, $e: String!, $r: TeamRole!) { addTeamMember(teamId: $t, email: $e, role: $r) { role } }`, {
      t: teamA,
      e: email(role),
      r: role,
    });
  await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: OWNER) { role } }`, { t: teamB, e: email('stranger') });
  for (const who of [...ROLES, 'STRANGER'] as const) {
    const r = await call(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { accessToken } }`, { e: email(who), p: PASSWORD });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    token[who] = r.data.signUp.accessToken;
  }
  // one pending invitation and one token in team A
  await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: DEVELOPER) { role } }`, { t: teamA, e: email('pending') });
  const created = await gql(`mutation($t: ID!) { createApiToken(teamId: $t, name: "ci-${tag}", role: VIEWER, expiresInDays: 7) { token apiToken { id } } }`, {
    t: teamA,
  });
  createdSecret = created.createApiToken.token;
  createdTokenId = created.createApiToken.apiToken.id;
}, 120_000);

const expectations: Record<string, Record<Who, 'ok' | 'FORBIDDEN' | 'ABSENT'>> = {
  apiTokens: { OWNER: 'ok', ADMIN: 'ok', DEVELOPER: 'FORBIDDEN', VIEWER: 'FORBIDDEN', STRANGER: 'ABSENT' },
  invitations: { OWNER: 'ok', ADMIN: 'ok', DEVELOPER: 'FORBIDDEN', VIEWER: 'FORBIDDEN', STRANGER: 'ABSENT' },
};

describe('Team.apiTokens and Team.invitations by role', () => {
  it('apiTokens: OWNER and ADMIN see the token without its secret; lower roles FORBIDDEN; another team is absent', async () => {
    for (const who of [...ROLES, 'STRANGER'] as const) {
      const a = await call(`query($t: ID!) { team(id: $t) { id apiTokens { id name role expiresAt lastUsedAt createdAt } } }`, { t: teamA }, token[who]);
      const expected = expectations.apiTokens[who];
      if (expected === 'ok') {
        expect([who, codeOf(a)]).toEqual([who, 'OK']);
        expect(a.data.team.apiTokens).toEqual([expect.objectContaining({ id: createdTokenId, name: `ci-${tag}`, role: 'VIEWER', lastUsedAt: null })]);
      } else if (expected === 'ABSENT') expect([who, codeOf(a), a.data?.team]).toEqual([who, 'OK', null]);
      else expect([who, codeOf(a)]).toEqual([who, 'FORBIDDEN']);
      expect(JSON.stringify(a)).not.toContain(createdSecret);
    }
  });

  it('invitations: OWNER and ADMIN see the pending email and role; lower roles FORBIDDEN; another team is absent', async () => {
    for (const who of [...ROLES, 'STRANGER'] as const) {
      const a = await call(`query($t: ID!) { team(id: $t) { id invitations { email role createdAt } } }`, { t: teamA }, token[who]);
      const expected = expectations.invitations[who];
      if (expected === 'ok') {
        expect([who, codeOf(a)]).toEqual([who, 'OK']);
        // the members signed up, so only the pending one is still an invitation
        expect(a.data.team.invitations).toEqual([{ email: email('pending'), role: 'DEVELOPER', createdAt: expect.any(String) }]);
      } else if (expected === 'ABSENT') expect([who, codeOf(a), a.data?.team]).toEqual([who, 'OK', null]);
      else expect([who, codeOf(a)]).toEqual([who, 'FORBIDDEN']);
    }
  });

  it('a revoked token leaves the list; a used one shows lastUsedAt', async () => {
    expect(codeOf(await call(`{ teams { id } }`, {}, createdSecret))).toBe('OK');
    const used = await call(`query($t: ID!) { team(id: $t) { apiTokens { id lastUsedAt } } }`, { t: teamA }, token.OWNER);
    expect(used.data.team.apiTokens[0].lastUsedAt).toEqual(expect.any(String));
    expect((await call(`mutation($id: ID!) { revokeApiToken(id: $id) }`, { id: createdTokenId }, token.ADMIN)).data).toEqual({ revokeApiToken: true });
    const after = await call(`query($t: ID!) { team(id: $t) { apiTokens { id } } }`, { t: teamA }, token.OWNER);
    expect(after.data.team.apiTokens).toEqual([]);
  });

  it('Team.personal: true for the team a user got at sign-up, false for a team they were invited to', async () => {
    const a = await call(`{ teams { id name personal role } }`, {}, token.VIEWER);
    expect(a.data.teams).toEqual(
      expect.arrayContaining([
        { id: teamA, name: `Overview ${tag}`, personal: false, role: 'VIEWER' },
        { id: expect.any(String), name: email('VIEWER'), personal: true, role: 'OWNER' },
      ]),
    );
    expect(a.data.teams).toHaveLength(2);
  });

  it('hostile ids: a malformed or unknown team id is an absent team, not an error that reveals anything', async () => {
    for (const t of ['not-a-uuid', "' OR 1=1 --", '00000000-0000-4000-8000-000000000000']) {
      const a = await call(`query($t: ID!) { team(id: $t) { apiTokens { id } invitations { email } } }`, { t }, token.OWNER);
      expect([t, codeOf(a), a.data?.team]).toEqual([t, 'OK', null]);
    }
  });
});

describe('Query.platform', () => {
  const OVERVIEW = `{ platform { users { email platformAdmin } teams { id name plan { name } usage { apps } }
    runningReleases { id status app { name team { name } } } activeDeployments { id status app { name } } health { status dependencies { name state } } } }`;

  it('a platform admin sees every user and team, the releases, the queue and the health states', async () => {
    const { platform } = await gql(OVERVIEW);
    expect(platform.users.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([email('OWNER'), email('STRANGER')]));
    expect(platform.teams.map((t: { id: string }) => t.id)).toContain(teamA);
    expect(platform.teams.find((t: { id: string }) => t.id === teamA)).toMatchObject({ plan: { name: expect.any(String) }, usage: { apps: 0 } });
    for (const d of platform.runningReleases) expect(d.status).toBe('LIVE');
    for (const d of platform.activeDeployments) expect(['QUEUED', 'BUILDING', 'DEPLOYING', 'VERIFYING']).toContain(d.status);
    expect(platform.health.dependencies.map((d: { name: string }) => d.name).sort()).toEqual(
      ['database', 'docker', 'edge', 'objectStorage', 'registry', 'siteServer', 'temporal'].sort(),
    );
    const healthz = (await (await fetch(`${inject('gatewayUrl')}/healthz`)).json()) as { status: string };
    expect(platform.health.status).toBe(healthz.status);
  });

  it('is FORBIDDEN to every role of a team, to a team API token, and UNAUTHENTICATED without credentials; nothing is revealed', async () => {
    const apiToken = (await call(`mutation($t: ID!) { createApiToken(teamId: $t, name: "adm-${tag}", role: ADMIN) { token } }`, { t: teamA }, token.OWNER)).data
      .createApiToken.token;
    for (const [who, t] of [...Object.entries(token), ['API token', apiToken]]) {
      const a = await call(OVERVIEW, {}, t);
      expect([who, codeOf(a), a.data?.platform ?? null]).toEqual([who, 'FORBIDDEN', null]);
      expect(JSON.stringify(a)).not.toContain(email('STRANGER'));
    }
    expect(codeOf(await call(OVERVIEW, {}, null))).toBe('UNAUTHENTICATED');
  });

  it('setPlatformAdmin: a platform admin promotes a user, whose session sees the platform at once, then demotes them; nobody else may', async () => {
    const me = async () => (await call(`{ me { id platformAdmin } }`, {}, token.STRANGER)).data.me as { id: string; platformAdmin: boolean };
    const userId = (await me()).id;
    const set = (admin: boolean, as: string | null) =>
      call(`mutation($u: ID!, $a: Boolean!) { setPlatformAdmin(userId: $u, platformAdmin: $a) { id platformAdmin } }`, { u: userId, a: admin }, as);
    for (const who of ['OWNER', 'STRANGER'] as const) expect(codeOf(await set(true, token[who]))).toBe('FORBIDDEN');
    expect((await me()).platformAdmin).toBe(false);
    expect((await set(true, inject('adminToken'))).data.setPlatformAdmin).toEqual({ id: userId, platformAdmin: true });
    expect(codeOf(await call(OVERVIEW, {}, token.STRANGER))).toBe('OK');
    expect((await set(false, token.STRANGER)).data.setPlatformAdmin.platformAdmin).toBe(false);
    expect(codeOf(await call(OVERVIEW, {}, token.STRANGER))).toBe('FORBIDDEN');
    for (const bad of ['not-a-uuid', '00000000-0000-4000-8000-00000000dead'])
      expect(codeOf(await call(`mutation($u: ID!) { setPlatformAdmin(userId: $u, platformAdmin: true) { id } }`, { u: bad }, inject('adminToken')))).toBe(
        'NOT_FOUND',
      );
  });
});

// Accounts through the public contract only: users, sessions, teams, roles and API tokens.
// One platform, a few users and teams created once; the table below tries every operation as
// every role of the app's team and as a stranger: another team's app is NOT_FOUND (never
// FORBIDDEN), a role too low is FORBIDDEN, and nothing changes when a call is refused.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureRepo } from '../helpers/fixture-repo.js';
import { callerFrom, codeOf, type Answer } from '../helpers/graphql-from.js';
import { gql, waitForDeployment, wsClient } from '../helpers/graphql.js';

const { call, freshAddress } = callerFrom('127.0.77');

const PASSWORD = 'correct horse battery';
const SESSION = 'accessToken refreshToken expiresAt user { id email platformAdmin }';

async function signUp(email: string) {
  const r = await call(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { ${SESSION} } }`, { e: email, p: PASSWORD });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.signUp as { accessToken: string; refreshToken: string; user: { id: string } };
}

const tag = Date.now().toString(36);
const email = (who: string) => `${who.toLowerCase()}-${tag}@example.test`;
const repo = new FixtureRepo();
type Role = 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'VIEWER';
const ROLES: Role[] = ['OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER'];
const token: Record<Role | 'STRANGER', string> = {} as never;
const userId: Record<Role | 'STRANGER', string> = {} as never;
let teamA = '';
let teamB = '';
let appA = '';
let deploymentA = '';
let strangerApp = '';
let scheduleA = '';

beforeAll(async () => {
  repo.commit({ 'index.html': '<!doctype html><h1>team A</h1>\n' });
  // invitation mode (the default): the admin makes two teams that share nothing and invites their people
  teamA = (await gql(`mutation { createTeam(name: "A ${tag}") { id role } }`)).createTeam.id;
  teamB = (await gql(`mutation { createTeam(name: "B ${tag}") { id } }`)).createTeam.id;
  for (const role of ROLES)
    await gql(`mutation($t: ID!, $e: String!, $r: TeamRole!) { addTeamMember(teamId: $t, email: $e, role: $r) { role } }`, {
      t: teamA,
      e: email(role),
      r: role,
    });
  await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: OWNER) { role } }`, { t: teamB, e: email('stranger') });
  for (const who of [...ROLES, 'STRANGER'] as const) {
    const s = await signUp(email(who === 'STRANGER' ? 'stranger' : who));
    token[who] = s.accessToken;
    userId[who] = s.user.id;
  }
  const created = await call(
    `mutation($i: CreateAppInput!) { createApp(input: $i) { id team { id role } } }`,
    {
      i: { name: `acc-a-${tag}`, kind: 'STATIC', gitUrl: repo.url, teamId: teamA },
    },
    token.OWNER,
  );
  expect(created.errors).toBeUndefined();
  appA = created.data.createApp.id;
  expect(created.data.createApp.team).toEqual({ id: teamA, role: 'OWNER' });
  const d = await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: appA }, token.OWNER);
  deploymentA = d.data.deploy.id;
  expect((await waitForDeployment(deploymentA)).status).toBe('LIVE');
  scheduleA = (await call(`mutation($a: ID!) { createRedeploySchedule(appId: $a, cron: "0 3 1 1 *") { id } }`, { a: appA }, token.DEVELOPER)).data
    .createRedeploySchedule.id;
  strangerApp = (await call(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, { i: { name: `acc-b-${tag}`, kind: 'STATIC' } }, token.STRANGER))
    .data.createApp.id;
}, 240_000);

afterAll(async () => {
  for (const id of [appA, strangerApp]) if (id) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  repo.remove();
}, 120_000);

// what each role may do to team A's app: 'ok' (passes the policy; the operation's own answer may
// still be an error of its own, such as a bad cron), or the refusal's code
type Expectation = Record<Role | 'STRANGER', 'ok' | 'FORBIDDEN' | 'NOT_FOUND'>;
const reader: Expectation = { OWNER: 'ok', ADMIN: 'ok', DEVELOPER: 'ok', VIEWER: 'ok', STRANGER: 'NOT_FOUND' };
const developer: Expectation = { OWNER: 'ok', ADMIN: 'ok', DEVELOPER: 'ok', VIEWER: 'FORBIDDEN', STRANGER: 'NOT_FOUND' };
const admin: Expectation = { OWNER: 'ok', ADMIN: 'ok', DEVELOPER: 'FORBIDDEN', VIEWER: 'FORBIDDEN', STRANGER: 'NOT_FOUND' };

const OPERATIONS: { name: string; query: () => string; vars: () => Record<string, unknown>; expect: Expectation; absentAs?: (a: Answer) => boolean }[] = [
  {
    name: 'app',
    query: () => `query($a: ID!) { app(id: $a) { id env { key } } }`,
    vars: () => ({ a: appA }),
    expect: reader,
    absentAs: (a) => a.data?.app === null,
  },
  { name: 'apps', query: () => `{ apps { id } }`, vars: () => ({}), expect: reader, absentAs: (a) => !a.data?.apps.some((x: { id: string }) => x.id === appA) },
  {
    name: 'team',
    query: () => `query($t: ID!) { team(id: $t) { id members { role } apps { id } } }`,
    vars: () => ({ t: teamA }),
    expect: reader,
    absentAs: (a) => a.data?.team === null,
  },
  {
    name: 'deployment',
    query: () => `query($d: ID!) { deployment(id: $d) { id } }`,
    vars: () => ({ d: deploymentA }),
    expect: reader,
    absentAs: (a) => a.data?.deployment === null,
  },
  {
    name: 'deploymentLogs (query)',
    query: () => `query($d: ID!) { deploymentLogs(deploymentId: $d) { seq } }`,
    vars: () => ({ d: deploymentA }),
    expect: reader,
  },
  {
    name: 'createApp',
    query: () => `mutation($t: ID!) { createApp(input: { name: "Not A Valid Name", kind: STATIC, teamId: $t }) { id } }`,
    vars: () => ({ t: teamA }),
    expect: developer,
  },
  {
    name: 'pauseRedeploySchedule',
    query: () => `mutation($s: ID!) { pauseRedeploySchedule(id: $s) { id } }`,
    vars: () => ({ s: scheduleA }),
    expect: developer,
  },
  {
    name: 'resumeRedeploySchedule',
    query: () => `mutation($s: ID!) { resumeRedeploySchedule(id: $s) { id } }`,
    vars: () => ({ s: scheduleA }),
    expect: developer,
  },
  { name: 'updateApp', query: () => `mutation($a: ID!) { updateApp(id: $a, input: {}) { id } }`, vars: () => ({ a: appA }), expect: developer },
  { name: 'setEnvVars', query: () => `mutation($a: ID!) { setEnvVars(appId: $a, vars: []) { id } }`, vars: () => ({ a: appA }), expect: developer },
  { name: 'unsetEnvVars', query: () => `mutation($a: ID!) { unsetEnvVars(appId: $a, keys: []) { id } }`, vars: () => ({ a: appA }), expect: developer },
  {
    name: 'createRedeploySchedule',
    query: () => `mutation($a: ID!) { createRedeploySchedule(appId: $a, cron: "not a cron") { id } }`,
    vars: () => ({ a: appA }),
    expect: developer,
  },
  { name: 'createUpload', query: () => `mutation($a: ID!) { createUpload(appId: $a) { id } }`, vars: () => ({ a: appA }), expect: developer },
  {
    name: 'deployUpload',
    query: () => `mutation($a: ID!) { deployUpload(appId: $a, uploadId: "00000000-0000-4000-8000-00000000abcd") { id } }`,
    vars: () => ({ a: appA }),
    expect: developer,
  },
  { name: 'deploy', query: () => `mutation($a: ID!) { deploy(appId: $a, commitSha: "not-a-sha") { id } }`, vars: () => ({ a: appA }), expect: developer },
  { name: 'rollback', query: () => `mutation($a: ID!) { rollback(appId: $a) { id } }`, vars: () => ({ a: appA }), expect: developer },
  { name: 'cancelDeployment', query: () => `mutation($d: ID!) { cancelDeployment(id: $d) { id } }`, vars: () => ({ d: deploymentA }), expect: developer },
  {
    name: 'addTeamMember',
    query: () => `mutation($t: ID!) { addTeamMember(teamId: $t, email: "new-${tag}@example.test", role: VIEWER) { role } }`,
    vars: () => ({ t: teamA }),
    expect: admin,
  },
  {
    name: 'createApiToken',
    query: () => `mutation($t: ID!) { createApiToken(teamId: $t, name: "ci", role: VIEWER) { token } }`,
    vars: () => ({ t: teamA }),
    expect: admin,
  },
];

describe('every operation × role × own or other team', () => {
  for (const op of OPERATIONS) {
    it(op.name, async () => {
      for (const who of [...ROLES, 'STRANGER'] as const) {
        const a = await call(op.query(), op.vars(), token[who]);
        const code = codeOf(a);
        const expected = op.expect[who];
        if (expected === 'ok')
          expect([who, code], JSON.stringify(a.errors)).not.toSatisfy(([, c]: [string, string]) => ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED'].includes(c));
        else if (expected === 'NOT_FOUND' && op.absentAs) expect([who, code, op.absentAs(a)]).toEqual([who, 'OK', true]);
        else expect([who, code]).toEqual([who, expected]);
        if (code === 'FORBIDDEN' || code === 'NOT_FOUND') expect(a.errors![0].message).not.toMatch(/acc-a-/);
      }
    });
  }

  it('deleteApp: a VIEWER is FORBIDDEN, a stranger NOT_FOUND, the app stays; a DEVELOPER may', async () => {
    const doomed = (
      await call(
        `mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`,
        { i: { name: `acc-d-${tag}`, kind: 'STATIC', teamId: teamA } },
        token.DEVELOPER,
      )
    ).data.createApp.id;
    expect(codeOf(await call(`mutation($a: ID!) { deleteApp(id: $a) }`, { a: doomed }, token.VIEWER))).toBe('FORBIDDEN');
    expect(codeOf(await call(`mutation($a: ID!) { deleteApp(id: $a) }`, { a: doomed }, token.STRANGER))).toBe('NOT_FOUND');
    expect((await gql(`query($a: ID!) { app(id: $a) { id } }`, { a: doomed })).app).toEqual({ id: doomed });
    expect(await call(`mutation($a: ID!) { deleteApp(id: $a) }`, { a: doomed }, token.DEVELOPER)).toMatchObject({ data: { deleteApp: true } });
  });

  it('deleteRedeploySchedule: a VIEWER is FORBIDDEN, a stranger NOT_FOUND, the schedule stays; a DEVELOPER may', async () => {
    const del = (who: Role | 'STRANGER') => call(`mutation($s: ID!) { deleteRedeploySchedule(id: $s) }`, { s: scheduleA }, token[who]);
    expect(codeOf(await del('VIEWER'))).toBe('FORBIDDEN');
    expect(codeOf(await del('STRANGER'))).toBe('NOT_FOUND');
    expect((await gql(`query($a: ID!) { app(id: $a) { redeploySchedules { id } } }`, { a: appA })).app.redeploySchedules).toEqual([{ id: scheduleA }]);
    expect((await del('DEVELOPER')).data).toEqual({ deleteRedeploySchedule: true });
  });

  it('a VIEWER cannot create apps in the team; a stranger cannot even see the team', async () => {
    expect(
      codeOf(await call(`mutation($t: ID!) { createApp(input: { name: "acc-v-${tag}", kind: STATIC, teamId: $t }) { id } }`, { t: teamA }, token.VIEWER)),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await call(`mutation($t: ID!) { createApp(input: { name: "acc-s-${tag}", kind: STATIC, teamId: $t }) { id } }`, { t: teamA }, token.STRANGER)),
    ).toBe('NOT_FOUND');
    const names = (await gql(`{ apps { name } }`)).apps.map((a: { name: string }) => a.name);
    expect(names).not.toContain(`acc-v-${tag}`);
    expect(names).not.toContain(`acc-s-${tag}`);
  });

  it('two users who share nothing do not see each other in apps, teams or team lists', async () => {
    const mine = await call(`{ apps { id } teams { id } }`, {}, token.STRANGER);
    expect(mine.data.apps.map((a: { id: string }) => a.id)).toEqual([strangerApp]);
    expect(mine.data.teams.map((t: { id: string }) => t.id)).not.toContain(teamA);
    const theirs = await call(`query($a: ID!, $t: ID!) { app(id: $a) { id } team(id: $t) { id } }`, { a: strangerApp, t: teamB }, token.OWNER);
    expect(theirs.data).toEqual({ app: null, team: null });
  });
});

function subscribeOnce(client: Client, query: string, variables: Record<string, unknown>, waitMs = 4_000): Promise<{ data: unknown[]; error?: unknown }> {
  return new Promise((resolve) => {
    const data: unknown[] = [];
    let settled = false;
    const done = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stop();
      resolve({ data, error });
    };
    const stop = client.subscribe({ query, variables }, { next: (v) => void data.push(v), error: (e) => done(e), complete: () => done() });
    setTimeout(() => done(), waitMs);
  });
}

describe('over WebSocket', () => {
  it("a stranger cannot observe the team's deployments or logs; a VIEWER can", async () => {
    const stranger = wsClient(token.STRANGER);
    const viewer = wsClient(token.VIEWER);
    try {
      const updates = await subscribeOnce(stranger, `subscription($a: ID!) { deploymentUpdated(appId: $a) { id } }`, { a: appA });
      expect(JSON.stringify(updates.error)).toMatch(/NOT_FOUND|does not exist/);
      expect(updates.data).toEqual([]);
      const logs = await subscribeOnce(stranger, `subscription($d: ID!) { deploymentLogs(deploymentId: $d, afterSeq: 0) { seq line } }`, { d: deploymentA });
      expect(JSON.stringify(logs.error)).toMatch(/NOT_FOUND|does not exist/);
      expect(logs.data).toEqual([]);
      const own = await subscribeOnce(viewer, `subscription($d: ID!) { deploymentLogs(deploymentId: $d, afterSeq: 0) { seq line } }`, { d: deploymentA });
      expect(own.error).toBeUndefined();
      expect(own.data.length).toBeGreaterThan(0);
    } finally {
      await stranger.dispose();
      await viewer.dispose();
    }
  });
});

describe('over WebSocket, after leaving the team', () => {
  it('a member removed from the team, or a revoked token, stops receiving its deployments at once; the others go on', async () => {
    const who = email('leaver');
    const bot = (
      await call(`mutation($t: ID!) { createApiToken(teamId: $t, name: "watcher", role: VIEWER) { token apiToken { id } } }`, { t: teamA }, token.OWNER)
    ).data.createApiToken;
    await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: teamA, e: who });
    const leaver = await signUp(who);
    const leaverClient = wsClient(leaver.accessToken);
    const viewerClient = wsClient(token.VIEWER);
    const botClient = wsClient(bot.token);
    const seen = { leaver: [] as unknown[], viewer: [] as unknown[], bot: [] as unknown[] };
    let leaverEnded = false;
    let botEnded = false;
    const query = `subscription($a: ID!) { deploymentUpdated(appId: $a) { id status } }`;
    const stopLeaver = leaverClient.subscribe(
      { query, variables: { a: appA } },
      { next: (v) => void seen.leaver.push(v), error: () => (leaverEnded = true), complete: () => (leaverEnded = true) },
    );
    const stopBot = botClient.subscribe(
      { query, variables: { a: appA } },
      { next: (v) => void seen.bot.push(v), error: () => (botEnded = true), complete: () => (botEnded = true) },
    );
    const stopViewer = viewerClient.subscribe(
      { query, variables: { a: appA } },
      { next: (v) => void seen.viewer.push(v), error: () => undefined, complete: () => undefined },
    );
    try {
      await new Promise((r) => setTimeout(r, 1_000)); // both subscriptions are listening
      await gql(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, { t: teamA, u: leaver.user.id });
      await gql(`mutation($id: ID!) { revokeApiToken(id: $id) }`, { id: bot.apiToken.id });
      const d = (await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: appA }, token.OWNER)).data.deploy.id as string;
      expect((await waitForDeployment(d)).status).toBe('LIVE');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(seen.viewer.length).toBeGreaterThan(0);
      expect(seen.leaver).toEqual([]);
      expect(leaverEnded).toBe(true);
      expect(seen.bot).toEqual([]);
      expect(botEnded).toBe(true);
    } finally {
      stopLeaver();
      stopViewer();
      stopBot();
      await botClient.dispose();
      await leaverClient.dispose();
      await viewerClient.dispose();
    }
  }, 120_000);
});

describe('sessions', () => {
  it('refresh tokens are single-use; reusing one revokes the whole family', async () => {
    const s = (await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ${SESSION} } }`, { e: email('VIEWER'), p: PASSWORD })).data
      .signIn;
    const next = (await call(`mutation($r: String!) { refreshSession(refreshToken: $r) { ${SESSION} } }`, { r: s.refreshToken })).data.refreshSession;
    expect(next.refreshToken).not.toBe(s.refreshToken);
    expect((await call(`{ me { email } }`, {}, next.accessToken)).data.me.email).toBe(email('VIEWER'));
    const reused = await call(`mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: s.refreshToken });
    expect(codeOf(reused)).toBe('UNAUTHENTICATED');
    // the thief's reuse revoked the rotated token too, and the session's access tokens with it
    expect(codeOf(await call(`mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: next.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(`{ me { email } }`, {}, next.accessToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(`{ me { email } }`, {}, s.accessToken))).toBe('UNAUTHENTICATED');
  });

  it('signOut ends the session: its refresh token no longer works', async () => {
    const s = (await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ${SESSION} } }`, { e: email('DEVELOPER'), p: PASSWORD })).data
      .signIn;
    expect(codeOf(await call(`{ me { email } }`, {}, s.accessToken))).toBe('OK');
    expect((await call(`mutation($r: String!) { signOut(refreshToken: $r) }`, { r: s.refreshToken })).data).toEqual({ signOut: true });
    expect(codeOf(await call(`{ me { email } }`, {}, s.accessToken))).toBe('UNAUTHENTICATED');
    // other sessions of the same user go on
    expect(codeOf(await call(`{ me { email } }`, {}, token.DEVELOPER))).toBe('OK');
    expect(codeOf(await call(`mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: s.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('hostile input', () => {
  it('wrong passwords: a clear error, then the account is locked, also for the right password', async () => {
    const who = email('OWNER');
    for (let i = 0; i < 5; i++) {
      const r = await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: who, p: `wrong ${i}` });
      expect([r.status, codeOf(r), r.errors?.[0].message]).toEqual([401, 'UNAUTHENTICATED', 'Wrong email or password.']);
    }
    const locked = await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: who, p: PASSWORD });
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    // an unknown email gets the same answer as a wrong password
    const unknown = await call(`mutation { signIn(email: "nobody-${tag}@example.test", password: "whatever it is") { accessToken } }`);
    expect([codeOf(unknown), unknown.errors?.[0].message]).toEqual(['UNAUTHENTICATED', 'Wrong email or password.']);
    // the access tokens already issued keep working
    expect(codeOf(await call(`{ me { id } }`, {}, token.OWNER))).toBe('OK');
  });

  it('wrong passwords from one address are throttled per address', async () => {
    const address = freshAddress();
    const codes: string[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(codeOf(await call(`mutation { signIn(email: "x${i}-${tag}@example.test", password: "nope nope nope") { accessToken } }`, {}, null, address)));
    expect(codes.slice(0, 10).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('forged access tokens (alg none, another key, a changed payload) are UNAUTHENTICATED', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { sub: userId.STRANGER, iss: 'paas', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 };
    const [h, , sig] = token.OWNER.split('.');
    for (const forged of [
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.${Buffer.from('x'.repeat(32)).toString('base64url')}`,
      `${h}.${b64(claims)}.${sig}`,
    ]) {
      const r = await call(`query($t: ID!) { team(id: $t) { id } }`, { t: teamB }, forged);
      expect([r.status, codeOf(r)]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('signing up without an invitation is refused (PAAS_SIGNUP=invite) and creates no account', async () => {
    const r = await call(`mutation { signUp(email: "uninvited-${tag}@example.test", password: "${PASSWORD}") { accessToken } }`);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(codeOf(await call(`mutation { signIn(email: "uninvited-${tag}@example.test", password: "${PASSWORD}") { accessToken } }`))).toBe('UNAUTHENTICATED');
  });

  it('a malformed invitation email is BAD_USER_INPUT and invites no one', async () => {
    const before = (await gql(`query($t: ID!) { team(id: $t) { members { user { email } role } } }`, { t: teamA })).team.members;
    for (const bad of ['not-an-email', 'a@b', 'two@@example.test', ' ', 'x@example.test\nBcc: y@example.test']) {
      const r = await call(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: teamA, e: bad }, token.ADMIN);
      expect([bad, codeOf(r)]).toEqual([bad, 'BAD_USER_INPUT']);
    }
    expect((await gql(`query($t: ID!) { team(id: $t) { members { user { email } role } } }`, { t: teamA })).team.members).toEqual(before);
  });

  it('roles above the caller’s own are refused: members, tokens, removing an owner', async () => {
    const before = (await gql(`query($t: ID!) { team(id: $t) { members { user { id } role } } }`, { t: teamA })).team.members;
    expect(
      codeOf(
        await call(
          `mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: OWNER) { role } }`,
          { t: teamA, e: email('VIEWER') },
          token.ADMIN,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await call(`mutation($t: ID!) { createApiToken(teamId: $t, name: "root", role: OWNER) { token } }`, { t: teamA }, token.ADMIN))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await call(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, { t: teamA, u: userId.OWNER }, token.ADMIN))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(
        await call(
          `mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: ADMIN) { role } }`,
          { t: teamA, e: email('VIEWER') },
          token.DEVELOPER,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect((await gql(`query($t: ID!) { team(id: $t) { members { user { id } role } } }`, { t: teamA })).team.members).toEqual(before);
  });
});

describe('teams and members', () => {
  it('an invited email signs up into the team and sees its apps; removed, it sees nothing of it', async () => {
    const who = email('joiner');
    await call(
      `mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { user { email } role } }`,
      { t: teamA, e: who },
      token.ADMIN,
    );
    const s = await signUp(who);
    const seen = await call(`{ apps { id } teams { id role } }`, {}, s.accessToken);
    expect(seen.data.apps.map((a: { id: string }) => a.id)).toContain(appA);
    expect(seen.data.teams).toContainEqual({ id: teamA, role: 'VIEWER' });
    expect((await call(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, { t: teamA, u: s.user.id }, token.ADMIN)).data).toEqual({
      removeTeamMember: true,
    });
    expect((await call(`query($a: ID!) { app(id: $a) { id } }`, { a: appA }, s.accessToken)).data).toEqual({ app: null });
    expect(codeOf(await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: appA }, s.accessToken))).toBe('NOT_FOUND');
  });

  it('refuses a second account for one email, a short password, a bad team name, and a team made by a token', async () => {
    // the account exists and its invitation was used: signing up again is refused, the account unchanged
    const again = await call(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { accessToken } }`, {
      e: email('VIEWER'),
      p: 'another password entirely',
    });
    expect(codeOf(again)).toBe('FORBIDDEN');
    expect(
      codeOf(await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: email('VIEWER'), p: PASSWORD })),
    ).toBe('OK');
    const invited = email('short');
    await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: teamB, e: invited });
    const short = await call(`mutation($e: String!) { signUp(email: $e, password: "short") { accessToken } }`, { e: invited });
    expect([codeOf(short), short.errors?.[0].message]).toEqual(['BAD_USER_INPUT', 'A password needs at least 10 characters.']);
    // nothing was left behind: the invitation still works
    await signUp(invited);
    for (const name of ['', '   ', 'x'.repeat(101)])
      expect(codeOf(await call(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: name }, token.OWNER))).toBe('BAD_USER_INPUT');
    const bot = (await call(`mutation($t: ID!) { createApiToken(teamId: $t, name: "bot", role: ADMIN) { token } }`, { t: teamA }, token.OWNER)).data
      .createApiToken.token;
    expect(codeOf(await call(`mutation { createTeam(name: "by a bot") { id } }`, {}, bot))).toBe('FORBIDDEN');
    expect(codeOf(await call(`{ me { id } }`, {}, bot))).toBe('FORBIDDEN');
  });

  it('keeps one owner: the last OWNER cannot be removed; a stranger cannot remove anyone', async () => {
    expect(codeOf(await call(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, { t: teamA, u: userId.OWNER }, token.OWNER))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await call(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, { t: teamA, u: userId.VIEWER }, token.STRANGER))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await call(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`, { t: teamA, u: userId.STRANGER }, token.OWNER))).toBe(
      'NOT_FOUND',
    );
    const roles = (await gql(`query($t: ID!) { team(id: $t) { members { user { id } role } } }`, { t: teamA })).team.members;
    expect(roles).toContainEqual({ user: { id: userId.OWNER }, role: 'OWNER' });
    expect(roles).toContainEqual({ user: { id: userId.VIEWER }, role: 'VIEWER' });
  });
});

describe('API tokens', () => {
  it('act as their team with their role, keep lastUsedAt, and stop at once when revoked', async () => {
    const created = await call(
      `mutation($t: ID!) { createApiToken(teamId: $t, name: "deploy bot", role: DEVELOPER, expiresInDays: 7) { token apiToken { id role lastUsedAt expiresAt team { id } } } }`,
      { t: teamA },
      token.ADMIN,
    );
    const { token: secret, apiToken } = created.data.createApiToken;
    expect(apiToken).toMatchObject({ role: 'DEVELOPER', lastUsedAt: null, team: { id: teamA } });
    expect(secret).toMatch(/^paas_tok_/);
    const seen = await call(`{ apps { id } teams { id role } }`, {}, secret);
    expect(seen.data.apps.map((a: { id: string }) => a.id)).toEqual([appA]);
    expect(seen.data.teams).toEqual([{ id: teamA, role: 'DEVELOPER' }]);
    // a DEVELOPER token cannot make tokens, nor see another team
    expect(codeOf(await call(`mutation($t: ID!) { createApiToken(teamId: $t, name: "x", role: VIEWER) { token } }`, { t: teamA }, secret))).toBe('FORBIDDEN');
    expect(codeOf(await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: strangerApp }, secret))).toBe('NOT_FOUND');
    // a DEVELOPER cannot revoke it; an ADMIN can, and then it is UNAUTHENTICATED
    expect(codeOf(await call(`mutation($id: ID!) { revokeApiToken(id: $id) }`, { id: apiToken.id }, token.DEVELOPER))).toBe('FORBIDDEN');
    expect(codeOf(await call(`mutation($id: ID!) { revokeApiToken(id: $id) }`, { id: apiToken.id }, token.STRANGER))).toBe('NOT_FOUND');
    expect((await call(`mutation($id: ID!) { revokeApiToken(id: $id) }`, { id: apiToken.id }, token.ADMIN)).data).toEqual({ revokeApiToken: true });
    const after = await call(`{ apps { id } }`, {}, secret);
    expect([after.status, codeOf(after)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses a bad expiry and a bad name, and makes no token', async () => {
    for (const [name, days] of [
      ['ok', 0],
      ['ok', -1],
      ['ok', 100000],
      ['', 7],
      ['a\u0000b', 7],
    ] as const) {
      const r = await call(
        `mutation($t: ID!, $n: String!, $d: Int) { createApiToken(teamId: $t, name: $n, role: VIEWER, expiresInDays: $d) { token } }`,
        { t: teamA, n: name, d: days },
        token.OWNER,
      );
      expect([name, days, codeOf(r)]).toEqual([name, days, 'BAD_USER_INPUT']);
    }
  });
});

describe('the admin token', () => {
  it('is a platform admin: every team, every app, OWNER everywhere', async () => {
    const r = await gql(`query($a: ID!, $b: ID!) { me { platformAdmin } a: team(id: $a) { role } b: team(id: $b) { role } apps { id } }`, {
      a: teamA,
      b: teamB,
    });
    expect(r.me.platformAdmin).toBe(true);
    expect([r.a.role, r.b.role]).toEqual(['OWNER', 'OWNER']);
    expect(r.apps.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([appA, strangerApp]));
  });
});

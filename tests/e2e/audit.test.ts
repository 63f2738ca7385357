// The audit log through the public contract: every mutation (refused ones too) and every sign-in
// is recorded with who, what, which target, the team and the result; a team's OWNER and ADMIN
// read it, a VIEWER is FORBIDDEN, a stranger gets NOT_FOUND; no argument value (passwords, secret
// env values) is ever recorded. The stored rows are also read raw, for what the API does not show.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FixtureRepo } from '../helpers/fixture-repo.js';
import { callerFrom, codeOf, type Answer } from '../helpers/graphql-from.js';
import { gql, waitForDeployment } from '../helpers/graphql.js';
import { rawAuditEvents as rawRows } from '../helpers/raw-audit.js';

const { call } = callerFrom('127.0.88');

const tag = Date.now().toString(36);
const email = (who: string) => `audit-${who}-${tag}@example.test`;
const PASSWORD = `audit password ${tag}`;
const CANARY = `audit-canary-${tag}-9f3a`;
const EVENT = 'id at actor action targetId teamId result';
const repo = new FixtureRepo();

interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetId: string | null;
  teamId: string | null;
  result: string;
}

let owner = '';
let viewer = '';
let stranger = '';
let team = '';
let appId = '';
let deploymentId = '';
const ownerAddress = '127.0.88.200';

async function signUp(who: string): Promise<{ accessToken: string }> {
  const r = await call(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { accessToken } }`, { e: email(who), p: PASSWORD });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.signUp;
}

async function auditOf(token: string, teamId = team, limit?: number): Promise<Answer<{ auditEvents: AuditEvent[] }>> {
  return call(`query($t: ID!, $l: Int) { auditEvents(teamId: $t, limit: $l) { ${EVENT} } }`, { t: teamId, l: limit }, token);
}

beforeAll(async () => {
  repo.commit({ 'index.html': '<!doctype html><h1>audited</h1>\n' });
  // invitation mode (the default): the admin invites the owner and the stranger; the owner invites the viewer
  const invitations = (await gql(`mutation { createTeam(name: "audit-invites-${tag}") { id } }`)).createTeam.id as string;
  for (const who of ['owner', 'stranger'])
    await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: invitations, e: email(who) });
  owner = (await signUp('owner')).accessToken;
  stranger = (await signUp('stranger')).accessToken;
  team = (await call(`{ teams { id name role } }`, {}, owner)).data.teams.find((t: { role: string; id: string }) => t.id !== invitations).id;
  const added = await call(
    `mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`,
    { t: team, e: email('viewer') },
    owner,
  );
  expect(added.errors).toBeUndefined();
  viewer = (await signUp('viewer')).accessToken;

  const created = await call(
    `mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`,
    { i: { name: `audit-${tag}`, kind: 'STATIC', gitUrl: repo.url, teamId: team } },
    owner,
    ownerAddress,
  );
  expect(created.errors).toBeUndefined();
  appId = created.data.createApp.id;
  const env = await call(
    `mutation($a: ID!, $v: [EnvVarInput!]!) { setEnvVars(appId: $a, vars: $v) { id } }`,
    { a: appId, v: [{ key: 'AUDIT_SECRET', value: CANARY, secret: true }] },
    owner,
  );
  expect(env.errors).toBeUndefined();
  const d = await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: appId }, owner);
  expect(d.errors).toBeUndefined();
  deploymentId = d.data.deploy.id;
  expect((await waitForDeployment(deploymentId)).status).toBe('LIVE');
}, 240_000);

afterAll(async () => {
  if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
  repo.remove();
}, 120_000);

describe('the audit log', () => {
  it("records a user's mutations with who, what, which target, the team and the result, newest first, from the caller's address", async () => {
    const r = await auditOf(owner);
    expect(r.errors).toBeUndefined();
    const events = r.data!.auditEvents;
    const mine = events.filter((e) => ['createApp', 'setEnvVars', 'deploy'].includes(e.action));
    expect(mine.map((e) => [e.action, e.actor, e.targetId, e.teamId, e.result])).toEqual([
      ['deploy', email('owner'), appId, team, 'ok'],
      ['setEnvVars', email('owner'), appId, team, 'ok'],
      ['createApp', email('owner'), appId, team, 'ok'],
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(events.find((e) => e.action === 'addTeamMember')).toMatchObject({ actor: email('owner'), targetId: team, result: 'ok' });
    // the address is stored, though the contract does not show it
    const [createRow] = await rawRows(`action = 'createApp' AND target_id = $1`, [appId]);
    expect(createRow.address).toBe(ownerAddress);
    expect((await auditOf(owner, team, 2)).data!.auditEvents).toHaveLength(2);
  });

  it('records a refused mutation with its error code, and the refusal changed nothing', async () => {
    const refused = await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: appId }, viewer);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const hostile = await call(
      `mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`,
      { i: { name: '../../etc', kind: 'STATIC', teamId: team } },
      owner,
    );
    expect(codeOf(hostile)).toBe('BAD_USER_INPUT');
    const events = (await auditOf(owner)).data!.auditEvents;
    expect(events.find((e) => e.action === 'deploy' && e.result !== 'ok')).toMatchObject({
      actor: email('viewer'),
      targetId: appId,
      teamId: team,
      result: 'FORBIDDEN',
    });
    expect(events.find((e) => e.action === 'createApp' && e.result !== 'ok')).toMatchObject({ actor: email('owner'), teamId: team, result: 'BAD_USER_INPUT' });
    const deployments = (await call(`query($a: ID!) { app(id: $a) { deployments { id } } }`, { a: appId }, owner)).data.app.deployments;
    expect(deployments.map((x: { id: string }) => x.id)).toEqual([deploymentId]);
    expect((await call(`{ apps { name } }`, {}, owner)).data.apps.map((a: { name: string }) => a.name)).toEqual([`audit-${tag}`]);
  });

  it("records sign-ins and failed sign-ins in the account's personal team, and one of an unknown email in no team", async () => {
    const wrong = await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, {
      e: email('owner'),
      p: 'not the password',
    });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    const right = await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: email('owner'), p: PASSWORD });
    expect(right.errors).toBeUndefined();
    const unknown = `nobody-${tag}@example.test`;
    expect(codeOf(await call(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { accessToken } }`, { e: unknown, p: PASSWORD }))).toBe(
      'UNAUTHENTICATED',
    );
    const signIns = (await auditOf(owner)).data!.auditEvents.filter((e) => e.action === 'signIn');
    expect(signIns.map((e) => [e.actor, e.teamId, e.result])).toEqual([
      [email('owner'), team, 'ok'],
      [email('owner'), team, 'UNAUTHENTICATED'],
    ]);
    const rows = await rawRows(`actor = $1`, [unknown]);
    expect(rows.map((r) => [r.action, r.team_id, r.result])).toEqual([['signIn', null, 'UNAUTHENTICATED']]);
  });

  it("names an API token's caller by the token's name and the admin token's as admin, and never records the token", async () => {
    const created = await call(
      `mutation($t: ID!, $n: String!) { createApiToken(teamId: $t, name: $n, role: DEVELOPER) { token apiToken { id } } }`,
      { t: team, n: `ci-${tag}` },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data.createApiToken as { token: string; apiToken: { id: string } };
    expect(codeOf(await call(`mutation($a: ID!) { createRedeploySchedule(appId: $a, cron: "0 3 1 1 *") { id } }`, { a: appId }, token))).toBe('OK');
    expect(codeOf(await call(`mutation($a: ID!) { updateApp(id: $a, input: { branch: "main" }) { id } }`, { a: appId }, inject('adminToken')))).toBe('OK');
    const events = (await auditOf(owner)).data!.auditEvents;
    expect(events.find((e) => e.action === 'createApiToken')).toMatchObject({ actor: email('owner'), targetId: apiToken.id, teamId: team, result: 'ok' });
    expect(events.find((e) => e.action === 'createRedeploySchedule')).toMatchObject({ actor: `ci-${tag}`, targetId: appId, teamId: team, result: 'ok' });
    expect(events.find((e) => e.action === 'updateApp')).toMatchObject({ actor: 'admin', targetId: appId, teamId: team, result: 'ok' });
    expect(JSON.stringify(await rawRows(`true`, []))).not.toContain(token);
  });

  it('is read by OWNER and platform admins; a VIEWER is FORBIDDEN, a stranger NOT_FOUND, a hostile limit BAD_USER_INPUT', async () => {
    expect(codeOf(await auditOf(owner))).toBe('OK');
    expect(codeOf(await call(`query($t: ID!) { auditEvents(teamId: $t) { id } }`, { t: team }, inject('adminToken')))).toBe('OK');
    expect(codeOf(await auditOf(viewer))).toBe('FORBIDDEN');
    expect(codeOf(await auditOf(stranger))).toBe('NOT_FOUND');
    expect(codeOf(await auditOf(stranger, 'not-a-team'))).toBe('NOT_FOUND');
    for (const limit of [0, -1, 100_000]) expect(codeOf(await auditOf(owner, team, limit))).toBe('BAD_USER_INPUT');
  });

  it('never records an argument value: no password or secret appears in any event, by the API or in the table', async () => {
    const events = (await auditOf(owner, team, 500)).data!.auditEvents;
    expect(events.length).toBeGreaterThan(5);
    const text = JSON.stringify(events);
    for (const secret of [CANARY, PASSWORD, 'not the password']) expect(text).not.toContain(secret);
    const rows = await rawRows(`true`, []);
    const raw = JSON.stringify(rows);
    for (const secret of [CANARY, PASSWORD, 'not the password']) expect(raw).not.toContain(secret);
  });
});

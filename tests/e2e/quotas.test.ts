// Plans and quotas through the public contract: a signed-up user's team is on the Free plan, a
// quota stops the app that would exceed it (and nothing is created or changed), the usage is
// shown, the admin's operator team has no limits, only platform admins assign plans, and a
// release container runs with its app's memory and CPU limits.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { callerFrom, codeOf, type Answer } from '../helpers/graphql-from.js';
import { gql, waitForDeployment } from '../helpers/graphql.js';

const { call } = callerFrom('127.0.78');

const tag = Date.now().toString(36);
const TEAM = 'id plan { id name maxApps maxMemoryMb maxConcurrentBuilds maxBuildMinutesPerMonth } usage { apps memoryMb buildMinutesThisMonth }';
const repo = new FixtureRepo();
let userToken = '';
let userTeam = '';
const appIds: string[] = [];

async function signUpUser(email: string): Promise<string> {
  // invitation mode (the default): an invitation to a team lets the email sign up
  const inviter = (await gql(`mutation { createTeam(name: "inviter ${tag}") { id } }`)).createTeam.id;
  await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: inviter, e: email });
  const r = await call(`mutation($e: String!) { signUp(email: $e, password: "correct horse battery") { accessToken } }`, { e: email }, null);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.signUp.accessToken;
}

const createIn = (teamId: string, name: string, extra: Record<string, unknown> = {}) =>
  call(`mutation($i: CreateAppInput!) { createApp(input: $i) { id memoryMb cpus } }`, { i: { name, kind: 'STATIC', teamId, ...extra } }, userToken);
const teamOf = async (teamId: string, token = userToken) => (await call(`query($t: ID!) { team(id: $t) { ${TEAM} } }`, { t: teamId }, token)).data!.team;
const teamAppNames = async () =>
  (await call(`query($t: ID!) { team(id: $t) { apps { name memoryMb } } }`, { t: userTeam }, userToken)).data!.team.apps as {
    name: string;
    memoryMb: number;
  }[];

beforeAll(async () => {
  repo.commit(busyboxApp({ body: 'sized\n' }));
  userToken = await signUpUser(`quota-${tag}@example.test`);
  const teams = (await call(`{ teams { id name } }`, {}, userToken)).data!.teams as { id: string; name: string }[];
  userTeam = teams.find((t) => !t.name.startsWith('inviter'))!.id;
}, 120_000);

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  repo.remove();
}, 120_000);

describe('plans', () => {
  it('lists Free, Pro and Team, and a new team is on Free with nothing used', async () => {
    const plans = (await call(`{ plans { id name maxApps maxMemoryMb } }`, {}, userToken)).data!.plans;
    expect(plans.map((p: { name: string }) => p.name)).toEqual(['Free', 'Pro', 'Team']);
    const team = await teamOf(userTeam);
    expect(team.plan).toEqual({ id: 'free', name: 'Free', maxApps: 3, maxMemoryMb: 1024, maxConcurrentBuilds: 1, maxBuildMinutesPerMonth: 100 });
    expect(team.usage).toEqual({ apps: 0, memoryMb: 0, buildMinutesThisMonth: 0 });
  });

  it("refuses setTeamPlan to a team's own owner (FORBIDDEN) and to a stranger (NOT_FOUND), changing nothing; a platform admin may", async () => {
    const own = await call(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "team") { id } }`, { t: userTeam }, userToken);
    expect(codeOf(own)).toBe('FORBIDDEN');
    const operator = (await gql(`{ teams { id name } }`)).teams.find((t: { name: string }) => t.name === 'operator').id;
    const other = await call(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "team") { id } }`, { t: operator }, userToken);
    expect(codeOf(other)).toBe('NOT_FOUND');
    expect((await teamOf(userTeam)).plan.id).toBe('free');
    const bogus = await call(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "nope") { id } }`, { t: userTeam }, inject('adminToken'));
    expect(codeOf(bogus)).toBe('NOT_FOUND');
    const notATeam = await call(`mutation { setTeamPlan(teamId: "'; DROP TABLE teams; --", planId: "pro") { id } }`, {}, inject('adminToken'));
    expect(codeOf(notATeam)).toBe('NOT_FOUND');
    expect((await teamOf(userTeam)).plan.id).toBe('free');
    const set = await gql(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "pro") { id plan { name } } }`, { t: userTeam });
    expect(set.setTeamPlan.plan.name).toBe('Pro');
    await gql(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "free") { id } }`, { t: userTeam });
  });
});

describe('quotas', () => {
  it('stops the app over the memory limit, then the one over the app count, naming the limit and the usage; the usage is shown', async () => {
    const a = await createIn(userTeam, `q1-${tag}`, { memoryMb: 512 });
    expect(a.errors).toBeUndefined();
    appIds.push(a.data.createApp.id);
    const tooBig = await createIn(userTeam, `q-big-${tag}`, { memoryMb: 600 });
    expect(codeOf(tooBig)).toBe('QUOTA_EXCEEDED');
    expect(tooBig.errors![0].message).toMatch(/Free plan allows 1024 MiB.*uses 512 MiB.*1112 MiB/);
    for (const n of [2, 3]) {
      const ok = await createIn(userTeam, `q${n}-${tag}`, { memoryMb: 128 });
      expect(ok.errors).toBeUndefined();
      appIds.push(ok.data.createApp.id);
    }
    const fourth = await createIn(userTeam, `q4-${tag}`, { memoryMb: 64 });
    expect(codeOf(fourth)).toBe('QUOTA_EXCEEDED');
    expect(fourth.errors![0].message).toMatch(/Free plan allows 3 apps; the team has 3/);
    expect((await teamAppNames()).map((x) => x.name).sort()).toEqual([`q1-${tag}`, `q2-${tag}`, `q3-${tag}`]);
    expect((await teamOf(userTeam)).usage).toEqual({ apps: 3, memoryMb: 768, buildMinutesThisMonth: 0 });
  });

  it('stops an updateApp that would exceed the memory limit, leaving the app as it was; shrinking is always allowed', async () => {
    const id = appIds[0];
    const grow = await call(`mutation($id: ID!) { updateApp(id: $id, input: { memoryMb: 900 }) { id } }`, { id }, userToken);
    expect(codeOf(grow)).toBe('QUOTA_EXCEEDED');
    expect(grow.errors![0].message).toMatch(/1024 MiB.*uses 768 MiB.*1156 MiB/);
    expect((await teamAppNames()).find((x) => x.name === `q1-${tag}`)!.memoryMb).toBe(512);
    const shrink = await call(`mutation($id: ID!) { updateApp(id: $id, input: { memoryMb: 256 }) { memoryMb } }`, { id }, userToken);
    expect(shrink.data?.updateApp.memoryMb).toBe(256);
  });

  it('refuses hostile sizes with BAD_USER_INPUT and creates nothing', async () => {
    for (const extra of [{ memoryMb: 0 }, { memoryMb: -5 }, { memoryMb: 2_000_000_000 }, { cpus: 0 }, { cpus: -1 }, { cpus: 1e9 }]) {
      const r = await createIn(userTeam, `q-bad-${tag}`, extra);
      expect(codeOf(r), JSON.stringify(extra)).toBe('BAD_USER_INPUT');
    }
    expect((await teamAppNames()).some((x) => x.name === `q-bad-${tag}`)).toBe(false);
  });

  it('stops a deploy while the team is above a lowered limit', async () => {
    // the operator team's plan limits do not apply; a user's team above its limit after a plan change cannot deploy
    await gql(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "pro") { id } }`, { t: userTeam });
    const big = await createIn(userTeam, `q-pro-${tag}`, { memoryMb: 4096, gitUrl: repo.url });
    expect(big.errors).toBeUndefined();
    appIds.push(big.data.createApp.id);
    await gql(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "free") { id } }`, { t: userTeam });
    const d = await call(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: big.data.createApp.id }, userToken);
    expect(codeOf(d)).toBe('QUOTA_EXCEEDED');
    expect(d.errors![0].message).toMatch(/Free plan allows 1024 MiB.*uses 4\d\d\d MiB/);
    const deployments = (await call(`query($a: ID!) { app(id: $a) { deployments { id } } }`, { a: big.data.createApp.id }, userToken)).data!.app.deployments;
    expect(deployments).toEqual([]);
  });

  it("has no limits for the admin's operator team", async () => {
    for (let i = 0; i < 4; i++) {
      const r = await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id team { name } } }`, {
        i: { name: `q-op${i}-${tag}`, kind: 'STATIC', memoryMb: 2048 },
      });
      expect(r.createApp.team.name).toBe('operator');
      appIds.push(r.createApp.id);
    }
  });
});

describe('concurrent builds', () => {
  it("queues a deploy while as many of the team's deployments build as the plan allows; it builds when a slot frees", async () => {
    const slow = new FixtureRepo();
    slow.commit(busyboxApp({ body: 'slow\n', extraDockerfile: 'RUN sleep 40' }));
    try {
      const token = await signUpUser(`builds-${tag}@example.test`);
      // one address for all: polling from a fresh one each time would run out of the file's /24
      const as = (q: string, v: Record<string, unknown>) => call(q, v, token, '127.0.78.1');
      const create = async (name: string, gitUrl: string) => {
        const r = await as(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
          i: { name, gitUrl, memoryMb: 64, healthCheckPath: '/cgi-bin/health' },
        });
        expect(r.errors).toBeUndefined();
        appIds.push(r.data.createApp.id);
        return r.data.createApp.id as string;
      };
      const first = await create(`qb1-${tag}`, slow.url);
      const second = await create(`qb2-${tag}`, repo.url);
      const building = await as(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: first });
      expect(building.errors).toBeUndefined();
      const statusOf = async (id: string) => (await as(`query($d: ID!) { deployment(id: $d) { status } }`, { d: id })).data!.deployment.status as string;
      await expect.poll(() => statusOf(building.data.deploy.id), { timeout: 60_000, interval: 250 }).toBe('BUILDING');
      const queued = await as(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: second });
      expect(queued.errors).toBeUndefined();
      const waiting = queued.data.deploy.id as string;
      const log = async () =>
        (await as(`query($d: ID!) { deploymentLogs(deploymentId: $d) { line } }`, { d: waiting })).data!.deploymentLogs.map((l: { line: string }) => l.line);
      await expect
        .poll(log, { timeout: 30_000, interval: 250 })
        .toContainEqual("Waiting for a build slot: the Free plan allows 1 concurrent builds and 1 of the team's deployments are building.");
      await new Promise((r) => setTimeout(r, 3000));
      expect(await statusOf(waiting)).toBe('QUEUED');
      await as(`mutation($d: ID!) { cancelDeployment(id: $d) { id } }`, { d: building.data.deploy.id });
      expect(['CANCELLED', 'FAILED']).toContain((await waitForDeployment(building.data.deploy.id)).status);
      expect((await waitForDeployment(waiting)).status).toBe('LIVE');
    } finally {
      slow.remove();
    }
  }, 300_000);
});

describe('instance size', () => {
  it("runs the release container with the app's memory and CPU limits", async () => {
    const r = await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id memoryMb cpus } }`, {
      i: { name: `q-sized-${tag}`, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', memoryMb: 96, cpus: 0.25 },
    });
    appIds.push(r.createApp.id);
    expect(r.createApp).toMatchObject({ memoryMb: 96, cpus: 0.25 });
    const d = await gql(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: r.createApp.id });
    const done = await waitForDeployment(d.deploy.id);
    expect([done.status, done.error]).toEqual(['LIVE', null]);
    const [container] = await containersOfApp(r.createApp.id);
    const info = await docker.getContainer(container.Id).inspect();
    expect(info.HostConfig.Memory).toBe(96 * 1024 * 1024);
    expect(info.HostConfig.NanoCpus).toBe(250_000_000);
  }, 300_000);
});

// Hostile and mistaken Kubernetes settings through the contract: each is refused with
// BAD_USER_INPUT naming the field (or by GraphQL itself), nothing is created or changed, and a
// team's memory quota counts every instance an app may run (replicas, or autoscale's maximum).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callerFrom, codeOf } from '../helpers/graphql-from.js';
import { gql } from '../helpers/graphql.js';

const { call } = callerFrom('127.0.93');
const tag = Date.now().toString(36);
const appIds: string[] = [];
let userToken = '';
let userTeam = '';
const adminToken = inject('adminToken');

const APP = 'id runtime replicas isolation autoscale { minReplicas maxReplicas targetCpuPercent } memoryMb';
const create = (input: Record<string, unknown>, token: string | null = null) =>
  call(
    `mutation($i: CreateAppInput!) { createApp(input: $i) { ${APP} } }`,
    { i: { gitUrl: 'https://example.invalid/o/r.git', ...input } },
    token ?? adminToken,
  );
const update = (id: string, input: Record<string, unknown>, token: string | null = null) =>
  call(`mutation($id: ID!, $i: UpdateAppInput!) { updateApp(id: $id, input: $i) { ${APP} } }`, { id, i: input }, token ?? adminToken);

beforeAll(async () => {
  // a signed-up user's team is on the Free plan: 1024 MiB over its apps
  const inviter = (await gql(`mutation { createTeam(name: "k8s inviter ${tag}") { id } }`)).createTeam.id;
  const email = `k8s-${tag}@example.test`;
  await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: inviter, e: email });
  userToken = (await call(`mutation($e: String!) { signUp(email: $e, password: "correct horse battery") { accessToken } }`, { e: email })).data.signUp
    .accessToken;
  const teams = (await call(`{ teams { id name } }`, {}, userToken)).data.teams as { id: string; name: string }[];
  userTeam = teams.find((t) => !t.name.includes('inviter'))!.id;
}, 120_000);

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
});

describe('Kubernetes settings, hostile and mistaken', () => {
  it.each([
    [{ replicas: 0 }, /replicas must be a whole number from 1 to 20/],
    [{ replicas: 21 }, /replicas must be a whole number from 1 to 20/],
    [{ replicas: -5 }, /replicas must be/],
    [{ autoscale: { minReplicas: 3, maxReplicas: 2 } }, /minReplicas must not exceed/],
    [{ autoscale: { minReplicas: 0, maxReplicas: 2 } }, /autoscale.minReplicas must be/],
    [{ autoscale: { minReplicas: 1, maxReplicas: 500 } }, /autoscale.maxReplicas must be/],
    [{ autoscale: { minReplicas: 1, maxReplicas: 2, targetCpuPercent: 1 } }, /targetCpuPercent must be a whole number from 10 to 95/],
    [{ autoscale: { minReplicas: 1, maxReplicas: 2, targetCpuPercent: 100 } }, /targetCpuPercent/],
  ])('refuses %o on KUBERNETES with BAD_USER_INPUT, creating nothing', async (input, why) => {
    const name = `k8s-bad-${tag}-${Math.random().toString(36).slice(2, 6)}`;
    const r = await create({ name, runtime: 'KUBERNETES', ...input });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(why);
    expect((await gql(`query($n: String!) { app(name: $n) { id } }`, { n: name })).app).toBeNull();
  });

  it.each([
    [{ replicas: 2 }, /replicas above 1 need runtime KUBERNETES/],
    [{ isolation: 'SANDBOXED' }, /isolation SANDBOXED need runtime KUBERNETES/],
    [{ autoscale: { minReplicas: 1, maxReplicas: 2 } }, /autoscale need runtime KUBERNETES/],
    [{ kind: 'STATIC', runtime: 'KUBERNETES' }, /only SERVICE apps run on KUBERNETES/],
  ])('refuses Kubernetes-only settings where they cannot apply: %o', async (input, why) => {
    const r = await create({ name: `k8s-misplaced-${tag}`, ...input });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(why);
  });

  it.each([
    [{ replicas: 2 ** 31 }, /Int cannot represent non 32-bit signed integer/],
    [{ replicas: '2' }, /Int cannot represent non-integer value/],
    [{ isolation: 'PRIVILEGED' }, /Value "PRIVILEGED" does not exist in "Isolation" enum/],
    [{ autoscale: { minReplicas: 1 } }, /Field "maxReplicas" of required type "Int!" was not provided/],
  ])('GraphQL itself refuses %o', async (input, why) => {
    const r = await create({ name: `k8s-typed-${tag}`, runtime: 'KUBERNETES', ...input });
    expect(r.errors![0].message).toMatch(why);
    expect(r.data ?? null).toBeNull();
  });

  it('takes the settings on KUBERNETES, changes them with updateApp, and refuses a move to Docker that keeps Kubernetes-only settings', async () => {
    const r = await create({ name: `k8s-ok-${tag}`, runtime: 'KUBERNETES', replicas: 3, isolation: 'SANDBOXED' });
    expect(r.errors).toBeUndefined();
    const app = r.data.createApp;
    appIds.push(app.id);
    expect(app).toMatchObject({ runtime: 'KUBERNETES', replicas: 3, isolation: 'SANDBOXED', autoscale: null });
    const scaled = await update(app.id, { autoscale: { minReplicas: 2, maxReplicas: 4 } });
    expect(scaled.data.updateApp.autoscale).toEqual({ minReplicas: 2, maxReplicas: 4, targetCpuPercent: 70 });
    const toDocker = await update(app.id, { runtime: 'DOCKER' });
    expect(codeOf(toDocker)).toBe('BAD_USER_INPUT');
    expect(toDocker.errors![0].message).toMatch(/set replicas: 1, autoscale: null, isolation: STANDARD/);
    const moved = await update(app.id, { runtime: 'DOCKER', replicas: 1, autoscale: null, isolation: 'STANDARD' });
    expect(moved.data.updateApp).toMatchObject({ runtime: 'DOCKER', replicas: 1, isolation: 'STANDARD', autoscale: null });
  });

  it("charges a team's memory quota for every instance an app may run", async () => {
    // Free: 1024 MiB. 300 MiB x 4 replicas = 1200 MiB does not fit; x 3 = 900 does
    const tooMany = await create({ name: `k8s-quota-${tag}`, teamId: userTeam, runtime: 'KUBERNETES', memoryMb: 300, replicas: 4 }, userToken);
    expect(codeOf(tooMany)).toBe('QUOTA_EXCEEDED');
    expect(tooMany.errors![0].message).toMatch(/1024 MiB of memory.*would make it 1200 MiB/);
    const fits = await create({ name: `k8s-quota-${tag}`, teamId: userTeam, runtime: 'KUBERNETES', memoryMb: 300, replicas: 3 }, userToken);
    expect(fits.errors).toBeUndefined();
    appIds.push(fits.data.createApp.id);
    // an autoscaler's maximum counts, not its minimum
    const scaled = await update(fits.data.createApp.id, { autoscale: { minReplicas: 1, maxReplicas: 4 } }, userToken);
    expect(codeOf(scaled)).toBe('QUOTA_EXCEEDED');
    const usage = (await call(`query($t: ID!) { team(id: $t) { usage { memoryMb } } }`, { t: userTeam }, userToken)).data.team.usage;
    expect(usage.memoryMb).toBe(900);
  });
});

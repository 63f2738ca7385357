// Bad input gets a clear error and leaves nothing behind.
import { tmpdir } from 'node:os';
import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { containersOfApp } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, gqlRaw, viaEdge, waitForDeployment } from '../helpers/graphql.js';

const repos: FixtureRepo[] = [];
const appIds: string[] = [];

function repoWith(files: Record<string, string | null>): FixtureRepo {
  const r = new FixtureRepo();
  r.commit(files);
  repos.push(r);
  return r;
}

async function app(name: string, gitUrl: string, extra: Record<string, unknown> = {}) {
  const a = await createApp({ name, gitUrl, healthCheckPath: '/cgi-bin/health', ...extra });
  appIds.push(a.id);
  return a;
}

/** Deploys, expects FAILED with an error matching `error`, and checks nothing is left running or routed. */
async function expectFailedDeploy(appId: string, appName: string, error: RegExp) {
  const d = await waitForDeployment((await deploy(appId)).id);
  expect(d.status).toBe('FAILED');
  expect(d.error).toMatch(error);
  expect(await containersOfApp(appId)).toEqual([]);
  expect((await viaEdge(appName)).status).toBe(404);
  return d;
}

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  for (const r of repos) r.remove();
});

describe('GraphQL input validation', () => {
  const create = (input: Record<string, unknown>) => gqlRaw(`mutation($input: CreateAppInput!) { createApp(input: $input) { id } }`, { input });

  it('requires the admin token', async () => {
    const r = await gqlRaw(`{ apps { id } }`, {}, null);
    expect(r.status).toBe(401);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gqlRaw(`{ apps { id } }`, {}, 'wrong-token');
    expect(wrong.status).toBe(401);
  });

  it.each([['Bad_Name'], ['-leading'], ['trailing-'], ['a'.repeat(64)], ['']])('rejects the app name %j', async (name) => {
    const r = await create({ name, gitUrl: 'file:///tmp/x' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/Invalid app name/);
  });

  it.each([['ftp://example.invalid/repo.git'], ['--upload-pack=touch /tmp/pwned'], ['not a url'], ['https://user:pw@example.invalid/r.git']])(
    'rejects the git URL %j',
    async (gitUrl) => {
      const r = await create({ name: 'bad-url', gitUrl });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    },
  );

  it.each([
    [{ rootDirectory: '../etc' }],
    [{ dockerfilePath: '/etc/passwd' }],
    [{ port: 0 }],
    [{ healthCheckPath: 'health' }],
    [{ branch: '-x' }],
    [{ env: [{ key: '1BAD', value: 'x' }] }],
    [{ env: [{ key: 'PORT', value: '1' }] }],
  ])('rejects %j', async (extra) => {
    const r = await create({ name: 'bad-field', gitUrl: 'file:///tmp/x', ...extra });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await gql(`query { app(name: "bad-field") { id } }`);
    expect(after.app).toBeNull();
  });

  it('rejects a taken name and leaves the first app unchanged', async () => {
    const a = await app('taken-name', 'file:///tmp/x');
    const r = await create({ name: 'taken-name', gitUrl: 'file:///tmp/y' });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toMatch(/taken/);
    const found = await gql(`query { app(name: "taken-name") { id gitUrl } }`);
    expect(found.app).toEqual({ id: a.id, gitUrl: 'file:///tmp/x' });
  });

  it('answers NOT_FOUND for an unknown app and BAD_USER_INPUT for a malformed sha', async () => {
    const r = await gqlRaw(`mutation { deploy(appId: "00000000-0000-0000-0000-000000000000") { id } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const a = await app('bad-sha', 'file:///tmp/x');
    const s = await gqlRaw(`mutation($id: ID!) { deploy(appId: $id, commitSha: "not-a-sha; rm -rf /") { id } }`, { id: a.id });
    expect(s.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('failed deployments name their cause and leave nothing behind', () => {
  it('a repository that does not exist', async () => {
    const a = await app('no-repo', `file://${tmpdir()}/paas-no-such-repo`);
    await expectFailedDeploy(a.id, 'no-repo', new RegExp(`CLONE failed: Cannot read repository file://${tmpdir()}/paas-no-such-repo`));
  });

  it('a branch that does not exist', async () => {
    const r = repoWith(busyboxApp());
    const a = await app('no-branch', r.url, { branch: 'release' });
    await expectFailedDeploy(a.id, 'no-branch', /CLONE failed: Branch "release" does not exist/);
  });

  it('a missing Dockerfile', async () => {
    const r = repoWith({ ...busyboxApp(), Dockerfile: null, 'README.md': 'no dockerfile here' });
    const a = await app('no-dockerfile', r.url);
    await expectFailedDeploy(a.id, 'no-dockerfile', /BUILD failed: No Dockerfile at "Dockerfile"/);
  });

  it('a failing build', async () => {
    const r = repoWith({ ...busyboxApp({ extraDockerfile: 'RUN echo compiling && exit 3' }) });
    const a = await app('failing-build', r.url);
    const d = await expectFailedDeploy(a.id, 'failing-build', /BUILD failed: Build failed: .*returned a non-zero code: 3/);
    const logs = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: d.id });
    expect(logs.deploymentLogs.map((l: { line: string }) => l.line)).toContain('compiling');
  });

  it('a container that exits', async () => {
    const r = repoWith(busyboxApp({ cmd: 'echo "boom: missing config" >&2; exit 4' }));
    const a = await app('exits', r.url);
    const d = await expectFailedDeploy(a.id, 'exits', /(RUN|VERIFY) failed: The container exited with code 4/);
    const logs = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: d.id });
    expect(logs.deploymentLogs.map((l: { line: string }) => l.line)).toContain('boom: missing config');
  });

  it('a container that never opens its port', async () => {
    const r = repoWith(busyboxApp({ cmd: 'exec sleep 600' }));
    const a = await app('no-port', r.url);
    await expectFailedDeploy(a.id, 'no-port', /VERIFY failed: Health check failed: .*nothing listening on port 8080/);
  });

  it('a health path that answers 500', async () => {
    const r = repoWith(busyboxApp({ health: 'fail' }));
    const a = await app('health-500', r.url);
    await expectFailedDeploy(a.id, 'health-500', /VERIFY failed: Health check failed: GET \/cgi-bin\/health .*HTTP 500/);
  });
});

describe('health endpoint', () => {
  it('names every dependency and answers 200 when all are up', async () => {
    const res = await fetch(`${inject('gatewayUrl')}/healthz`);
    const body = (await res.json()) as { dependencies: Record<string, { state: string }> };
    expect(res.status).toBe(200);
    expect(Object.keys(body.dependencies).sort()).toEqual(['database', 'docker', 'edge', 'objectStorage', 'registry', 'siteServer', 'temporal']);
    expect(Object.values(body.dependencies).every((d: any) => d.state === 'up')).toBe(true);
  });
});

// Hostile app inputs through the public API: each is refused with a clear error (or fails the
// deployment at CLONE), and nothing is left behind — no app, no env var, no schedule (neither
// the row nor the Temporal Schedule), no container, no route, no change to an existing app.
import type { Client } from '@temporalio/client';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersOfApp } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, gqlRaw, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { connectTemporal } from '../helpers/temporal.js';
import { until } from '../helpers/wait.js';

const APP_FIELDS =
  'id name gitUrl branch rootDirectory dockerfilePath port healthCheckPath hasGitToken hasGitSshKey env { key value secret } redeploySchedules { id cron }';
const repos: FixtureRepo[] = [];
const appIds: string[] = [];
// a real repository outside the test stack's PAAS_GIT_FILE_ROOTS (the OS temp dir and the checkout)
const outsideDir = mkdtempSync(join('/var/tmp', 'paas-outside-roots-'));

const create = (input: Record<string, unknown>) => gqlRaw(`mutation($input: CreateAppInput!) { createApp(input: $input) { ${APP_FIELDS} } }`, { input });
const update = (id: string, input: Record<string, unknown>) =>
  gqlRaw(`mutation($id: ID!, $input: UpdateAppInput!) { updateApp(id: $id, input: $input) { ${APP_FIELDS} } }`, { id, input });
const appNamed = async (name: string) => (await gql(`query($name: String!) { app(name: $name) { ${APP_FIELDS} } }`, { name })).app;
const appById = async (id: string) => (await gql(`query($id: ID!) { app(id: $id) { ${APP_FIELDS} } }`, { id })).app;

async function app(name: string, gitUrl: string, extra: Record<string, unknown> = {}) {
  const a = await createApp({ name, gitUrl, healthCheckPath: '/cgi-bin/health', ...extra });
  appIds.push(a.id);
  return a;
}

function repoWith(files: Record<string, string | null>): FixtureRepo {
  const r = new FixtureRepo();
  r.commit(files);
  repos.push(r);
  return r;
}

/** Refused with BAD_USER_INPUT and `message`, and no app of that name exists afterwards. */
async function expectRefusedCreate(input: Record<string, unknown>, message: RegExp) {
  const r = await create(input);
  expect(r.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 200)).toBe('BAD_USER_INPUT');
  expect(r.errors?.[0]?.message).toMatch(message);
  expect(r.data?.createApp ?? null).toBeNull();
  expect(await appNamed(input.name as string)).toBeNull();
  return r;
}

beforeAll(() => {
  const git = (...args: string[]) => expect(spawnSync('git', args, { cwd: outsideDir, encoding: 'utf8' }).status).toBe(0);
  writeFileSync(join(outsideDir, 'Dockerfile'), 'FROM scratch\n');
  git('init', '--quiet', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.email=test@example.invalid', '-c', 'user.name=test', 'commit', '--quiet', '-m', 'outside the roots');
});

afterAll(async () => {
  for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
  for (const r of repos) r.remove();
  rmSync(outsideDir, { recursive: true, force: true });
});

describe('credentials never come back out', () => {
  it.each([
    ['a token in the user part', 'https://ghp_hostile0123456789abcdef@git.example.invalid/o/r.git', 'ghp_hostile0123456789abcdef'],
    ['user and password', 'https://someone:hunter2-secret@git.example.invalid/o/r.git', 'hunter2-secret'],
    ['a token over http', 'http://glpat-hostile-token@git.example.invalid/r.git', 'glpat-hostile-token'],
  ])('a git URL with %s is refused, pointing to gitToken, and never echoed', async (_, gitUrl, secret) => {
    const r = await expectRefusedCreate({ name: 'cred-url', gitUrl }, /gitToken/);
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(JSON.stringify(await gql(`{ apps { gitUrl } }`))).not.toContain(secret);
  });

  it('a credential is write-only and stays with its origin: another host drops it', async () => {
    const token = 'ghp_origin_bound_0123456789';
    const a = await app('cred-origin', 'https://git.example.invalid/o/r.git', { gitToken: token });
    expect(await appById(a.id)).toMatchObject({ hasGitToken: true, hasGitSshKey: false });
    const moved = await update(a.id, { gitUrl: 'https://elsewhere.example.invalid/o/r.git' });
    expect(moved.data?.updateApp).toMatchObject({ gitUrl: 'https://elsewhere.example.invalid/o/r.git', hasGitToken: false });
    expect(JSON.stringify(moved)).not.toContain(token);

    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
    const s = await app('cred-ssh-key', 'ssh://git@127.0.0.1:1/o/r.git', { gitSshKey: key });
    const withKey = await appById(s.id);
    expect(withKey).toMatchObject({ gitUrl: 'ssh://git@127.0.0.1:1/o/r.git', hasGitSshKey: true, hasGitToken: false });
    expect(JSON.stringify(withKey)).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmU');
    for (const input of [{ gitUrl: 'ssh://git@127.0.0.2:1/o/r.git' }, { gitSshKey: '' }]) {
      const r = await update(s.id, input);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/gitSshKey/);
    }
    expect(await appById(s.id)).toEqual(withKey);
    expect((await update(s.id, { gitUrl: 'file:///tmp/x' })).data?.updateApp).toMatchObject({ hasGitSshKey: false, hasGitToken: false });
  });

  it('an ssh:// URL may name a user but not carry a password', async () => {
    const r = await expectRefusedCreate({ name: 'cred-ssh', gitUrl: 'ssh://git:ssh-secret-pw@git.example.invalid/r.git' }, /password/);
    expect(JSON.stringify(r)).not.toContain('ssh-secret-pw');
  });
});

describe('file:// and ssh:// repositories', () => {
  it.each([
    ['the host’s /etc', 'file:///etc', /PAAS_GIT_FILE_ROOTS/],
    ['a path that climbs out with ..', 'file:///tmp/../etc', /"\.\."/],
    ['a repository outside the roots', `file://${outsideDir}`, /PAAS_GIT_FILE_ROOTS/],
  ])('refuses %s', async (_, gitUrl, message) => {
    await expectRefusedCreate({ name: 'file-hostile', gitUrl }, message);
  });

  it('refuses a symlink under the roots that leads out of them', async () => {
    const link = join(mkdtempSync(join(tmpdir(), 'paas-link-')), 'repo');
    symlinkSync(outsideDir, link);
    try {
      await expectRefusedCreate({ name: 'file-symlink', gitUrl: `file://${link}` }, /PAAS_GIT_FILE_ROOTS.*symlinks/);
    } finally {
      rmSync(join(link, '..'), { recursive: true, force: true });
    }
  });

  it('refuses ssh:// without a key for the app (the host’s own keys are never used)', async () => {
    await expectRefusedCreate({ name: 'ssh-no-key', gitUrl: 'ssh://git@git.example.invalid/o/r.git' }, /gitSshKey/);
    await expectRefusedCreate({ name: 'ssh-bad-key', gitUrl: 'ssh://git@git.example.invalid/o/r.git', gitSshKey: 'not a key' }, /private key/);
  });

  it('checks again at clone: a repository swapped for a symlink out of the roots fails the deployment at CLONE and leaves nothing', async () => {
    const repo = repoWith(busyboxApp());
    const a = await app('file-swapped', repo.url);
    renameSync(repo.dir, `${repo.dir}.moved`);
    symlinkSync(outsideDir, repo.dir);
    try {
      const d = await waitForDeployment((await deploy(a.id)).id);
      expect(d.status).toBe('FAILED');
      expect(d.error).toMatch(/CLONE failed: .*PAAS_GIT_FILE_ROOTS/);
      expect(d.commitSha).toBeNull();
      expect(await containersOfApp(a.id)).toEqual([]);
      expect((await viaEdge('file-swapped')).status).toBe(404);
    } finally {
      rmSync(repo.dir, { force: true });
      renameSync(`${repo.dir}.moved`, repo.dir);
    }
  });
});

describe('caps on what an app holds', () => {
  it.each([['api'], ['www'], ['console'], ['registry'], ['temporal'], ['preview-0c6f2a1e'], ['web-pr-3'], ['localhost']])(
    'reserves the name %s for the platform',
    async (name) => {
      await expectRefusedCreate({ name, gitUrl: 'file:///tmp/x' }, /reserved/);
    },
  );

  it('env vars: count, value size and total size, counted over the whole set after a change', async () => {
    const vars = (n: number, size = 1, prefix = 'V') => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'x'.repeat(size) }));
    await expectRefusedCreate({ name: 'env-many', gitUrl: 'file:///tmp/x', env: vars(101) }, /at most 100 env vars \(PAAS_MAX_ENV_VARS\)/);
    await expectRefusedCreate(
      { name: 'env-big', gitUrl: 'file:///tmp/x', env: [{ key: 'BIG', value: 'x'.repeat(32 * 1024 + 1) }] },
      /PAAS_MAX_ENV_VALUE_BYTES/,
    );
    await expectRefusedCreate({ name: 'env-total', gitUrl: 'file:///tmp/x', env: vars(5, 30 * 1024) }, /PAAS_MAX_ENV_TOTAL_BYTES/);

    const a = await app('env-capped', 'file:///tmp/x', { env: vars(60) });
    const more = await gqlRaw(`mutation($id: ID!, $vars: [EnvVarInput!]!) { setEnvVars(appId: $id, vars: $vars) { id } }`, {
      id: a.id,
      vars: vars(41, 1, 'W'),
    });
    expect(more.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(more.errors?.[0]?.message).toMatch(/would make 101/);
    expect((await appById(a.id)).env).toHaveLength(60);
    // replacing existing keys does not count twice
    await gql(`mutation($id: ID!, $vars: [EnvVarInput!]!) { setEnvVars(appId: $id, vars: $vars) { id } }`, { id: a.id, vars: vars(60, 2) });
    expect((await appById(a.id)).env).toHaveLength(60);
  });

  describe('redeploy schedules', () => {
    let temporal: Client;
    let close: () => Promise<void>;
    beforeAll(async () => ({ client: temporal, close } = await connectTemporal()));
    afterAll(() => close?.());

    const temporalSchedulesOf = async (appId: string) => {
      const ids: string[] = [];
      for await (const s of temporal.schedule.list()) if (s.memo?.appId === appId) ids.push(s.scheduleId);
      return ids;
    };

    it('refuses a firing more often than the minimum interval, and more schedules than the cap, leaving none behind', async () => {
      const a = await app('sched-capped', 'file:///tmp/x');
      const schedule = (cron: string) =>
        gqlRaw(`mutation($id: ID!, $cron: String!) { createRedeploySchedule(appId: $id, cron: $cron) { id } }`, { id: a.id, cron });
      const tooOften = await schedule('@every 4s');
      expect(tooOften.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(tooOften.errors?.[0]?.message).toMatch(/minimum interval of 5 s \(PAAS_MIN_REDEPLOY_INTERVAL_SEC\)/);
      for (let i = 0; i < 10; i++) expect((await schedule(`${i} 3 * * *`)).errors).toBeUndefined();
      const eleventh = await schedule('30 3 * * *');
      expect(eleventh.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(eleventh.errors?.[0]?.message).toMatch(/at most 10 redeploy schedules \(PAAS_MAX_SCHEDULES_PER_APP\)/);
      expect((await appById(a.id)).redeploySchedules).toHaveLength(10);
      // Temporal's list is eventually consistent: wait for the ten, then make sure the refused ones never showed up
      await until('Temporal to list the schedules', async () => (await temporalSchedulesOf(a.id)).length >= 10, 30_000);
      expect(await temporalSchedulesOf(a.id)).toHaveLength(10);
    });
  });
});

describe('updateApp', () => {
  it('answers NOT_FOUND for an unknown app', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-an-id']) {
      const r = await update(id, { port: 3000 });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('refuses an invalid update with the createApp message and changes nothing', async () => {
    const a = await app('update-guarded', 'file:///tmp/x', { env: [{ key: 'KEEP', value: 'me' }] });
    const before = await appById(a.id);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ rootDirectory: '../etc' }, /must not leave the repository/],
      [{ dockerfilePath: '/etc/passwd' }, /relative path/],
      [{ port: 0 }, /port must be an integer/],
      [{ healthCheckPath: 'health' }, /must start with "\/"/],
      [{ branch: '--upload-pack=x' }, /Invalid branch/],
      [{ gitUrl: 'https://ghp_update0123@git.example.invalid/r.git' }, /gitToken/],
      [{ gitUrl: 'file:///etc' }, /PAAS_GIT_FILE_ROOTS/],
      [{ gitUrl: 'ssh://git@git.example.invalid/r.git' }, /gitSshKey/],
      [{ port: 3000, healthCheckPath: 'no-slash' }, /healthCheckPath/], // all or nothing
    ];
    for (const [input, message] of cases) {
      const r = await update(a.id, input);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, JSON.stringify(input)).toMatch(message);
    }
    expect(await appById(a.id)).toEqual(before);
    expect(JSON.stringify(await appById(a.id))).not.toContain('ghp_update0123');
  });

  it('applies the given fields to the next deployment, and only those', async () => {
    const repo = repoWith(busyboxApp({ cmd: 'echo "$PORT" > /www/port.txt; exec httpd -f -p "$PORT" -h /www' }));
    const a = await app('update-applies', repo.url);
    expect((await waitForDeployment((await deploy(a.id)).id)).status).toBe('LIVE');
    expect(await viaEdge('update-applies', '/port.txt')).toEqual({ status: 200, body: '8080\n' });

    const broken = await update(a.id, { healthCheckPath: '/nothing-here' });
    expect(broken.errors).toBeUndefined();
    expect(broken.data?.updateApp).toMatchObject({ healthCheckPath: '/nothing-here', port: 8080, gitUrl: repo.url, branch: 'main' });
    const failed = await waitForDeployment((await deploy(a.id)).id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/GET \/nothing-here/);
    expect(await viaEdge('update-applies', '/port.txt')).toEqual({ status: 200, body: '8080\n' }); // the live release kept serving

    const fixed = await update(a.id, { healthCheckPath: '/cgi-bin/health', port: 9000 });
    expect(fixed.data?.updateApp).toMatchObject({ healthCheckPath: '/cgi-bin/health', port: 9000 });
    expect((await waitForDeployment((await deploy(a.id)).id)).status).toBe('LIVE');
    expect(await viaEdge('update-applies', '/port.txt')).toEqual({ status: 200, body: '9000\n' });
  });
});

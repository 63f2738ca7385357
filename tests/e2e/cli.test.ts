// The `paas` CLI end to end: the built executable, spawned with argv against the running platform,
// with HOME and XDG_CONFIG_HOME in a temporary directory (so its config is this test's only).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { gql, gqlRaw, viaEdge } from '../helpers/graphql.js';

const BIN = join(import.meta.dirname, '../../packages/cli/bin/paas.js');
const home = mkdtempSync(join(tmpdir(), 'paas-cli-home-'));
const configFile = join(home, 'config', 'paas', 'config.json');
const suffix = randomBytes(3).toString('hex');
const repos: FixtureRepo[] = [];
const appNames: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a user runs it: argv, no shell; PAAS_TOKEN only when a test gives one. */
function paas(args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 240_000, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      PAAS_URL: inject('gatewayUrl'),
      NO_COLOR: '1',
      ...extraEnv,
    };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function repoWith(files: Record<string, string | null>): FixtureRepo {
  const repo = new FixtureRepo();
  repos.push(repo);
  repo.commit(files);
  return repo;
}

async function createWithCli(name: string, repo: FixtureRepo, ...extra: string[]): Promise<{ id: string; name: string; url: string }> {
  const r = await paas(['create', name, '--git', repo.url, '--health', '/cgi-bin/health', '--json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  appNames.push(name);
  return JSON.parse(r.stdout);
}

beforeAll(() => {
  if (!existsSync(join(import.meta.dirname, '../../packages/cli/dist/main.js'))) throw new Error('the CLI is not built: npx tsc -b tsconfig.json');
});

afterAll(async () => {
  for (const name of appNames) {
    const d = await gql(`query($n: String) { app(name: $n) { id } }`, { n: name }).catch(() => null);
    if (d?.app) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: d.app.id }).catch(() => undefined);
  }
  for (const r of repos) r.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('paas CLI', () => {
  it('refuses a bad token at login with a clear error, and stores nothing', async () => {
    const r = await paas(['login', '--token', 'paas_not-a-real-token']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: UNAUTHENTICATED: .+paas login/m);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(configFile)).toBe(false);

    const viaEnv = await paas(['apps'], { PAAS_TOKEN: 'paas_not-a-real-token' });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.stderr).toMatch(/UNAUTHENTICATED/);
  });

  it('logs in with a token into a config file of mode 600, and refuses the file once others may read it', async () => {
    const r = await paas(['login', '--token', inject('adminToken')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Logged in to ${inject('gatewayUrl')}`);
    expect(r.stdout + r.stderr).not.toContain(inject('adminToken'));
    expect(statSync(configFile).mode & 0o777).toBe(0o600);

    const apps = await paas(['apps', '--json']);
    expect(apps.code, apps.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(apps.stdout))).toBe(true);

    chmodSync(configFile, 0o640);
    const refused = await paas(['apps']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/readable by others \(mode 640\).*chmod 600/);
    expect(refused.stdout).toBe('');
    chmodSync(configFile, 0o600);
  });

  it('logs in as a user with a password from stdin (the session stored, not the password), and logs out on the server too', async () => {
    const email = `cli-user-${suffix}@example.test`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const team = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `cli ${suffix}` })).createTeam.id as string;
    await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: DEVELOPER) { role } }`, { t: team, e: email });
    const up = await gqlRaw(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { user { id } } }`, { e: email, p: password }, null);
    expect(up.errors).toBeUndefined();
    const userHome = { XDG_CONFIG_HOME: join(home, 'user-config') };

    const wrong = await paas(['login', '--email', email, '--password-stdin'], userHome, 60_000, 'not the password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: UNAUTHENTICATED: Wrong email or password/m);

    const r = await paas(['login', '--email', email, '--password-stdin'], userHome, 60_000, `${password}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`as ${email}`);
    const file = join(home, 'user-config', 'paas', 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(password);
    const refreshToken = JSON.parse(stored).session.refreshToken as string;

    const teams = await paas(['apps', '--json'], userHome);
    expect(teams.code, teams.stderr).toBe(0);
    expect(JSON.parse(teams.stdout)).toEqual([]); // the new user's teams have no apps yet

    const out = await paas(['logout'], userHome);
    expect(out.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const refreshed = await gqlRaw(`mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: refreshToken }, null);
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await paas(['apps'], userHome);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/UNAUTHENTICATED/);
  });

  it('creates an app, deploys it with --follow (the steps and the build log, then the URL), rolls it back, and shows it', async () => {
    const name = `cli-${suffix}`;
    const repo = repoWith(busyboxApp({ body: 'cli v1\n' }));
    const app = await createWithCli(name, repo);
    expect(app.url).toContain(name);

    const first = await paas(['deploy', name, '--follow']);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    for (const step of ['CLONE', 'BUILD', 'PUSH', 'RUN', 'VERIFY', 'ROUTE']) expect(first.stdout).toMatch(new RegExp(`✔ ${step} succeeded`));
    expect(first.stdout).toMatch(/│ .*(FROM|COPY|Step|#\d)/); // a line of the build log
    expect(first.stdout).toContain(`✔ LIVE at ${app.url}`);
    expect(await viaEdge(name)).toEqual({ status: 200, body: 'cli v1\n' });
    const v1 = (await gql(`query($n: String) { app(name: $n) { liveDeployment { id } } }`, { n: name })).app.liveDeployment.id as string;

    repo.commit({ 'www/index.html': 'cli v2\n' });
    const second = await paas(['deploy', name, '--follow', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const out = JSON.parse(second.stdout); // nothing but the JSON document on stdout
    expect(out).toMatchObject({ deployment: { status: 'LIVE', trigger: 'MANUAL' }, url: app.url });
    expect(await viaEdge(name)).toEqual({ status: 200, body: 'cli v2\n' });

    const back = await paas(['rollback', app.id, '--to', v1, '--follow']); // by id this time
    expect(back.code, back.stderr + back.stdout).toBe(0);
    expect(back.stdout).toMatch(/\(rollback/);
    expect(back.stdout).toContain(`✔ LIVE at ${app.url}`);
    expect(await viaEdge(name)).toEqual({ status: 200, body: 'cli v1\n' });

    const status = await paas(['status', name, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      name,
      url: app.url,
      liveDeployment: { id: expect.any(String) },
      deployments: [{ trigger: 'ROLLBACK', status: 'LIVE' }],
    });
    const human = await paas(['status', name]);
    expect(human.stdout).toMatch(/Status\s+live/);

    const open = await paas(['open', name]);
    expect(open).toMatchObject({ code: 0, stdout: `${app.url}\n` });
    const list = await paas(['apps']);
    expect(list.stdout).toMatch(new RegExp(`^${name}\\s+SERVICE\\s+.*live\\s+${app.url.replace(/[.:/]/g, '\\$&')}`, 'm'));
  });

  it("exits non-zero with the deployment's error when a broken app's deploy --follow fails", async () => {
    const name = `cli-broken-${suffix}`;
    await createWithCli(name, repoWith(busyboxApp({ health: 'fail' })));
    const r = await paas(['deploy', name, '--follow']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ VERIFY failed/);
    expect(r.stderr).toMatch(/^error: deployment \S+ ended FAILED: VERIFY failed: Health check failed/m);
    expect(r.stdout).not.toContain('LIVE at');
  });

  it('sets, lists and unsets env vars, a secret masked everywhere', async () => {
    const name = `cli-env-${suffix}`;
    await createWithCli(name, repoWith(busyboxApp()), '--env', 'GREETING=hi');
    const secret = `s3cr3t-${randomBytes(8).toString('hex')}`;
    expect((await paas(['env', 'set', name, 'MODE=prod', 'URL=http://a/?x=1'])).code).toBe(0);
    const setSecret = await paas(['env', 'set', name, `API_KEY=${secret}`, '--secret']);
    expect(setSecret.code, setSecret.stderr).toBe(0);

    const list = await paas(['env', 'list', name]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(['API_KEY=********', 'GREETING=hi', 'MODE=prod', 'URL=http://a/?x=1']);
    const json = await paas(['env', 'list', name, '--json']);
    expect(JSON.parse(json.stdout)).toContainEqual({ key: 'API_KEY', value: '********', secret: true });
    expect(list.stdout + json.stdout + setSecret.stdout + setSecret.stderr).not.toContain(secret);

    const unset = await paas(['env', 'unset', name, 'MODE', 'API_KEY']);
    expect(unset.code, unset.stderr).toBe(0);
    expect((await paas(['env', 'list', name])).stdout.trim().split('\n')).toEqual(['GREETING=hi', 'URL=http://a/?x=1']);
  });

  it('names unknown apps and refuses bad input with clear errors and non-zero exits', async () => {
    const unknown = await paas(['deploy', 'no-such-app-here', '--follow']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: NOT_FOUND: there is no app "no-such-app-here"/m);
    const unknownId = await paas(['status', '00000000-0000-4000-8000-000000000000']);
    expect(unknownId.code).toBe(1);
    expect(unknownId.stderr).toMatch(/NOT_FOUND/);
    const unknownJson = await paas(['env', 'list', 'no-such-app-here', '--json']);
    expect(unknownJson.code).toBe(1);
    expect(unknownJson.stdout).toBe('');
    expect(JSON.parse(unknownJson.stderr)).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no-such-app-here') } });

    const name = `cli-bad-${suffix}`;
    await createWithCli(name, repoWith(busyboxApp()));
    const badKey = await paas(['env', 'set', name, 'BAD KEY=1']);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^error: [A-Z_]+: .*BAD KEY/m);
    const badUnset = await paas(['env', 'unset', name, '$(reboot)']);
    expect(badUnset.code).toBe(1);
    expect(badUnset.stderr).toMatch(/^error: [A-Z_]+: /m);
    const badSha = await paas(['deploy', name, '--commit', 'HEAD;rm -rf /']);
    expect(badSha.code).toBe(2);
    expect(badSha.stderr).toMatch(/--commit must be a hexadecimal commit sha/);
    const badName = await paas(['create', 'Not A DNS Label!', '--git', 'file:///nowhere']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/^error: [A-Z_]+: /m);
    const badUrl = await paas(['apps'], { PAAS_URL: 'ftp://example.com' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/PAAS_URL must be http/);
    const usage = await paas(['deploy']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing required argument 'app'/);
  });

  it('prints help and shell completion', async () => {
    const help = await paas(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['login', 'apps', 'create', 'deploy', 'rollback', 'logs', 'env', 'status', 'open', 'completion']) expect(help.stdout).toContain(c);
    const bash = await paas(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -F _paas paas');
  });

  it('shows runtime logs, and follows them with -f', async () => {
    const name = `cli-logs-${suffix}`;
    const cmd = 'echo "hello from $PORT"; (i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done) & exec httpd -f -p "$PORT" -h /www';
    await createWithCli(name, repoWith(busyboxApp({ cmd })));
    expect((await paas(['deploy', name, '--follow'])).code).toBe(0);
    let r: Run = { code: null, stdout: '', stderr: '' };
    for (let i = 0; i < 30 && !/tick \d+/.test(r.stdout); i++) {
      r = await paas(['logs', name]);
      await new Promise((res) => setTimeout(res, 1000));
    }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/hello from 8080/);
    const ticks = (out: string) => [...out.matchAll(/tick (\d+)/g)].map((m) => Number(m[1]));
    const lastSeen = Math.max(...ticks(r.stdout));
    const json = await paas(['logs', name, '--json', '--search', 'hello']);
    expect(JSON.parse(json.stdout.trim().split('\n')[0])).toMatchObject({ stream: 'stdout', line: 'hello from 8080' });
    // -f runs until stopped: given 8 s, it must print lines the app wrote after the first read
    const followed = await paas(['logs', name, '-f'], {}, 8_000);
    expect(Math.max(...ticks(followed.stdout)), followed.stderr).toBeGreaterThan(lastSeen);
  });
});

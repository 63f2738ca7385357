// Runtime logs and events through the contract: what a live release prints is stored within
// seconds, searchable as plain text, masked, streamed live; a crash and an OOM kill appear in the
// app's events; bad arguments and strangers are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, gqlRaw, waitForDeployment, wsClient } from '../helpers/graphql.js';
import { callerFrom, codeOf } from '../helpers/graphql-from.js';
import { until } from '../helpers/wait.js';

const SECRET = 'runtime-secret-value-42';
const { call } = callerFrom('127.0.84');

interface Line {
  timestamp: string;
  stream: string;
  line: string;
  instance: string;
}

const logsQuery = `query($id: ID!, $search: String, $since: DateTime, $limit: Int) {
  app(id: $id) { runtimeLogs(search: $search, since: $since, limit: $limit) { timestamp stream line instance } } }`;

async function runtimeLogs(appId: string, args: Record<string, unknown> = {}): Promise<Line[]> {
  return (await gql(logsQuery, { id: appId, ...args })).app.runtimeLogs;
}

async function events(appId: string): Promise<{ kind: string; message: string; deploymentId: string | null; at: string }[]> {
  return (await gql(`query($id: ID!) { app(id: $id) { events(limit: 100) { at kind message deploymentId } } }`, { id: appId })).app.events;
}

describe('runtime logs', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let deploymentId: string;

  beforeAll(async () => {
    // a numbered line on stdout and one on stderr every 300 ms, each with regex metacharacters and the secret
    const cmd = `(i=0; while true; do i=$((i+1)); echo "tick $i (a+b)*[x] $API_KEY"; echo "warn $i" >&2; sleep 0.3; done) & exec httpd -f -p "$PORT" -h /www`;
    repo.commit(busyboxApp({ cmd }));
    appId = (
      await createApp({
        name: 'runtime-logs',
        gitUrl: repo.url,
        healthCheckPath: '/cgi-bin/health',
        env: [{ key: 'API_KEY', value: SECRET, secret: true }],
      })
    ).id;
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('LIVE');
    deploymentId = d.id;
  }, 200_000);

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('stores both streams within seconds, with the instance, oldest first, secrets masked', async () => {
    let lines: Line[] = [];
    await until('runtime lines to be stored', async () => (lines = await runtimeLogs(appId)).filter((l) => l.line.startsWith('tick')).length >= 3, 20_000);
    const ticks = lines.filter((l) => l.line.startsWith('tick '));
    expect(ticks[0]).toMatchObject({ stream: 'stdout', instance: expect.stringMatching(/^paas-runtime-logs-/) });
    expect(lines.some((l) => l.stream === 'stderr' && /^warn \d+$/.test(l.line))).toBe(true);
    expect(ticks[0].line).toMatch(/^tick \d+ \(a\+b\)\*\[x\] \*\*\*$/);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    const times = lines.map((l) => Date.parse(l.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // numbered lines are consecutive: nothing lost, nothing twice
    const numbers = ticks.map((l) => Number(l.line.split(' ')[1]));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
  });

  it('streams new lines live on the subscription', async () => {
    const client = wsClient();
    const got: Line[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no live lines within 15 s (${got.length})`)), 15_000);
        client.subscribe<{ runtimeLogs: Line }>(
          { query: `subscription($id: ID!) { runtimeLogs(appId: $id) { timestamp stream line instance } }`, variables: { id: appId } },
          {
            next: (m) => {
              if (m.data) got.push(m.data.runtimeLogs);
              if (got.filter((l) => l.line.startsWith('tick')).length >= 3) {
                clearTimeout(timer);
                resolve();
              }
            },
            error: reject,
            complete: () => undefined,
          },
        );
      });
    } finally {
      await client.dispose();
    }
    expect(got[0].instance).toMatch(/^paas-runtime-logs-/);
    expect(JSON.stringify(got)).not.toContain(SECRET);
  });

  it('searches plain text: regex metacharacters and LIKE wildcards match literally', async () => {
    const found = await runtimeLogs(appId, { search: '(A+B)*[X]' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((l) => l.line.includes('(a+b)*[x]'))).toBe(true);
    // as a regex ".*" would match everything; as LIKE "%" and "_" would too
    expect(await runtimeLogs(appId, { search: '.*' })).toEqual([]);
    expect(await runtimeLogs(appId, { search: '%' })).toEqual([]);
    expect(await runtimeLogs(appId, { search: 'tick_' })).toEqual([]);
    // the secret itself is not there to be found
    expect(await runtimeLogs(appId, { search: SECRET })).toEqual([]);
    // limit: the newest lines; since: nothing older
    const two = await runtimeLogs(appId, { limit: 2 });
    expect(two).toHaveLength(2);
    const since = new Date(Date.now() - 1000).toISOString();
    expect((await runtimeLogs(appId, { since })).every((l) => l.timestamp >= since)).toBe(true);
  });

  it('refuses hostile arguments with a clear error', async () => {
    const bad = async (args: Record<string, unknown>) => {
      const r = await gqlRaw(logsQuery, { id: appId, ...args });
      return `${r.errors?.[0]?.extensions?.code}: ${r.errors?.[0]?.message}`;
    };
    expect(await bad({ limit: 1_000_000 })).toBe('BAD_USER_INPUT: limit must be a whole number from 1 to 5000.');
    expect(await bad({ limit: 0 })).toBe('BAD_USER_INPUT: limit must be a whole number from 1 to 5000.');
    expect(await bad({ search: 'x'.repeat(10_240) })).toBe('BAD_USER_INPUT: search is plain text of at most 200 characters (got 10240).');
    expect(await bad({ since: '1900-01-01T00:00:00Z' })).toBe('BAD_USER_INPUT: since may be at most 366 days ago.');
    expect(await bad({ since: '9999-01-01T00:00:00Z' })).toBe('BAD_USER_INPUT: since must not be in the future.');
    const ev = await gqlRaw(`query($id: ID!) { app(id: $id) { events(limit: 1000000) { kind } } }`, { id: appId });
    expect(ev.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('records the start of the release in events, with its deployment', async () => {
    await until('a started event', async () => (await events(appId)).some((e) => e.kind === 'started'), 20_000);
    expect((await events(appId)).find((e) => e.kind === 'started')).toMatchObject({
      deploymentId,
      message: expect.stringMatching(/^paas-runtime-logs-.* started\.$/),
    });
  });

  it('hides the logs and events from a VIEWER of another team', async () => {
    const email = `runtime-stranger-${Date.now()}@example.com`;
    // sign-up is by invitation: the stranger is invited as VIEWER into a team of its own
    const team = (await gql(`mutation { createTeam(name: "Runtime strangers ${Date.now()}") { id } }`)).createTeam.id;
    await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: team, e: email });
    const signUp = await call(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { accessToken } }`, {
      e: email,
      p: 'correct horse battery staple 7',
    });
    expect(signUp.errors, JSON.stringify(signUp.errors)).toBeUndefined();
    const token = signUp.data.signUp.accessToken;
    const r = await call(`query($id: ID!) { app(id: $id) { runtimeLogs { line } events { kind } } }`, { id: appId }, token);
    expect(r.data?.app ?? null).toBeNull();
    const client = wsClient(token);
    try {
      const outcome = await new Promise<string>((resolve) => {
        client.subscribe(
          { query: `subscription($id: ID!) { runtimeLogs(appId: $id) { line } }`, variables: { id: appId } },
          {
            next: (m) => resolve(JSON.stringify(m)),
            error: (e) => resolve(JSON.stringify(e)),
            complete: () => resolve('complete'),
          },
        );
      });
      expect(outcome).toMatch(/NOT_FOUND|FORBIDDEN|does not exist/);
      expect(outcome).not.toMatch(/"runtimeLogs":\{/); // no line was delivered
    } finally {
      await client.dispose();
    }
    expect(codeOf(r)).toBe('OK'); // the app is simply absent for them
  });
});

describe('runtime events', () => {
  const repos: FixtureRepo[] = [];
  const apps: string[] = [];

  afterAll(async () => {
    for (const id of apps) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
    for (const r of repos) r.remove();
  });

  async function liveApp(name: string, cmd: string, extra: Record<string, unknown> = {}): Promise<{ appId: string; deploymentId: string }> {
    const repo = new FixtureRepo();
    repos.push(repo);
    repo.commit(busyboxApp({ cmd }));
    const appId = (await createApp({ name, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', ...extra })).id;
    apps.push(appId);
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('LIVE');
    return { appId, deploymentId: d.id };
  }

  it('a crash (exit code 3 after printing) appears with the exit code and the last lines', async () => {
    const { appId, deploymentId } = await liveApp('runtime-crash', 'httpd -f -p "$PORT" -h /www & sleep 5; echo "step one"; echo "giving up now" >&2; exit 3');
    let crash: { kind: string; message: string; deploymentId: string | null } | undefined;
    await until('a crashed event', async () => !!(crash = (await events(appId)).find((e) => e.kind === 'crashed')), 40_000);
    expect(crash!.deploymentId).toBe(deploymentId);
    expect(crash!.message).toMatch(/^paas-runtime-crash-\S+ exited with code 3\.\nLast lines:\n/);
    // stdout and stderr are timestamped by separate readers in the engine: their order across streams is not fixed
    const tail = crash!.message.split('\nLast lines:\n')[1].split('\n');
    expect(tail).toContain('step one');
    expect(tail).toContain('giving up now');
  }, 240_000);

  it('an OOM kill (a memory hog over memoryMb) appears as oom_killed', async () => {
    // 32 MiB limit; after the health check passed the shell builds a 64 MB string
    const { appId } = await liveApp('runtime-oom', 'httpd -f -p "$PORT" -h /www & sleep 5; x=$(head -c 67108864 /dev/zero | tr "\\000" a); sleep 60', {
      memoryMb: 32,
    });
    await until('an oom_killed event', async () => (await events(appId)).some((e) => e.kind === 'oom_killed'), 60_000);
    expect((await events(appId)).find((e) => e.kind === 'oom_killed')!.message).toMatch(/ran out of memory/);
  }, 240_000);
});

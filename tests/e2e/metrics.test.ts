// Metrics through the contract: a live app gets points within seconds (the stack samples every
// 2 s), a CPU-burning app shows it, hostile ranges are refused with clear errors, and the
// platform's Prometheus endpoint answers only an authenticated scraper.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { callerFrom } from '../helpers/graphql-from.js';
import { createApp, deploy, gql, gqlRaw, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

interface Point {
  at: string;
  cpuPercent: number;
  memoryMb: number;
  netRxBytes: number;
  netTxBytes: number;
}

const METRICS = `query($id: ID!, $since: DateTime, $step: Int) { app(id: $id) { metrics(since: $since, stepSeconds: $step) { at cpuPercent memoryMb netRxBytes netTxBytes } } }`;
const { call } = callerFrom('127.0.142');
const scrape = (authorization?: string) => fetch(`${inject('gatewayUrl')}/metrics`, { headers: authorization ? { authorization } : {} });

describe('metrics', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let deployedAt: number;

  afterAll(async () => {
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('has points for a live app within seconds, with the CPU of a busy loop and a plausible memory', async () => {
    // serves its health check, and keeps one shell busy forever
    repo.commit(busyboxApp({ cmd: 'httpd -f -p "$PORT" -h /www & while :; do :; done' }));
    appId = (await createApp({ name: 'metrics-burner', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('LIVE');
    deployedAt = Date.now();

    const since = new Date(Date.now() - 5 * 60_000).toISOString();
    let points: Point[] = [];
    await until(
      'metrics points of the live app with its CPU use',
      async () => {
        points = (await gql(METRICS, { id: appId, since, step: 2 })).app.metrics;
        return points.some((p) => p.cpuPercent > 20);
      },
      30_000,
      1000,
    );
    expect(Date.now() - deployedAt).toBeLessThan(30_000);
    const busy = points.filter((p) => p.cpuPercent > 20);
    expect(busy.length).toBeGreaterThan(0);
    for (const p of points) {
      expect(p.memoryMb).toBeGreaterThan(0);
      expect(p.memoryMb).toBeLessThan(1024);
      expect(p.cpuPercent).toBeLessThan(400);
      expect(p.netRxBytes).toBeGreaterThanOrEqual(0);
    }
    const times = points.map((p) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse(since) - 2000);
  });

  it('refuses hostile ranges and steps with clear errors', async () => {
    const tenYears = new Date(Date.now() - 10 * 365 * 86_400_000).toISOString();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ since: tenYears, step: 86_400 }, /Metrics are kept 30 days/],
      [{ step: 0 }, /stepSeconds must be a whole number from 1 to 86400/],
      [{ step: 10 ** 9 }, /stepSeconds must be a whole number from 1 to 86400/],
      [{ step: -1 }, /stepSeconds must be a whole number from 1 to 86400/],
      [{ since: new Date(Date.now() - 86_400_000).toISOString(), step: 1 }, /at most 1500: use stepSeconds of at least 58/],
      [{ since: new Date(Date.now() + 86_400_000).toISOString(), step: 60 }, /since is in the future/],
    ];
    for (const [vars, message] of cases) {
      const r = await gqlRaw(METRICS, { id: appId, ...vars });
      expect(r.errors?.[0]?.message, JSON.stringify(vars)).toMatch(message);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // not a date at all: the scalar refuses it
    const bad = await gqlRaw(METRICS, { id: appId, since: 'ten years ago' });
    expect(bad.errors?.length).toBeGreaterThan(0);
  });

  it('serves the Prometheus metrics only to an authenticated scraper, counted from the database', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', 'Basic dGVzdDp0ZXN0', `Bearer ${'x'.repeat(10_000)}`]) {
      const res = await scrape(auth);
      expect(res.status, String(auth).slice(0, 20)).toBe(401);
      expect(await res.text()).not.toMatch(/paas_/);
    }
    for (const token of ['test-metrics-token', inject('adminToken')]) {
      const res = await scrape(`Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const body = await res.text();
      const live = /^paas_deployments\{status="LIVE"\} (\d+)$/m.exec(body);
      expect(Number(live?.[1])).toBeGreaterThanOrEqual(1);
      expect(body).toMatch(/^paas_deployment_step_duration_seconds_bucket\{step="BUILD",le="\+Inf"\} [1-9]\d*$/m);
      expect(body).toMatch(/^paas_deployment_step_duration_seconds_count\{step="VERIFY"\} [1-9]\d*$/m);
      expect(body).toMatch(/^paas_deployments_queued \d+$/m);
      expect(body).toMatch(/^paas_build_slots_in_use \d+$/m);
      expect(body).toMatch(/^paas_build_minutes \d+(\.\d+)?(e-?\d+)?$/m);
    }
  });

  it("lets the app's VIEWER read its metrics but not another team, and /metrics only a platform admin's session", async () => {
    const tag = Date.now().toString(36);
    const teamId = (await gql(`query($id: ID!) { app(id: $id) { team { id } } }`, { id: appId })).app.team.id;
    const other = (await gql(`mutation { createTeam(name: "Metrics elsewhere ${tag}") { id } }`)).createTeam.id;
    const member = async (team: string, who: string, role: string) => {
      const email = `metrics-${who}-${tag}@example.test`;
      await gql(`mutation($t: ID!, $e: String!, $r: TeamRole!) { addTeamMember(teamId: $t, email: $e, role: $r) { role } }`, { t: team, e: email, r: role });
      const r = await call(`mutation($e: String!) { signUp(email: $e, password: "correct horse battery") { accessToken user { id } } }`, { e: email });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data.signUp as { accessToken: string; user: { id: string } };
    };
    const viewer = await member(teamId, 'viewer', 'VIEWER');
    const stranger = await member(other, 'stranger', 'OWNER');

    const recent = { id: appId, since: new Date(Date.now() - 5 * 60_000).toISOString(), step: 2 };
    const seen = await call(METRICS, recent, viewer.accessToken);
    expect(seen.errors, JSON.stringify(seen.errors)).toBeUndefined();
    expect(seen.data.app.metrics.length).toBeGreaterThan(0);
    const hidden = await call(METRICS, recent, stranger.accessToken);
    expect(hidden.data?.app ?? null).toBeNull();

    // a team member's session is not enough for the platform's metrics; a platform admin's is
    expect((await scrape(`Bearer ${viewer.accessToken}`)).status).toBe(401);
    await gql(`mutation($u: ID!) { setPlatformAdmin(userId: $u, platformAdmin: true) { id } }`, { u: viewer.user.id });
    expect((await scrape(`Bearer ${viewer.accessToken}`)).status).toBe(200);
    await gql(`mutation($u: ID!) { setPlatformAdmin(userId: $u, platformAdmin: false) { id } }`, { u: viewer.user.id });
    expect((await scrape(`Bearer ${viewer.accessToken}`)).status).toBe(401);
  });
});

// Plans and quotas in the data layer against the test stack's real PostgreSQL, in a database of
// its own: the seeded plans, build minutes counted per calendar month (UTC), and two app
// creations at once that cannot pass the app limit together (the team's row is locked).
import { randomUUID } from 'node:crypto';
import { Database, OPERATOR_TEAM_ID, claimBuildSlot, deployQuotaViolation, quotaViolation } from '@paas/db';
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_plans', 2);
let source: DataSource;
let db: Database;

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

async function appIn(teamId: string, name: string, memoryMb = 128): Promise<string> {
  const rows: { id: string }[] = await source.query(
    `INSERT INTO apps (name, kind, runtime, git_url, branch, root_directory, dockerfile_path, port, health_check_path, team_id, memory_mb)
     VALUES ($1, 'SERVICE', 'DOCKER', 'file:///tmp/x', 'main', '.', 'Dockerfile', 8080, '/', $2, $3) RETURNING id`,
    [name, teamId, memoryMb],
  );
  return rows[0].id;
}

async function deployment(appId: string, status = 'LIVE'): Promise<string> {
  const id = randomUUID();
  await source.query(`INSERT INTO deployments (id, app_id, status, trigger, workflow_id, config) VALUES ($1, $2, $3, 'MANUAL', $4, '{}')`, [
    id,
    appId,
    status,
    `wf-${id}`,
  ]);
  return id;
}

async function step(appId: string, name: string, startedAt: string, finishedAt: string | null): Promise<void> {
  const id = await deployment(appId);
  await source.query(`INSERT INTO deployment_steps (deployment_id, name, position, status, started_at, finished_at) VALUES ($1, $2, 1, 'SUCCEEDED', $3, $4)`, [
    id,
    name,
    startedAt,
    finishedAt,
  ]);
}

describe('plans', () => {
  it('are seeded Free, Pro, Team; a team starts on Free and the operator team too', async () => {
    expect((await db.plans.list()).map((p) => [p.id, p.maxApps, p.maxMemoryMb])).toEqual([
      ['free', 3, 1024],
      ['pro', 20, 8192],
      ['team', 100, 32768],
    ]);
    const team = await db.teams.insert({ name: 'fresh', personal: false });
    expect((await db.plans.ofTeam(team.id))!.id).toBe('free');
    expect((await db.plans.ofTeam(OPERATOR_TEAM_ID))!.id).toBe('free');
    expect(await db.plans.assign(randomUUID(), 'pro')).toBe(false);
  });

  it('count build minutes of BUILD steps started in this calendar month, UTC, a running build until now', async () => {
    const team = await db.teams.insert({ name: 'minutes', personal: false });
    const app = await appIn(team.id, `minutes-${randomUUID().slice(0, 8)}`, 200);
    const now = new Date('2026-03-01T00:10:00Z');
    await step(app, 'BUILD', '2026-03-01T00:00:00Z', '2026-03-01T00:06:00Z'); // 6 minutes, this month
    await step(app, 'BUILD', '2026-02-28T23:58:00Z', '2026-03-01T00:05:00Z'); // started last month (UTC)
    await step(app, 'RUN', '2026-03-01T00:00:00Z', '2026-03-01T00:09:00Z'); // not a build
    await step(app, 'BUILD', '2026-03-01T00:08:00Z', null); // running: 2 minutes so far
    expect(await db.plans.usageOf(team.id, now)).toEqual({ apps: 1, memoryMb: 200, buildMinutesThisMonth: 8 });
  });
});

describe('quotas', () => {
  it('let only one of two creations at once take the last app of the plan', async () => {
    const team = await db.teams.insert({ name: 'race', personal: false });
    await appIn(team.id, `race-a-${randomUUID().slice(0, 8)}`);
    await appIn(team.id, `race-b-${randomUUID().slice(0, 8)}`);
    const create = (name: string) =>
      db.transaction(async (tx) => {
        const why = await quotaViolation(tx, team.id, { apps: 1, memoryMb: 128 });
        if (why) return why;
        const app = { name, teamId: team.id, kind: 'SERVICE' as const, runtime: 'DOCKER' as const, gitUrl: 'file:///tmp/x', branch: 'main' };
        return tx.apps.insert({ ...app, rootDirectory: '.', dockerfilePath: 'Dockerfile', port: 8080, healthCheckPath: '/' }, []);
      });
    const results = await Promise.all([create(`race-c-${randomUUID().slice(0, 8)}`), create(`race-d-${randomUUID().slice(0, 8)}`)]);
    expect(results.filter((r) => typeof r === 'string' && r.startsWith('the Free plan allows 3 apps'))).toHaveLength(1);
    expect((await db.plans.usageOf(team.id)).apps).toBe(3);
  });

  it('stop a deploy once the build minutes of this month are used up, naming them', async () => {
    const team = await db.teams.insert({ name: 'minutes-up', personal: false });
    const app = await appIn(team.id, `mu-${randomUUID().slice(0, 8)}`);
    // builds of two minutes each, side by side: within this month unless it began less than two minutes ago
    const build = () => step(app, 'BUILD', new Date(Date.now() - 2 * 60_000).toISOString(), new Date().toISOString());
    for (let i = 0; i < 49; i++) await build();
    expect(await deployQuotaViolation(db, team.id, app)).toBeNull();
    await build();
    expect(await deployQuotaViolation(db, team.id, app)).toMatch(/^the Free plan allows 100 build minutes a month; the team has used 100\.\d this month/);
  });

  it("queue builds: a deployment gets a slot while fewer of the team's deployments hold one than the plan allows", async () => {
    const team = await db.teams.insert({ name: 'concurrent', personal: false });
    const [a, b] = [await appIn(team.id, `ca-${randomUUID().slice(0, 8)}`), await appIn(team.id, `cb-${randomUUID().slice(0, 8)}`)];
    const [first, second] = [await deployment(a, 'QUEUED'), await deployment(b, 'QUEUED')];
    const claim = (d: string) => db.transaction((tx) => claimBuildSlot(tx, team.id, d));
    expect(await claim(first)).toBeNull();
    expect(await claim(first)).toBeNull(); // again: it holds it already
    expect(await claim(second)).toBe("the Free plan allows 1 concurrent builds and 1 of the team's deployments are building");
    // a concurrent deploy is no longer refused at the door: it waits in the queue
    expect(await deployQuotaViolation(db, team.id, b)).toBeNull();
    await db.plans.releaseBuildSlot(first);
    expect(await claim(second)).toBeNull();
    // a deployment that ended frees its slot without a release
    const third = await deployment(a, 'QUEUED');
    expect(await claim(third)).not.toBeNull();
    await source.query(`UPDATE deployments SET status = 'FAILED' WHERE id = $1`, [second]);
    expect(await claim(third)).toBeNull();
    expect(await db.transaction((tx) => claimBuildSlot(tx, OPERATOR_TEAM_ID, first))).toBeNull();
  });

  it('claim the last slot once when two deployments ask together', async () => {
    const team = await db.teams.insert({ name: 'race', personal: false });
    const apps = [await appIn(team.id, `ra-${randomUUID().slice(0, 8)}`), await appIn(team.id, `rb-${randomUUID().slice(0, 8)}`)];
    const ds = [await deployment(apps[0], 'QUEUED'), await deployment(apps[1], 'QUEUED')];
    const answers = await Promise.all(ds.map((d) => db.transaction((tx) => claimBuildSlot(tx, team.id, d))));
    expect(answers.filter((x) => x === null)).toHaveLength(1);
  });

  it('do not apply to the operator team', async () => {
    expect(await quotaViolation(db, OPERATOR_TEAM_ID, { apps: 1_000, memoryMb: 1_000_000 })).toBeNull();
  });
});

// Apps, env vars and redeploy-schedule rows against real PostgreSQL (a scratch database): the git
// credential is write-only (never read with an app), a taken name is refused leaving nothing
// behind, env vars merge by key, and an app's schedules and deployments go with it.
import { Database, type NewApp } from '@paas/db';
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_app_repo', 4);
let db: Database;

const settings = (name: string, gitToken: string | null = null): NewApp => ({
  name,
  kind: 'SERVICE',
  runtime: 'DOCKER',
  gitUrl: 'https://example.com/r.git',
  gitToken,
  branch: 'main',
  rootDirectory: '.',
  dockerfilePath: 'Dockerfile',
  port: 8080,
  healthCheckPath: '/',
});

async function count(table: string): Promise<number> {
  const [{ n }] = await scratch().query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

beforeAll(() => {
  db = new Database(scratch());
});

beforeEach(async () => {
  await scratch().query(`DELETE FROM apps`);
});

describe('apps', () => {
  it('never reads the git credential with an app; it is only asked about, or read for a clone', async () => {
    const id = (await db.transaction((tx) => tx.apps.insert(settings('private', 'ghp_secret'), [])))!;
    const other = (await db.transaction((tx) => tx.apps.insert(settings('public'), [])))!;
    for (const app of [await db.apps.findById(id), await db.apps.findByName('private'), ...(await db.apps.list())]) {
      expect(JSON.stringify(app)).not.toContain('ghp_secret');
    }
    expect(await db.apps.withGitCredential([id, other])).toEqual(new Set([id]));
    expect(await db.apps.gitToken(id)).toBe('ghp_secret');
    await db.apps.update(id, { gitToken: null });
    expect(await db.apps.gitToken(id)).toBeNull();
  });

  it('refuses a taken name, leaving neither a second app nor its env vars behind', async () => {
    expect(await db.transaction((tx) => tx.apps.insert(settings('web'), [{ key: 'A', value: '1', secret: false }]))).toMatch(/^[0-9a-f-]{36}$/);
    // both at once: the unique index decides the race, the loser gets null rather than an error
    const results = await Promise.all([1, 2].map(() => db.transaction((tx) => tx.apps.insert(settings('api'), [{ key: 'B', value: '2', secret: false }]))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(await db.transaction((tx) => tx.apps.insert(settings('web'), [{ key: 'C', value: '3', secret: false }]))).toBeNull();
    expect(await count('apps')).toBe(2);
    expect(await count('env_vars')).toBe(2);
  });

  it('stores hostile names and values as data', async () => {
    const hostile = `x'); DELETE FROM apps; --`;
    const id = (await db.transaction((tx) => tx.apps.insert(settings(hostile), [{ key: 'K', value: hostile, secret: true }])))!;
    expect((await db.apps.findByName(hostile))?.id).toBe(id);
    expect((await db.apps.envVarsOf(id))[0].value).toBe(hostile);
    expect(await count('apps')).toBe(1);
  });

  it('sets env vars by key, keeping the others, in key order', async () => {
    const id = (await db.transaction((tx) =>
      tx.apps.insert(settings('env'), [
        { key: 'B', value: 'b', secret: false },
        { key: 'A', value: 'a', secret: false },
      ]),
    ))!;
    await db.apps.upsertEnvVars(id, [
      { key: 'B', value: 'b2', secret: true },
      { key: 'C', value: 'c', secret: false },
    ]);
    expect((await db.apps.envVarsOf(id)).map((v) => [v.key, v.value, v.secret])).toEqual([
      ['A', 'a', false],
      ['B', 'b2', true],
      ['C', 'c', false],
    ]);
  });

  it('holds an app locked for the rest of a transaction, so two capped changes cannot pass together', async () => {
    const id = (await db.transaction((tx) => tx.apps.insert(settings('locked'), [])))!;
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = db.transaction(async (tx) => {
      await tx.apps.lockForUpdate(id);
      order.push('first locked');
      await held;
      order.push('first done');
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = db.transaction(async (tx) => {
      await tx.apps.lockForUpdate(id);
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first done', 'second locked']);
    expect(await db.transaction((tx) => tx.apps.lockForUpdate(randomUUID()))).toBeNull();
  });
});

describe('redeploy schedules', () => {
  it('lists an app’s schedules oldest first, pauses, deletes, and goes with its app', async () => {
    const app = (await db.transaction((tx) => tx.apps.insert(settings('sched'), [])))!;
    const [a, b] = [randomUUID(), randomUUID()];
    await db.schedules.insert({ id: a, appId: app, cron: '@every 1h' });
    await db.schedules.insert({ id: b, appId: app, cron: '0 3 * * *' });
    expect(await db.schedules.countForApp(app)).toBe(2);
    await db.schedules.setPaused(b, true);
    expect((await db.schedules.listForApp(app)).map((s) => [s.id, s.paused])).toEqual([
      [a, false],
      [b, true],
    ]);
    await db.schedules.delete(a);
    expect(await db.schedules.find(a)).toBeNull();
    await db.apps.delete(app);
    expect(await count('redeploy_schedules')).toBe(0);
  });
});

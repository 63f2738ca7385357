// Retention of old deployments and their logs, against the test stack's real PostgreSQL: in a
// database of its own (migrated like the platform's), so the rule runs over every app without
// touching the deployments of the tests running beside it. Dropped afterwards.
import { applyRetention, prunedLogLine, retentionFromEnv, RETENTION_DEFAULTS } from '@paas/db';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { useScratchDatabase } from '../helpers/scratch-database.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRetention } from '../../services/worker/src/background/retention.js';
import { until } from '../helpers/wait.js';

const DAY = 86_400_000;
const NOW = new Date('2030-06-01T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

const scratch = useScratchDatabase('paas_retention', 4);
let db: DataSource;

interface Row {
  status: string;
  createdDaysAgo: number;
  finishedDaysAgo?: number | null;
  imageRef?: string;
  sitePrefix?: string;
  pruned?: boolean;
  source?: string;
  lines?: number;
}

async function app(name: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO apps (name, kind, runtime, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ($1, 'SERVICE', 'DOCKERFILE', 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
    [name],
  );
  return id;
}

async function deployment(appId: string, r: Row): Promise<string> {
  const id = randomUUID();
  const finished = r.finishedDaysAgo === undefined ? r.createdDaysAgo : r.finishedDaysAgo;
  await db.query(
    `INSERT INTO deployments (id, app_id, status, trigger, workflow_id, config, created_at, finished_at, image_ref, site_prefix, image_pruned_at, source_deployment_id, log_seq)
     VALUES ($1, $2, $3, 'MANUAL', $4, '{}', $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      appId,
      r.status,
      `deploy-${id}`,
      daysAgo(r.createdDaysAgo),
      finished === null ? null : daysAgo(finished),
      r.imageRef ?? null,
      r.sitePrefix ?? null,
      r.pruned ? daysAgo(1) : null,
      r.source ?? null,
      r.lines ?? 3,
    ],
  );
  await db.query(`INSERT INTO deployment_steps (deployment_id, name, position, status) VALUES ($1, 'BUILD', 1, 'SUCCEEDED')`, [id]);
  for (let seq = 1; seq <= (r.lines ?? 3); seq++) {
    await db.query(`INSERT INTO log_lines (deployment_id, seq, timestamp, stream, line) VALUES ($1, $2, $3, 'stdout', $4)`, [
      id,
      seq,
      daysAgo(r.createdDaysAgo),
      `line ${seq}`,
    ]);
  }
  return id;
}

async function exists(id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM deployments WHERE id = $1`, [id])).length === 1;
}

async function children(id: string): Promise<{ steps: number; lines: number }> {
  const [{ steps, lines }] = await db.query(
    `SELECT (SELECT count(*)::int FROM deployment_steps WHERE deployment_id = $1) AS steps, (SELECT count(*)::int FROM log_lines WHERE deployment_id = $1) AS lines`,
    [id],
  );
  return { steps, lines };
}

beforeAll(() => {
  db = scratch();
});

beforeEach(async () => {
  await db.query(`DELETE FROM apps`);
});

describe('retention of old deployments (PAAS_KEEP_DEPLOYMENTS)', () => {
  it('deletes what is beyond the newest N of each app, with its steps and log lines, and never the live, in-flight or restorable ones', async () => {
    const a = await app('retained');
    const other = await app('other');
    // oldest first; keep = 3 keeps the three newest whatever their status
    const failed = await deployment(a, { status: 'FAILED', createdDaysAgo: 90 });
    const prunedRelease = await deployment(a, { status: 'SUPERSEDED', createdDaysAgo: 80, imageRef: 'reg/a@sha256:1', pruned: true });
    const restorable = await deployment(a, { status: 'SUPERSEDED', createdDaysAgo: 70, imageRef: 'reg/a@sha256:2' });
    const restorableSite = await deployment(a, { status: 'SUPERSEDED', createdDaysAgo: 65, sitePrefix: `sites/${a}/x/` });
    const cancelled = await deployment(a, { status: 'CANCELLED', createdDaysAgo: 60 });
    const superseded = await deployment(a, { status: 'SUPERSEDED', createdDaysAgo: 55 }); // waited, never built
    const inFlight = await deployment(a, { status: 'BUILDING', createdDaysAgo: 50, finishedDaysAgo: null });
    const live = await deployment(a, { status: 'LIVE', createdDaysAgo: 40, imageRef: 'reg/a@sha256:3', source: prunedRelease });
    const newest = [];
    for (const n of [3, 2, 1]) newest.push(await deployment(a, { status: 'FAILED', createdDaysAgo: n }));
    const otherOld = [await deployment(other, { status: 'FAILED', createdDaysAgo: 400 }), await deployment(other, { status: 'FAILED', createdDaysAgo: 300 })];

    const r = await applyRetention(db, { keepDeployments: 3, logRetentionDays: 10_000, auditRetentionDays: 365 }, NOW);

    expect(r.deploymentsDeleted).toBe(4);
    for (const id of [failed, prunedRelease, cancelled, superseded]) {
      expect(await exists(id)).toBe(false);
      expect(await children(id)).toEqual({ steps: 0, lines: 0 });
    }
    for (const id of [restorable, restorableSite, inFlight, live, ...newest, ...otherOld]) {
      expect(await exists(id)).toBe(true);
      expect(await children(id)).toEqual({ steps: 1, lines: 3 });
    }
    // the live rollback lost the link to its deleted source, not itself
    const [{ source_deployment_id }] = await db.query(`SELECT source_deployment_id FROM deployments WHERE id = $1`, [live]);
    expect(source_deployment_id).toBeNull();
    // nothing more to do: a second pass changes nothing
    expect(await applyRetention(db, { keepDeployments: 3, logRetentionDays: 10_000, auditRetentionDays: 365 }, NOW)).toEqual({
      deploymentsDeleted: 0,
      logsPruned: 0,
      auditEventsDeleted: 0,
    });
  });

  it('deletes in batches until done, and two passes at once never fail or delete twice', async () => {
    const a = await app('many');
    for (let i = 0; i < 1_210; i++) {
      await db.query(
        `INSERT INTO deployments (id, app_id, status, trigger, workflow_id, config, created_at, finished_at) VALUES ($1, $2, 'FAILED', 'SCHEDULE', $3, '{}', $4, $4)`,
        [randomUUID(), a, `deploy-${i}`, new Date(NOW.getTime() - i * 60_000)],
      );
    }
    const results = await Promise.all([1, 2].map(() => applyRetention(db, { keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 }, NOW)));
    // the pass that found the lock taken stops; the other deletes everything beyond 100
    expect(results.reduce((n, r) => n + r.deploymentsDeleted, 0)).toBe(1_110);
    const [{ n, newest }] = await db.query(`SELECT count(*)::int AS n, max(created_at) AS newest FROM deployments WHERE app_id = $1`, [a]);
    expect(n).toBe(100);
    expect(new Date(newest).getTime()).toBe(NOW.getTime());
  });
});

describe('retention of logs (PAAS_LOG_RETENTION_DAYS)', () => {
  it('prunes the log of a deployment that ended longer ago than the retention to one marker line at its last seq', async () => {
    const a = await app('logs');
    const old = await deployment(a, { status: 'FAILED', createdDaysAgo: 31, lines: 5 });
    const oldSuperseded = await deployment(a, { status: 'SUPERSEDED', createdDaysAgo: 45, lines: 2, imageRef: 'reg/a@sha256:9' });
    const recent = await deployment(a, { status: 'FAILED', createdDaysAgo: 29, lines: 5 });
    const live = await deployment(a, { status: 'LIVE', createdDaysAgo: 100, lines: 5 });
    const inFlight = await deployment(a, { status: 'VERIFYING', createdDaysAgo: 60, finishedDaysAgo: null, lines: 5 });

    const r = await applyRetention(db, { keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 }, NOW);

    expect(r).toEqual({ deploymentsDeleted: 0, logsPruned: 2, auditEventsDeleted: 0 });
    expect(await db.query(`SELECT seq, stream, line FROM log_lines WHERE deployment_id = $1`, [old])).toEqual([
      { seq: 5, stream: 'system', line: prunedLogLine(30) },
    ]);
    expect(await db.query(`SELECT seq, line FROM log_lines WHERE deployment_id = $1`, [oldSuperseded])).toEqual([{ seq: 2, line: prunedLogLine(30) }]);
    for (const id of [recent, live, inFlight]) expect((await children(id)).lines).toBe(5);
    // the deployment rows and steps stay: only the log goes
    expect(await children(old)).toEqual({ steps: 1, lines: 1 });
    expect(await applyRetention(db, { keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 }, NOW)).toEqual({
      deploymentsDeleted: 0,
      logsPruned: 0,
      auditEventsDeleted: 0,
    });
  });
});

describe('the worker’s retention timer', () => {
  it('runs the passes by itself, every PAAS_RETENTION_INTERVAL_MS, and keeps running after a failed pass', async () => {
    const a = await app('timer');
    const old = await deployment(a, { status: 'FAILED', createdDaysAgo: 2 });
    const kept = await deployment(a, { status: 'FAILED', createdDaysAgo: 1 });
    const logged: string[] = [];
    const stop = startRetention(db, { PAAS_RETENTION_INTERVAL_MS: '1000', PAAS_KEEP_DEPLOYMENTS: '1' }, (l) => logged.push(l));
    try {
      await until('the first pass', async () => !(await exists(old)), 10_000);
      expect(await exists(kept)).toBe(true);
      expect(logged).toContainEqual(expect.stringMatching(/^retention: deleted 1 old deployments \(keeping 1 per app\)/));
      // a failing pass (here: its table is gone for a moment) is logged, and a later one does the work
      await db.query(`ALTER TABLE deployments RENAME TO deployments_away`);
      await db.query(
        `INSERT INTO deployments_away (id, app_id, status, trigger, workflow_id, config, created_at, finished_at) VALUES ($1, $2, 'FAILED', 'MANUAL', 'w', '{}', $3, $3)`,
        [randomUUID(), a, NOW],
      );
      await until('a failed pass', () => logged.some((l) => l.startsWith('retention: pass failed')), 10_000);
      expect((await db.query(`SELECT 1 FROM deployments_away WHERE id = $1`, [kept])).length).toBe(1);
      await db.query(`ALTER TABLE deployments_away RENAME TO deployments`);
      await until('the next pass', async () => !(await exists(kept)), 10_000);
    } finally {
      stop();
      await db.query(`ALTER TABLE IF EXISTS deployments_away RENAME TO deployments`);
    }
  });

  it('refuses a hostile interval instead of spinning', () => {
    for (const bad of ['0', '5', '-1000', 'abc', '1e9', '99999999999']) {
      expect(() => startRetention(db, { PAAS_RETENTION_INTERVAL_MS: bad }, () => undefined)).toThrow(
        /^PAAS_RETENTION_INTERVAL_MS must be a whole number of milliseconds, at least 1000/,
      );
    }
  });
});

describe('retention settings', () => {
  it('defaults to 100 deployments per app, 30 days of logs and 365 days of audit events', () => {
    expect(retentionFromEnv({})).toEqual({ keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 });
    expect(RETENTION_DEFAULTS).toEqual({ keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 });
    expect(retentionFromEnv({ PAAS_AUDIT_RETENTION_DAYS: '7' }).auditRetentionDays).toBe(7);
    expect(() => retentionFromEnv({ PAAS_AUDIT_RETENTION_DAYS: '0' })).toThrow(/^PAAS_AUDIT_RETENTION_DAYS must be a whole number of at least 1/);
  });

  it('takes any whole number of at least 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (keep, days) => {
        expect(retentionFromEnv({ PAAS_KEEP_DEPLOYMENTS: String(keep), PAAS_LOG_RETENTION_DAYS: String(days) })).toEqual({
          keepDeployments: keep,
          logRetentionDays: days,
          auditRetentionDays: 365,
        });
      }),
    );
  });

  it('refuses anything else with a message naming the variable, instead of deleting everything', () => {
    for (const bad of ['0', '-1', '2.5', 'abc', ' ', ' 5', '0x10', '1e3', 'NaN', 'Infinity', '99999999999999999999']) {
      expect(() => retentionFromEnv({ PAAS_KEEP_DEPLOYMENTS: bad })).toThrow(/^PAAS_KEEP_DEPLOYMENTS must be a whole number of at least 1/);
    }
    fc.assert(
      fc.property(
        fc.string().filter((s) => s !== '' && !(/^[0-9]+$/.test(s) && Number(s) >= 1)),
        (bad) => {
          expect(() => retentionFromEnv({ PAAS_LOG_RETENTION_DAYS: bad })).toThrow(/^PAAS_LOG_RETENTION_DAYS must be a whole number of at least 1/);
        },
      ),
    );
  });
});

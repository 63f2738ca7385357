// The audit log's data layer against the test stack's real PostgreSQL, in a database of its own:
// a team's events newest first, bounded values from hostile callers, and retention.
import { randomUUID } from 'node:crypto';
import { applyRetention, Database } from '@paas/db';
import type { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_audit', 2);
let source: DataSource;
let db: Database;

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

beforeEach(async () => {
  await source.query(`DELETE FROM audit_events`);
});

const event = (teamId: string | null, action: string) => ({ actor: 'a@example.test', action, targetId: null, teamId, result: 'ok', address: '127.0.0.1' });

describe('audit events', () => {
  it("lists a team's events newest first, up to the limit, and nothing of another team", async () => {
    const team = randomUUID();
    const other = randomUUID();
    for (const action of ['first', 'second', 'third']) {
      await db.auditEvents.insert(event(team, action));
      await db.auditEvents.insert(event(other, `other-${action}`));
    }
    await db.auditEvents.insert(event(null, 'signIn'));
    expect((await db.auditEvents.ofTeam(team, 50)).map((e) => e.action)).toEqual(['third', 'second', 'first']);
    expect((await db.auditEvents.ofTeam(team, 2)).map((e) => e.action)).toEqual(['third', 'second']);
    const [newest] = await db.auditEvents.ofTeam(team, 1);
    expect(newest).toMatchObject({ actor: 'a@example.test', teamId: team, targetId: null, result: 'ok', address: '127.0.0.1' });
    expect(newest.at).toBeInstanceOf(Date);
  });

  it('cuts what a hostile caller sends to a bounded length instead of storing it whole', async () => {
    const team = randomUUID();
    const huge = 'x'.repeat(100_000);
    await db.auditEvents.insert({ actor: huge, action: huge, targetId: huge, teamId: team, result: huge, address: huge });
    const [e] = await db.auditEvents.ofTeam(team, 1);
    expect([e.actor.length, e.action.length, e.targetId!.length, e.result.length, e.address!.length]).toEqual([320, 100, 100, 100, 100]);
  });

  it('retention deletes the events older than PAAS_AUDIT_RETENTION_DAYS, and only those', async () => {
    const team = randomUUID();
    const now = new Date('2030-06-01T12:00:00Z');
    for (const [action, daysAgo] of [
      ['old', 400],
      ['older', 900],
      ['recent', 10],
    ] as const) {
      await db.auditEvents.insert(event(team, action));
      await source.query(`UPDATE audit_events SET at = $1 WHERE action = $2`, [new Date(now.getTime() - daysAgo * 86_400_000), action]);
    }
    const r = await applyRetention(source, { keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 }, now);
    expect(r.auditEventsDeleted).toBe(2);
    expect((await db.auditEvents.ofTeam(team, 50)).map((e) => e.action)).toEqual(['recent']);
  });
});

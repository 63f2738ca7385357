import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per mutation (and sign-in), with who, what, which target, which team,
 * the result and the caller's address. No foreign keys: an event outlives the app, token or
 * member it names, and a failed call may name a target that never existed.
 */
export class AuditEvents1764700000000 implements MigrationInterface {
  name = 'AuditEvents1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      target_id text,
      team_id uuid,
      result text NOT NULL,
      address text)`);
    await q.query(`CREATE INDEX audit_events_team_at ON audit_events (team_id, at DESC)`);
    await q.query(`CREATE INDEX audit_events_at ON audit_events (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
  }
}

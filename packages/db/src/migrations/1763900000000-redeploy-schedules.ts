import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled redeploys: the schedule itself lives in Temporal; this row lists it per app. */
export class RedeploySchedules1763900000000 implements MigrationInterface {
  name = 'RedeploySchedules1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE redeploy_schedules (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        cron text NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX redeploy_schedules_app ON redeploy_schedules (app_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE redeploy_schedules');
  }
}

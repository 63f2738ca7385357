import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a live release's container does after it went live: running, restarting, or given up on. */
export class ReleaseRuntimeState1764000000000 implements MigrationInterface {
  name = 'ReleaseRuntimeState1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments ADD COLUMN runtime_state text, ADD COLUMN restart_count int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments DROP COLUMN runtime_state, DROP COLUMN restart_count`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The team's build queue: a deployment holds one of its plan's concurrent build slots from the
 * moment it starts building until its image is pushed (or it ends). Deployments that wait for a
 * slot stay QUEUED.
 */
export class BuildSlots1764810000000 implements MigrationInterface {
  name = 'BuildSlots1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments ADD COLUMN build_slot_at timestamptz, ADD COLUMN build_slot_released_at timestamptz`);
    await q.query(`CREATE INDEX deployments_build_slots ON deployments (app_id) WHERE build_slot_at IS NOT NULL AND build_slot_released_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deployments_build_slots`);
    await q.query(`ALTER TABLE deployments DROP COLUMN build_slot_released_at, DROP COLUMN build_slot_at`);
  }
}

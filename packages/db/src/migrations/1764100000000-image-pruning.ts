import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When an old release's image was garbage-collected: it can no longer be restored. */
export class ImagePruning1764100000000 implements MigrationInterface {
  name = 'ImagePruning1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments ADD COLUMN image_pruned_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments DROP COLUMN image_pruned_at`);
  }
}

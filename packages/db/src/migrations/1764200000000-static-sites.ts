import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * STATIC apps: the SPA-fallback setting, the object-storage prefix that holds a release's files,
 * and the uploaded archive an UPLOAD deployment publishes. image_pruned_at now also means
 * "the release's files were garbage-collected" for STATIC apps.
 */
export class StaticSites1764200000000 implements MigrationInterface {
  name = 'StaticSites1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN spa_fallback boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE deployments ADD COLUMN site_prefix text`);
    await q.query(`ALTER TABLE deployments ADD COLUMN upload_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments DROP COLUMN upload_id`);
    await q.query(`ALTER TABLE deployments DROP COLUMN site_prefix`);
    await q.query(`ALTER TABLE apps DROP COLUMN spa_fallback`);
  }
}

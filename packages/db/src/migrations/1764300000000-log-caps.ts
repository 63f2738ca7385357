import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A deployment's stored log is capped: the bytes stored so far, and whether the cap was reached. */
export class LogCaps1764300000000 implements MigrationInterface {
  name = 'LogCaps1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments ADD COLUMN log_bytes bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE deployments ADD COLUMN log_truncated boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments DROP COLUMN log_truncated`);
    await q.query(`ALTER TABLE deployments DROP COLUMN log_bytes`);
  }
}

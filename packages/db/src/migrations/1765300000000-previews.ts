import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pull-request previews: whether an app makes them, one row per pull request that had one (kept
 * after it closes, with closed_at, so a deployment still names its pull request), and the preview
 * a deployment belongs to (null: the app's own deployments, whose live release is the app's).
 */
export class Previews1765300000000 implements MigrationInterface {
  name = 'Previews1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN previews_enabled boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE previews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      pull_request integer NOT NULL CHECK (pull_request > 0),
      branch text NOT NULL CHECK (length(branch) <= 255),
      head_sha text NOT NULL CHECK (head_sha ~ '^[0-9a-f]{40}([0-9a-f]{24})?$'),
      clone_url text NOT NULL CHECK (length(clone_url) <= 2048),
      from_fork boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      UNIQUE (app_id, pull_request))`);
    await q.query(`ALTER TABLE deployments ADD COLUMN preview_id uuid REFERENCES previews(id) ON DELETE CASCADE`);
    await q.query(`CREATE INDEX deployments_preview ON deployments (preview_id) WHERE preview_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployments DROP COLUMN preview_id`);
    await q.query(`DROP TABLE previews`);
    await q.query(`ALTER TABLE apps DROP COLUMN previews_enabled`);
  }
}

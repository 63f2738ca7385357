import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Push to deploy: an app's forge webhook (its signing secret sealed like other secrets) and the
 * deliveries it received, for troubleshooting and replay refusal. A delivery id is unique per app
 * (a replay of it is refused), and so is the digest of a signed body (a replay under a new id,
 * which the signature alone cannot tell apart, since forges sign only the body).
 */
export class GitWebhooks1765000000000 implements MigrationInterface {
  name = 'GitWebhooks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE git_webhooks (
      app_id uuid PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
      forge text NOT NULL CHECK (forge IN ('GITHUB', 'GITLAB', 'GITEA')),
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      delivery_id text CHECK (length(delivery_id) <= 200),
      body_sha256 text CHECK (length(body_sha256) = 64),
      event text NOT NULL CHECK (length(event) <= 100),
      result text NOT NULL CHECK (length(result) <= 500),
      received_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (app_id, delivery_id),
      UNIQUE (app_id, body_sha256))`);
    await q.query(`CREATE INDEX webhook_deliveries_app_received ON webhook_deliveries (app_id, received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE git_webhooks`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels per team (a URL or an email address, the events it wants, a WEBHOOK's
 * sealed signing secret) and one delivery row per event and channel: its status, attempts and
 * last error, for the channel's delivery log. The newest deliveries are kept (see the repository).
 */
export class NotificationChannels1766300000000 implements MigrationInterface {
  name = 'NotificationChannels1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification_channels (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('WEBHOOK', 'SLACK', 'DISCORD', 'EMAIL')),
      target text NOT NULL CHECK (length(target) <= 2048),
      events text[] NOT NULL CHECK (cardinality(events) > 0),
      secret text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'WEBHOOK') = (secret IS NOT NULL)))`);
    await q.query(`CREATE INDEX notification_channels_team ON notification_channels (team_id)`);
    await q.query(`CREATE TABLE notification_deliveries (
      id uuid PRIMARY KEY,
      channel_id uuid NOT NULL REFERENCES notification_channels(id) ON DELETE CASCADE,
      event text NOT NULL,
      event_key text NOT NULL CHECK (length(event_key) <= 200),
      payload jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      error text CHECK (length(error) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (channel_id, event_key))`);
    await q.query(`CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notification_channels`);
  }
}

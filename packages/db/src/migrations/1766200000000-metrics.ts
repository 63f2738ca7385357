import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resource metrics of running apps: raw samples per instance (kept short) and per-app rollups of
 * 1 minute and 1 hour (kept longer), written by the worker's sampler and its downsampling pass.
 * One raw row per instance and sampling slot: a second worker sampling the same slot adds nothing.
 */
export class Metrics1766200000000 implements MigrationInterface {
  name = 'Metrics1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE metric_samples (
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      instance text NOT NULL CHECK (length(instance) <= 255),
      at timestamptz NOT NULL,
      cpu_percent real NOT NULL CHECK (cpu_percent >= 0),
      memory_mb real NOT NULL CHECK (memory_mb >= 0),
      rx_total bigint NOT NULL,
      tx_total bigint NOT NULL,
      rx_bytes bigint NOT NULL CHECK (rx_bytes >= 0),
      tx_bytes bigint NOT NULL CHECK (tx_bytes >= 0),
      PRIMARY KEY (instance, at))`);
    await q.query(`CREATE INDEX metric_samples_app_at ON metric_samples (app_id, at)`);
    await q.query(`CREATE INDEX metric_samples_at ON metric_samples (at)`);
    await q.query(`CREATE TABLE metric_rollups (
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      resolution integer NOT NULL CHECK (resolution IN (60, 3600)),
      bucket timestamptz NOT NULL,
      cpu_percent real NOT NULL,
      memory_mb real NOT NULL,
      rx_bytes bigint NOT NULL,
      tx_bytes bigint NOT NULL,
      PRIMARY KEY (app_id, resolution, bucket))`);
    await q.query(`CREATE INDEX metric_rollups_resolution_bucket ON metric_rollups (resolution, bucket)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE metric_rollups`);
    await q.query(`DROP TABLE metric_samples`);
  }
}

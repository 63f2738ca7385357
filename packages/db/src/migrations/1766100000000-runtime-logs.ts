import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What running releases print (runtime_log_lines) and what happens to their instances
 * (app_events). A line is identified by its instance (container id), the engine's timestamp in
 * nanoseconds and its ordinal among lines of that same timestamp: a collector that resumes or
 * runs twice inserts nothing twice (ON CONFLICT DO NOTHING).
 */
export class RuntimeLogs1766100000000 implements MigrationInterface {
  name = 'RuntimeLogs1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE runtime_log_lines (
      id bigserial PRIMARY KEY,
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      deployment_id uuid,
      container_id text NOT NULL,
      instance text NOT NULL,
      stream text NOT NULL,
      ts_ns bigint NOT NULL,
      ord int NOT NULL,
      timestamp timestamptz NOT NULL,
      line text NOT NULL,
      bytes int NOT NULL,
      CONSTRAINT runtime_log_lines_identity UNIQUE (container_id, ts_ns, ord)
    )`);
    await q.query(`CREATE INDEX runtime_log_lines_app ON runtime_log_lines (app_id, id)`);
    await q.query(`CREATE INDEX runtime_log_lines_app_time ON runtime_log_lines (app_id, timestamp)`);
    await q.query(`CREATE TABLE app_events (
      id bigserial PRIMARY KEY,
      app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
      deployment_id uuid,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      message text NOT NULL,
      source_key text NOT NULL UNIQUE
    )`);
    await q.query(`CREATE INDEX app_events_app_at ON app_events (app_id, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_events`);
    await q.query(`DROP TABLE runtime_log_lines`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE apps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL,
        runtime text NOT NULL,
        git_url text,
        git_token text,
        branch text NOT NULL,
        root_directory text NOT NULL,
        dockerfile_path text NOT NULL,
        build_image text,
        build_command text,
        output_directory text,
        port int NOT NULL,
        health_check_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE env_vars (
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key text NOT NULL,
        value text NOT NULL,
        secret boolean NOT NULL DEFAULT false,
        PRIMARY KEY (app_id, key)
      )`);
    await q.query(`
      CREATE TABLE deployments (
        id uuid PRIMARY KEY,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        status text NOT NULL,
        trigger text NOT NULL,
        requested_sha text,
        commit_sha text,
        image_ref text,
        workflow_id text NOT NULL,
        error text,
        source_deployment_id uuid REFERENCES deployments(id) ON DELETE SET NULL,
        config jsonb NOT NULL,
        env_snapshot jsonb NOT NULL DEFAULT '[]',
        container_name text,
        upstream text,
        log_seq int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX deployments_app_created ON deployments (app_id, created_at DESC)`);
    await q.query(`CREATE INDEX deployments_app_live ON deployments (app_id) WHERE status = 'LIVE'`);
    await q.query(`
      CREATE TABLE deployment_steps (
        deployment_id uuid NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
        name text NOT NULL,
        position int NOT NULL,
        status text NOT NULL,
        attempt int NOT NULL DEFAULT 1,
        started_at timestamptz,
        finished_at timestamptz,
        message text,
        PRIMARY KEY (deployment_id, name)
      )`);
    await q.query(`
      CREATE TABLE log_lines (
        deployment_id uuid NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
        seq int NOT NULL,
        timestamp timestamptz NOT NULL,
        stream text NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (deployment_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE log_lines');
    await q.query('DROP TABLE deployment_steps');
    await q.query('DROP TABLE deployments');
    await q.query('DROP TABLE env_vars');
    await q.query('DROP TABLE apps');
  }
}

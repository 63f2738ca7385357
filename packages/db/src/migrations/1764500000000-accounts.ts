import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPERATOR_TEAM_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Users, sessions, teams, roles and API tokens. Every app belongs to a team: the apps that exist
 * move to the "operator" team (the admin token's own), which is also the column's default, so
 * nothing is lost and code that inserts an app without a team keeps working.
 */
export class Accounts1764500000000 implements MigrationInterface {
  name = 'Accounts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      name text,
      password_hash text NOT NULL,
      platform_admin boolean NOT NULL DEFAULT false,
      failed_sign_ins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      personal boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE team_members (
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('OWNER','ADMIN','DEVELOPER','VIEWER')),
      PRIMARY KEY (team_id, user_id))`);
    await q.query(`CREATE INDEX team_members_user ON team_members (user_id)`);
    await q.query(`CREATE TABLE team_invitations (
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      email text NOT NULL CHECK (email = lower(email)),
      role text NOT NULL CHECK (role IN ('OWNER','ADMIN','DEVELOPER','VIEWER')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (team_id, email))`);
    await q.query(`CREATE INDEX team_invitations_email ON team_invitations (email)`);
    await q.query(`CREATE TABLE refresh_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      family_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('OWNER','ADMIN','DEVELOPER','VIEWER')),
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO teams (id, name) VALUES ($1, 'operator')`, [OPERATOR_TEAM_ID]);
    await q.query(`ALTER TABLE apps ADD COLUMN team_id uuid NOT NULL DEFAULT '${OPERATOR_TEAM_ID}' REFERENCES teams(id)`);
    await q.query(`CREATE INDEX apps_team ON apps (team_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps DROP COLUMN team_id`);
    for (const t of ['api_tokens', 'refresh_tokens', 'team_invitations', 'team_members', 'teams', 'users']) await q.query(`DROP TABLE ${t}`);
  }
}

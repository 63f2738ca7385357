import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forge connections per team: the API credentials (sealed like other secrets) with which the
 * platform lists a team's repositories and posts commit statuses. One connection per team, base
 * URL and account; a TOKEN connection holds a token, a GITHUB_APP one an app id, installation id
 * and private key.
 */
export class ForgeConnections1765020000000 implements MigrationInterface {
  name = 'ForgeConnections1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE forge_connections (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
      forge text NOT NULL CHECK (forge IN ('GITHUB', 'GITLAB', 'GITEA')),
      base_url text NOT NULL CHECK (length(base_url) <= 300),
      auth text NOT NULL CHECK (auth IN ('TOKEN', 'GITHUB_APP')),
      account text NOT NULL CHECK (length(account) <= 200),
      token text,
      github_app_id text CHECK (length(github_app_id) <= 50),
      github_installation_id text CHECK (length(github_installation_id) <= 50),
      github_private_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((auth = 'TOKEN') = (token IS NOT NULL)),
      CHECK ((auth = 'GITHUB_APP') = (github_private_key IS NOT NULL AND github_app_id IS NOT NULL AND github_installation_id IS NOT NULL)),
      UNIQUE (team_id, base_url, account))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forge_connections`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in with a forge (GitHub, GitLab, Gitea, any OpenID Connect provider): each user may link one
 * identity per provider, and an identity belongs to one user. A user who signed up through a forge
 * has no password (NULL hash: password sign-in never succeeds for it).
 */
export class ForgeIdentities1764800000000 implements MigrationInterface {
  name = 'ForgeIdentities1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`CREATE TABLE forge_identities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      provider text NOT NULL CHECK (length(provider) <= 40),
      subject text NOT NULL CHECK (length(subject) <= 255),
      username text CHECK (length(username) <= 255),
      linked_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz,
      UNIQUE (provider, subject),
      UNIQUE (user_id, provider))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forge_identities`);
    await q.query(`DELETE FROM users WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

// userinfo of an http(s)/git URL: "user:password@" or "token@"
const USERINFO = `^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@`;

/**
 * Git URLs no longer carry credentials. Rows stored before that rule: the credential moves to
 * git_token (the password, or a lone user part, which is how tokens were pasted) unless the app
 * already has one, and leaves the URL, also in each deployment's settings snapshot. An ssh://
 * URL keeps its user name and loses only a password. Idempotent; nothing is put back on down.
 */
export class GitUrlCredentials1764410000000 implements MigrationInterface {
  name = 'GitUrlCredentials1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE apps SET
         git_token = COALESCE(git_token, NULLIF(COALESCE(substring(git_url from '^[A-Za-z]+://[^/?#@]*:([^/?#@]*)@'), substring(git_url from '^[A-Za-z]+://([^/?#@:]*)@')), '')),
         git_url = regexp_replace(git_url, $1, '\\1')
       WHERE git_url ~* '^(https?|git)://[^/?#]*@'`,
      [USERINFO],
    );
    await q.query(`UPDATE apps SET git_url = regexp_replace(git_url, '^(ssh://[^/?#@:]*):[^/?#]*@', '\\1@') WHERE git_url ~* '^ssh://[^/?#@:]*:[^/?#]*@'`);
    await q.query(
      `UPDATE deployments SET config = jsonb_set(config, '{gitUrl}', to_jsonb(regexp_replace(regexp_replace(config->>'gitUrl', '^(ssh://[^/?#@:]*):[^/?#]*@', '\\1@'), $1, '\\1')))
       WHERE config->>'gitUrl' ~* '^(https?|git)://[^/?#]*@' OR config->>'gitUrl' ~* '^ssh://[^/?#@:]*:[^/?#]*@'`,
      [USERINFO.replace('[A-Za-z][A-Za-z0-9+.-]*', '(?:https?|git|HTTPS?|GIT)')],
    );
  }

  async down(): Promise<void> {
    // credentials do not go back into URLs
  }
}

// The migration that takes credentials out of git URLs stored before they were refused, against
// the test stack's real PostgreSQL, in a database of its own (dropped afterwards).
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { useScratchDatabase } from '../helpers/scratch-database.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { GitUrlCredentials1764410000000 } from '../../packages/db/src/migrations/1764410000000-git-url-credentials.js';

const scratch = useScratchDatabase('paas_git_urls', 2);
let db: DataSource;

beforeAll(() => {
  db = scratch();
});

async function legacyApp(gitUrl: string, gitToken: string | null = null): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO apps (name, kind, runtime, git_url, git_token, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ($1, 'SERVICE', 'DOCKER', $2, $3, 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
    [`legacy-${randomUUID().slice(0, 8)}`, gitUrl, gitToken],
  );
  await db.query(`INSERT INTO deployments (id, app_id, status, trigger, workflow_id, config) VALUES ($1, $2, 'LIVE', 'MANUAL', $3, $4)`, [
    randomUUID(),
    id,
    `deploy-${id}`,
    JSON.stringify({ gitUrl, branch: 'main' }),
  ]);
  return id;
}

async function stored(id: string) {
  const [app] = await db.query(`SELECT git_url, git_token FROM apps WHERE id = $1`, [id]);
  const [dep] = await db.query(`SELECT config->>'gitUrl' AS snapshot, config->>'branch' AS branch FROM deployments WHERE app_id = $1`, [id]);
  return { gitUrl: app.git_url, gitToken: app.git_token, snapshot: dep.snapshot, branch: dep.branch };
}

describe('migration: credentials leave stored git URLs', () => {
  it('moves a token out of the URL into git_token, strips ssh passwords, keeps clean URLs and stored tokens, and is idempotent', async () => {
    const tokenInUser = await legacyApp('https://ghp_legacy123@github.example.invalid/o/r.git');
    const userAndPass = await legacyApp('HTTP://someone:s3cret@git.example.invalid/r.git');
    const alreadyHasToken = await legacyApp('https://old-token@git.example.invalid/r.git', 'newer-token');
    const ssh = await legacyApp('ssh://git:sshpw@git.example.invalid/r.git');
    const sshUser = await legacyApp('ssh://git@git.example.invalid/r.git');
    const clean = await legacyApp('file:///tmp/x');

    const migration = new GitUrlCredentials1764410000000();
    for (let run = 0; run < 2; run++) {
      const runner = db.createQueryRunner();
      await migration.up(runner).finally(() => runner.release());
    }

    expect(await stored(tokenInUser)).toEqual({
      gitUrl: 'https://github.example.invalid/o/r.git',
      gitToken: 'ghp_legacy123',
      snapshot: 'https://github.example.invalid/o/r.git',
      branch: 'main',
    });
    expect(await stored(userAndPass)).toEqual({
      gitUrl: 'HTTP://git.example.invalid/r.git',
      gitToken: 's3cret',
      snapshot: 'HTTP://git.example.invalid/r.git',
      branch: 'main',
    });
    expect(await stored(alreadyHasToken)).toMatchObject({
      gitUrl: 'https://git.example.invalid/r.git',
      gitToken: 'newer-token',
      snapshot: 'https://git.example.invalid/r.git',
    });
    expect(await stored(ssh)).toMatchObject({ gitUrl: 'ssh://git@git.example.invalid/r.git', gitToken: null, snapshot: 'ssh://git@git.example.invalid/r.git' });
    expect(await stored(sshUser)).toMatchObject({ gitUrl: 'ssh://git@git.example.invalid/r.git', snapshot: 'ssh://git@git.example.invalid/r.git' });
    expect(await stored(clean)).toMatchObject({ gitUrl: 'file:///tmp/x', gitToken: null, snapshot: 'file:///tmp/x' });
    const everything = JSON.stringify(await db.query(`SELECT a.git_url, d.config FROM apps a JOIN deployments d ON d.app_id = a.id`));
    for (const secret of ['ghp_legacy123', 's3cret', 'old-token', 'sshpw']) expect(everything).not.toContain(secret);
  });
});

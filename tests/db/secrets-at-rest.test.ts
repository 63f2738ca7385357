// Secrets at rest against real PostgreSQL (a scratch database): env var values, git credentials
// and env snapshots are sealed in the table and in clear through the repositories; the migration
// seals rows stored in clear before encryption; a rotation re-seals everything under the new key,
// and a rotation with the wrong key changes nothing.
import { generateMasterKeyText, Keyring, parseMasterKey, sealedKeyId, SecretDecryptionError } from '@paas/crypto';
import { Database, MIGRATIONS, resealStoredSecrets, sealUnderCurrentKey, useSecretKeyring } from '@paas/db';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_secrets_at_rest', 2);
let source: DataSource;
let db: Database;
const keyA = generateMasterKeyText();
const keyB = generateMasterKeyText();
const ring = (current: string, ...previous: string[]) =>
  new Keyring(
    parseMasterKey(current),
    previous.map((k) => parseMasterKey(k)),
  );

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

beforeEach(async () => {
  useSecretKeyring(ring(keyA));
  await source.query(`DELETE FROM apps`);
});

/** An app written in clear, the way rows were stored before encryption at rest. */
async function plaintextApp(canary: string): Promise<{ appId: string; deploymentId: string }> {
  const [{ id }] = await source.query(
    `INSERT INTO apps (name, kind, runtime, git_url, git_token, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ($1, 'SERVICE', 'DOCKER', 'https://git.example.invalid/r.git', $2, 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
    [`legacy-${randomUUID().slice(0, 8)}`, `${canary}-token`],
  );
  await source.query(`INSERT INTO env_vars (app_id, key, value, secret) VALUES ($1, 'SECRET', $2, true), ($1, 'PLAIN', 'visible', false)`, [
    id,
    `${canary}-env`,
  ]);
  const deploymentId = randomUUID();
  await source.query(
    `INSERT INTO deployments (id, app_id, status, trigger, workflow_id, config, env_snapshot) VALUES ($1, $2, 'LIVE', 'MANUAL', $3, '{}', $4)`,
    [deploymentId, id, `deploy-${deploymentId}`, JSON.stringify([{ key: 'SECRET', value: `${canary}-snap`, secret: true }])],
  );
  return { appId: id as string, deploymentId };
}

/** Every stored secret column, raw. */
async function rawSecrets(): Promise<string[]> {
  const rows: { v: string }[] = await source.query(
    `SELECT value AS v FROM env_vars UNION ALL SELECT git_token FROM apps WHERE git_token IS NOT NULL
     UNION ALL SELECT s->>'value' FROM deployments, jsonb_array_elements(COALESCE(env_snapshot, '[]'::jsonb)) s`,
  );
  return rows.map((r) => r.v);
}

async function migrateUp(): Promise<void> {
  const runner = source.createQueryRunner();
  try {
    // the built migration, as the platform runs it (and with the keyring this file configured)
    const EncryptSecrets = MIGRATIONS.find((m) => m.name === 'EncryptSecrets1764600000000')!;
    await new EncryptSecrets().up(runner);
  } finally {
    await runner.release();
  }
}

function rotateCli(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const cli = resolve(import.meta.dirname, '../../packages/db/dist/cli/rotate-keys.js');
  const child = spawn(process.execPath, [cli], { env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, output })));
}

const databaseUrl = () => (source.options as { url: string }).url;

describe('secrets at rest', () => {
  it('the migration seals rows stored in clear, is idempotent, and the repositories still read them in clear', async () => {
    const { appId, deploymentId } = await plaintextApp('canary-mig');
    await migrateUp();
    const sealed = await rawSecrets();
    expect(sealed).toHaveLength(4);
    for (const v of sealed) expect(v).toMatch(/^paas:enc:v1:/);
    expect(sealed.join('\n')).not.toMatch(/canary|visible/);
    await migrateUp();
    expect(await rawSecrets()).toEqual(sealed);

    expect((await db.apps.envVarsOf(appId)).map((v) => [v.key, v.value])).toEqual([
      ['PLAIN', 'visible'],
      ['SECRET', 'canary-mig-env'],
    ]);
    expect(await db.apps.gitToken(appId)).toBe('canary-mig-token');
    expect(await db.deployments.envSnapshot(deploymentId)).toEqual([{ key: 'SECRET', value: 'canary-mig-snap', secret: true }]);
    // the log masker reads secrets with raw SQL: it must get them in clear
    expect(await db.deployments.secretValues(deploymentId)).toEqual(expect.arrayContaining(['canary-mig-env', 'canary-mig-snap', 'canary-mig-token']));
  });

  it('writes through the repositories are sealed in the table', async () => {
    const { appId } = await plaintextApp('canary-w');
    await db.apps.upsertEnvVars(appId, [{ key: 'NEW', value: 'canary-w-new', secret: true }]);
    await db.apps.update(appId, { gitToken: 'canary-w-rotated-token' });
    const [{ value }] = await source.query(`SELECT value FROM env_vars WHERE app_id = $1 AND key = 'NEW'`, [appId]);
    const [{ git_token }] = await source.query(`SELECT git_token FROM apps WHERE id = $1`, [appId]);
    expect(value).toMatch(/^paas:enc:v1:/);
    expect(git_token).toMatch(/^paas:enc:v1:/);
    expect(`${value}${git_token}`).not.toContain('canary');
    expect(await db.apps.gitToken(appId)).toBe('canary-w-rotated-token');
  });

  it('a rotation re-seals every value under the new key: old ciphertext is gone, values read the same, the old key alone reads nothing', async () => {
    const { appId, deploymentId } = await plaintextApp('canary-rot');
    await migrateUp();
    const before = await rawSecrets();
    useSecretKeyring(ring(keyB, keyA));
    expect(await source.transaction((tx) => resealStoredSecrets(tx, sealUnderCurrentKey))).toBe(4);
    const after = await rawSecrets();
    for (const v of after) expect(sealedKeyId(v)).toBe(parseMasterKey(keyB).id);
    for (const v of before) expect(after).not.toContain(v);

    useSecretKeyring(ring(keyB));
    expect(await db.apps.gitToken(appId)).toBe('canary-rot-token');
    expect(await db.deployments.envSnapshot(deploymentId)).toEqual([{ key: 'SECRET', value: 'canary-rot-snap', secret: true }]);
    useSecretKeyring(ring(keyA));
    await expect(db.apps.gitToken(appId)).rejects.toThrow(SecretDecryptionError);
  });

  it('keys:rotate with a key that cannot open the values fails and changes nothing; without a key it says so', async () => {
    await plaintextApp('canary-cli');
    await migrateUp();
    const before = await rawSecrets();
    const wrong = await rotateCli({ DATABASE_URL: databaseUrl(), PAAS_MASTER_KEY: keyB });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/rotation failed, nothing was changed/);
    expect(wrong.output).not.toMatch(/canary|paas:enc/);
    expect(await rawSecrets()).toEqual(before);

    const missing = await rotateCli({ DATABASE_URL: databaseUrl() });
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/PAAS_MASTER_KEY is not set/);

    const ok = await rotateCli({ DATABASE_URL: databaseUrl(), PAAS_MASTER_KEY: keyB, PAAS_PREVIOUS_MASTER_KEYS: keyA });
    expect(ok.output).toMatch(/re-sealed 4 stored secret value\(s\)/);
    expect(ok.code).toBe(0);
    for (const v of await rawSecrets()) expect(sealedKeyId(v)).toBe(parseMasterKey(keyB).id);
  });
});

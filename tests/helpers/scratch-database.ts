// A database of its own on the test stack's real PostgreSQL, migrated like the platform's and
// dropped after the file's tests: medium tests of the data layer cannot touch other tests' rows.
import { generateMasterKeyText, Keyring, parseMasterKey } from '@paas/crypto';
import { createDataSource, useSecretKeyring } from '@paas/db';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, inject } from 'vitest';

/** Registers the hooks; the returned function gives the migrated database inside tests. */
export function useScratchDatabase(prefix: string, poolSize = 2): () => DataSource {
  let admin: DataSource | undefined;
  let db: DataSource | undefined;
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  beforeAll(async () => {
    // a key of the file's own: its secrets are sealed like the platform's
    useSecretKeyring(new Keyring(parseMasterKey(generateMasterKeyText())));
    admin = await createDataSource(inject('databaseUrl'), { poolSize: 1 }).initialize();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${name}`;
    db = await createDataSource(url.toString(), { poolSize }).initialize();
    await db.runMigrations();
  });
  afterAll(async () => {
    await db?.destroy();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    }
  });
  return () => {
    if (!db) throw new Error('the scratch database is not ready (use it inside tests)');
    return db;
  };
}

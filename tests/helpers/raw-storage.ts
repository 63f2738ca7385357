// Raw reads of what the test stack keeps on disk, for proofs that a secret is stored nowhere in
// clear: files are read as bytes, bypassing every API and codec.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateMasterKeyText, parseMasterKey, sealedKeyId } from '@paas/crypto';
import { createDataSource } from '@paas/db';
import { inject } from 'vitest';

/** Forces PostgreSQL to write its dirty pages to the data files, so a grep of them sees every row. */
export async function checkpointPostgres(): Promise<void> {
  const source = await createDataSource(inject('databaseUrl'), { poolSize: 1 }).initialize();
  try {
    await source.query('CHECKPOINT');
  } finally {
    await source.destroy();
  }
}

/** The files under `dir` (relative paths) whose bytes contain any of `needles`; files that vanish or cannot be read are skipped. */
export function filesContaining(dir: string, needles: string[]): string[] {
  const wanted = needles.map((n) => Buffer.from(n, 'utf8'));
  const found: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(d, name);
      try {
        const st = statSync(path);
        if (st.isDirectory()) walk(path);
        else if (st.isFile() && wanted.some((w) => readFileSync(path).includes(w))) found.push(relative(dir, path));
      } catch {
        // removed while walking, or a socket: nothing to read
      }
    }
  };
  walk(dir);
  return found;
}

/** Every stored secret column of the database at `url`, raw (sealed, unless something is wrong). */
export async function storedSecretsAt(url: string): Promise<string[]> {
  const source = await createDataSource(url, { poolSize: 1 }).initialize();
  try {
    const rows: { v: string }[] = await source.query(
      `SELECT value AS v FROM env_vars UNION ALL SELECT git_token FROM apps WHERE git_token IS NOT NULL
       UNION ALL SELECT s->>'value' FROM deployments, jsonb_array_elements(COALESCE(env_snapshot, '[]'::jsonb)) s
       UNION ALL SELECT secret FROM git_webhooks
       UNION ALL SELECT token FROM forge_connections WHERE token IS NOT NULL
       UNION ALL SELECT github_private_key FROM forge_connections WHERE github_private_key IS NOT NULL`,
    );
    return rows.map((r) => r.v);
  } finally {
    await source.destroy();
  }
}

export const newMasterKey = (): string => generateMasterKeyText();
/** The key id a master key seals under, and the one a stored value was sealed under. */
export const idOfMasterKey = (key: string): string => parseMasterKey(key).id;
export const keyIdOfStored = (value: string): string => sealedKeyId(value);

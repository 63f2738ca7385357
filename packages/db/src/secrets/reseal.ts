// Rewrites every stored secret in place: the migration that seals rows written in clear, and the
// key rotation that re-seals them under a new master key, are this one walk with another rule.
import { isSealed, sealedKeyId } from '@paas/crypto';
import type { EntityManager } from 'typeorm';
import type { EnvSnapshotEntry } from '../entities/deployment.entity.js';
import { openStored, secretKeyring, sealStored } from './sealed-columns.js';

type Query = Pick<EntityManager, 'query'>;
/** The new stored form of a value, or undefined to leave it as it is. */
export type Reseal = (stored: string) => string | undefined;

/** Seals what is still in clear (rows from before encryption). */
export const sealPlaintext: Reseal = (stored) => (isSealed(stored) ? undefined : sealStored(stored));

/** Everything under the keyring's current key: other keys' values are opened and sealed again, values in clear are sealed. */
export const sealUnderCurrentKey: Reseal = (stored) =>
  isSealed(stored) && sealedKeyId(stored) === secretKeyring().current.id ? undefined : sealStored(openStored(stored));

/** Back to clear (a migration's down). */
export const openAll: Reseal = (stored) => (isSealed(stored) ? openStored(stored) : undefined);

/** Applies `reseal` to env var values, git credentials, webhook secrets, forge connections' credentials, notification channels' secrets and env snapshots; the count of values rewritten. Run it in a transaction. */
export async function resealStoredSecrets(q: Query, reseal: Reseal): Promise<number> {
  let changed = 0;
  const envVars: { app_id: string; key: string; value: string }[] = await q.query(`SELECT app_id, key, value FROM env_vars FOR UPDATE`);
  for (const row of envVars) {
    const next = reseal(row.value);
    if (next === undefined) continue;
    await q.query(`UPDATE env_vars SET value = $3 WHERE app_id = $1 AND key = $2`, [row.app_id, row.key, next]);
    changed++;
  }
  const apps: { id: string; git_token: string }[] = await q.query(`SELECT id, git_token FROM apps WHERE git_token IS NOT NULL FOR UPDATE`);
  for (const row of apps) {
    const next = reseal(row.git_token);
    if (next === undefined) continue;
    await q.query(`UPDATE apps SET git_token = $2 WHERE id = $1`, [row.id, next]);
    changed++;
  }
  // the migration that first sealed secrets runs before this table exists
  const [{ exists }]: { exists: boolean }[] = await q.query(`SELECT to_regclass('git_webhooks') IS NOT NULL AS exists`);
  const hooks: { app_id: string; secret: string }[] = exists ? await q.query(`SELECT app_id, secret FROM git_webhooks FOR UPDATE`) : [];
  for (const row of hooks) {
    const next = reseal(row.secret);
    if (next === undefined) continue;
    await q.query(`UPDATE git_webhooks SET secret = $2 WHERE app_id = $1`, [row.app_id, next]);
    changed++;
  }
  // forge connections' tokens and GitHub App keys (the table is newer than the first sealing migration too)
  const [{ forges }]: { forges: boolean }[] = await q.query(`SELECT to_regclass('forge_connections') IS NOT NULL AS forges`);
  const connections: { id: string; token: string | null; github_private_key: string | null }[] = forges
    ? await q.query(`SELECT id, token, github_private_key FROM forge_connections FOR UPDATE`)
    : [];
  for (const row of connections) {
    for (const column of ['token', 'github_private_key'] as const) {
      const stored = row[column];
      const next = stored === null ? undefined : reseal(stored);
      if (next === undefined) continue;
      await q.query(`UPDATE forge_connections SET ${column} = $2 WHERE id = $1`, [row.id, next]);
      changed++;
    }
  }
  // notification channels' WEBHOOK signing secrets
  const [{ channels }]: { channels: boolean }[] = await q.query(`SELECT to_regclass('notification_channels') IS NOT NULL AS channels`);
  const secrets: { id: string; secret: string }[] = channels
    ? await q.query(`SELECT id, secret FROM notification_channels WHERE secret IS NOT NULL FOR UPDATE`)
    : [];
  for (const row of secrets) {
    const next = reseal(row.secret);
    if (next === undefined) continue;
    await q.query(`UPDATE notification_channels SET secret = $2 WHERE id = $1`, [row.id, next]);
    changed++;
  }
  const deployments: { id: string; env_snapshot: EnvSnapshotEntry[] }[] = await q.query(
    `SELECT id, env_snapshot FROM deployments WHERE jsonb_typeof(env_snapshot) = 'array' AND jsonb_array_length(env_snapshot) > 0 FOR UPDATE`,
  );
  for (const row of deployments) {
    let rewritten = 0;
    const entries = row.env_snapshot.map((e) => {
      const next = reseal(e.value);
      if (next === undefined) return e;
      rewritten++;
      return { ...e, value: next };
    });
    if (rewritten === 0) continue;
    await q.query(`UPDATE deployments SET env_snapshot = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(entries)]);
    changed += rewritten;
  }
  return changed;
}

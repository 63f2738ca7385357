// Webhooks and their deliveries against real PostgreSQL: the secret is sealed in the table and
// re-sealed by a key rotation; a delivery id and a signed body are claimed once per app; refused
// deliveries claim nothing; a released delivery frees its claims; only the newest are kept.
import { generateMasterKeyText, Keyring, parseMasterKey, sealedKeyId } from '@paas/crypto';
import { Database, KEEP_DELIVERIES, resealStoredSecrets, sealUnderCurrentKey, useSecretKeyring } from '@paas/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_git_webhooks', 2);
let source: DataSource;
let db: Database;
let appId: string;
const keyA = generateMasterKeyText();
const keyB = generateMasterKeyText();
const digest = (c: string) => c.repeat(64);

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

beforeEach(async () => {
  useSecretKeyring(new Keyring(parseMasterKey(keyA), []));
  await source.query(`DELETE FROM apps`);
  const [{ id }] = await source.query(
    `INSERT INTO apps (name, kind, runtime, git_url, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ($1, 'SERVICE', 'DOCKER', 'https://git.example.invalid/r.git', 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
    [`hook-${randomUUID().slice(0, 8)}`],
  );
  appId = id as string;
});

describe('git webhooks in PostgreSQL', () => {
  it('the secret is sealed at rest, read in clear, rotated by enabling again and re-sealed by a key rotation', async () => {
    expect(await db.gitWebhooks.upsert(appId, 'GITEA', 'canary-secret-1')).toBe(true);
    expect(await db.gitWebhooks.upsert(appId, 'GITHUB', 'canary-secret-2')).toBe(true);
    const [{ secret, forge }] = await source.query(`SELECT secret, forge FROM git_webhooks WHERE app_id = $1`, [appId]);
    expect(forge).toBe('GITHUB');
    expect(secret).toMatch(/^paas:enc:v1:/);
    expect(secret).not.toContain('canary');
    expect((await db.gitWebhooks.find(appId))?.secret).toBe('canary-secret-2');

    useSecretKeyring(new Keyring(parseMasterKey(keyB), [parseMasterKey(keyA)]));
    expect(await source.transaction((tx) => resealStoredSecrets(tx, sealUnderCurrentKey))).toBe(1);
    const [{ secret: resealed }] = await source.query(`SELECT secret FROM git_webhooks WHERE app_id = $1`, [appId]);
    expect(sealedKeyId(resealed)).toBe(parseMasterKey(keyB).id);
    expect((await db.gitWebhooks.find(appId))?.secret).toBe('canary-secret-2');
  });

  it('an unknown app gets no webhook; removing one says whether there was one; deleting the app removes it', async () => {
    expect(await db.gitWebhooks.upsert(randomUUID(), 'GITEA', 's')).toBe(false);
    expect(await db.gitWebhooks.remove(appId)).toBe(false);
    await db.gitWebhooks.upsert(appId, 'GITEA', 's');
    await db.gitWebhooks.recordDelivery({ appId, deliveryId: 'd', bodySha256: digest('a'), event: 'push', result: 'received' });
    await source.query(`DELETE FROM apps WHERE id = $1`, [appId]);
    expect(await db.gitWebhooks.find(appId)).toBeNull();
    expect(await db.gitWebhooks.deliveries(appId, 10)).toEqual([]);
  });

  it('a delivery id or a body is claimed once per app; refused deliveries claim nothing; release frees the claims', async () => {
    const first = await db.gitWebhooks.recordDelivery({ appId, deliveryId: 'd1', bodySha256: digest('a'), event: 'push', result: 'received' });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.gitWebhooks.recordDelivery({ appId, deliveryId: 'd1', bodySha256: digest('b'), event: 'push', result: 'received' })).toBeNull();
    expect(await db.gitWebhooks.recordDelivery({ appId, deliveryId: 'd2', bodySha256: digest('a'), event: 'push', result: 'received' })).toBeNull();
    for (let i = 0; i < 3; i++)
      expect(
        await db.gitWebhooks.recordDelivery({ appId, deliveryId: null, bodySha256: null, event: 'push', result: 'refused: bad signature' }),
      ).not.toBeNull();
    await db.gitWebhooks.release(first!, 'failed: unavailable');
    expect(await db.gitWebhooks.recordDelivery({ appId, deliveryId: 'd1', bodySha256: digest('a'), event: 'push', result: 'received' })).not.toBeNull();
  });

  it('hostile lengths are cut to the columns, and only the newest deliveries are kept', async () => {
    const id = await db.gitWebhooks.recordDelivery({
      appId,
      deliveryId: 'x'.repeat(10_000),
      bodySha256: null,
      event: 'e'.repeat(10_000),
      result: 'r'.repeat(10_000),
    });
    const [row] = await db.gitWebhooks.deliveries(appId, 1);
    expect(row.id).toBe(id);
    expect([row.deliveryId?.length, row.event.length, row.result.length]).toEqual([200, 100, 500]);
    for (let i = 0; i < KEEP_DELIVERIES + 5; i++)
      await db.gitWebhooks.recordDelivery({ appId, deliveryId: `d${i}`, bodySha256: null, event: 'push', result: `n${i}` });
    const [{ n }] = await source.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE app_id = $1`, [appId]);
    expect(n).toBe(KEEP_DELIVERIES);
    expect((await db.gitWebhooks.deliveries(appId, 1))[0].result).toBe(`n${KEEP_DELIVERIES + 4}`);
  });
});

// Notification channels against real PostgreSQL: a WEBHOOK's secret is sealed at rest, read in
// clear, re-sealed by a key rotation; one delivery per event and channel however often it is
// prepared; attempts counted, a delivered one stays delivered, a give-up keeps the last error;
// the newest 200 deliveries kept; deleting the channel or the team removes the rest.
import { generateMasterKeyText, Keyring, parseMasterKey, sealedKeyId } from '@paas/crypto';
import { Database, DELIVERIES_KEPT, resealStoredSecrets, sealUnderCurrentKey, useSecretKeyring } from '@paas/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_notification_channels', 2);
let source: DataSource;
let db: Database;
let teamId: string;
const keyA = generateMasterKeyText();
const keyB = generateMasterKeyText();
const ALL = ['deployment.succeeded', 'deployment.failed', 'deployment.rolled_back', 'release.crash_looping'] as const;

beforeAll(() => {
  source = scratch();
  db = new Database(source);
});

beforeEach(async () => {
  useSecretKeyring(new Keyring(parseMasterKey(keyA), []));
  const [{ id }] = await source.query(`INSERT INTO teams (name) VALUES ($1) RETURNING id`, [`notify-${randomUUID().slice(0, 8)}`]);
  teamId = id as string;
});

const channel = (over: Partial<Parameters<Database['notificationChannels']['insert']>[0]> = {}) =>
  db.notificationChannels.insert({
    id: randomUUID(),
    teamId,
    kind: 'WEBHOOK',
    target: 'https://hooks.example.com/x',
    events: [...ALL],
    secret: 'canary-signing-secret',
    ...over,
  });

describe('notification channels in PostgreSQL', () => {
  it('a WEBHOOK secret is sealed at rest, read in clear, and re-sealed by a key rotation', async () => {
    const c = await channel();
    const [{ secret }] = await source.query(`SELECT secret FROM notification_channels WHERE id = $1`, [c.id]);
    expect(secret).toMatch(/^paas:enc:v1:/);
    expect(secret).not.toContain('canary');
    expect((await db.notificationChannels.find(c.id))?.secret).toBe('canary-signing-secret');

    useSecretKeyring(new Keyring(parseMasterKey(keyB), [parseMasterKey(keyA)]));
    expect(await source.transaction((tx) => resealStoredSecrets(tx, sealUnderCurrentKey))).toBeGreaterThanOrEqual(1);
    const [after] = await source.query(`SELECT secret FROM notification_channels WHERE id = $1`, [c.id]);
    expect(sealedKeyId(after.secret)).toBe(parseMasterKey(keyB).id);
    expect((await db.notificationChannels.find(c.id))?.secret).toBe('canary-signing-secret');
  });

  it('the table refuses a WEBHOOK without a secret, another kind with one, no events, an unknown kind', async () => {
    await expect(channel({ secret: null })).rejects.toThrow();
    await expect(channel({ kind: 'SLACK' })).rejects.toThrow();
    await expect(channel({ events: [] })).rejects.toThrow();
    await expect(channel({ kind: 'PIGEON' as never, secret: null })).rejects.toThrow();
    expect(await db.notificationChannels.forTeam(teamId)).toEqual([]);
  });

  it('subscribed channels only; one delivery per event and channel; attempts counted; delivered stays delivered; a give-up keeps the last error', async () => {
    const all = await channel();
    const failedOnly = await channel({ kind: 'EMAIL', target: 'ops@example.com', events: ['deployment.failed'], secret: null });
    expect((await db.notificationChannels.subscribed(teamId, 'deployment.succeeded')).map((c) => c.id)).toEqual([all.id]);
    expect((await db.notificationChannels.subscribed(teamId, 'deployment.failed')).map((c) => c.id).sort()).toEqual([all.id, failedOnly.id].sort());

    const first = await db.notificationChannels.deliveryFor(all.id, 'deployment.failed', 'deployment.failed:d1', { a: 1 });
    const again = await db.notificationChannels.deliveryFor(all.id, 'deployment.failed', 'deployment.failed:d1', { a: 2 });
    expect(again.id).toBe(first.id);
    expect(again.payload).toEqual({ a: 1 });

    await db.notificationChannels.recordAttempt(first.id, { status: 'PENDING', error: 'the receiver answered HTTP 503' });
    expect(await db.notificationChannels.findDelivery(first.id)).toMatchObject({ status: 'PENDING', attempts: 1, error: 'the receiver answered HTTP 503' });
    await db.notificationChannels.recordAttempt(first.id, { status: 'DELIVERED', error: null });
    await db.notificationChannels.recordAttempt(first.id, { status: 'PENDING', error: 'late' });
    await db.notificationChannels.markFailed(first.id, 'Gave up.');
    expect(await db.notificationChannels.findDelivery(first.id)).toMatchObject({ status: 'DELIVERED', attempts: 2, error: null });

    const other = await db.notificationChannels.deliveryFor(failedOnly.id, 'deployment.failed', 'deployment.failed:d1', {});
    await db.notificationChannels.recordAttempt(other.id, { status: 'PENDING', error: 'connection refused' });
    await db.notificationChannels.markFailed(other.id, 'Gave up after retrying for 24 hours.');
    expect(await db.notificationChannels.findDelivery(other.id)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      error: 'Gave up after retrying for 24 hours. Last: connection refused',
    });
  });

  it(`keeps the newest ${DELIVERIES_KEPT} deliveries per channel; the channel and the team take theirs along`, async () => {
    const c = await channel();
    for (let i = 0; i < DELIVERIES_KEPT + 5; i++) await db.notificationChannels.deliveryFor(c.id, 'deployment.succeeded', `deployment.succeeded:d${i}`, {});
    const [{ n }] = await source.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE channel_id = $1`, [c.id]);
    expect(n).toBe(DELIVERIES_KEPT);
    const keys = (await db.notificationChannels.recentDeliveries(c.id, 100)).map((d) => d.eventKey);
    expect(keys).toContain(`deployment.succeeded:d${DELIVERIES_KEPT + 4}`);
    expect(await db.notificationChannels.remove(c.id)).toBe(true);
    const [{ left }] = await source.query(`SELECT count(*)::int AS left FROM notification_deliveries WHERE channel_id = $1`, [c.id]);
    expect(left).toBe(0);
    await channel();
    await source.query(`DELETE FROM teams WHERE id = $1`, [teamId]);
    expect(await db.notificationChannels.forTeam(teamId)).toEqual([]);
  });
});

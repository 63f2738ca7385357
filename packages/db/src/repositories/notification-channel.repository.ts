// Teams' notification channels and their deliveries. A WEBHOOK's secret is sealed by the entity's
// column transformer. Deliveries are created once per (channel, event key), so a notification
// workflow that runs its first activity again does not send twice.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NotificationChannelEntity, NotificationDeliveryEntity, type NotificationEvent } from '../entities/notification-channel.entity.js';

/** Deliveries kept per channel (the newest). */
export const DELIVERIES_KEPT = 200;

export class NotificationChannelRepository {
  constructor(private readonly db: EntityManager) {}

  private get channels() {
    return this.db.getRepository(NotificationChannelEntity);
  }

  private get deliveries() {
    return this.db.getRepository(NotificationDeliveryEntity);
  }

  async insert(c: Omit<NotificationChannelEntity, 'createdAt'>): Promise<NotificationChannelEntity> {
    const row = { ...c, createdAt: new Date() };
    await this.channels.insert(row);
    return row;
  }

  find(id: string): Promise<NotificationChannelEntity | null> {
    return this.channels.findOne({ where: { id } });
  }

  forTeam(teamId: string): Promise<NotificationChannelEntity[]> {
    return this.channels.find({ where: { teamId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The team's channels that want this event. */
  async subscribed(teamId: string, event: NotificationEvent): Promise<NotificationChannelEntity[]> {
    return (await this.forTeam(teamId)).filter((c) => c.events.includes(event));
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.channels.delete({ id });
    return (r.affected ?? 0) > 0;
  }

  /** The delivery of this event to this channel: created PENDING the first time, the same row after. */
  async deliveryFor(channelId: string, event: NotificationEvent, eventKey: string, payload: Record<string, unknown>): Promise<NotificationDeliveryEntity> {
    const now = new Date();
    await this.db.query(
      `INSERT INTO notification_deliveries (id, channel_id, event, event_key, payload, status, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, 'PENDING', 0, $6, $6) ON CONFLICT (channel_id, event_key) DO NOTHING`,
      [randomUUID(), channelId, event, eventKey, JSON.stringify(payload), now],
    );
    // the newest DELIVERIES_KEPT stay: an event storm cannot grow the table without bound (never this one,
    // which rows created in the same millisecond could otherwise push out)
    await this.db.query(
      `DELETE FROM notification_deliveries WHERE channel_id = $1 AND event_key <> $3 AND id NOT IN
         (SELECT id FROM notification_deliveries WHERE channel_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)`,
      [channelId, DELIVERIES_KEPT, eventKey],
    );
    return (await this.deliveries.findOne({ where: { channelId, eventKey } }))!;
  }

  findDelivery(id: string): Promise<NotificationDeliveryEntity | null> {
    return this.deliveries.findOne({ where: { id } });
  }

  /** Counts an attempt and what came of it; a delivered one stays delivered. */
  async recordAttempt(id: string, outcome: { status: 'PENDING' | 'DELIVERED' | 'FAILED'; error: string | null }): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET attempts = attempts + 1, status = $2, error = $3, updated_at = now() WHERE id = $1 AND status <> 'DELIVERED'`,
      [id, outcome.status, outcome.error?.slice(0, 1000) ?? null],
    );
  }

  /** Gave up: said before the last error, which stays; no attempt is counted. */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE notification_deliveries SET status = 'FAILED', error = left($2 || coalesce(' Last: ' || error, ''), 1000), updated_at = now()
       WHERE id = $1 AND status = 'PENDING'`,
      [id, reason.slice(0, 300)],
    );
  }

  recentDeliveries(channelId: string, limit: number): Promise<NotificationDeliveryEntity[]> {
    return this.deliveries.find({ where: { channelId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }
}

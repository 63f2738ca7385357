// Apps' forge webhooks and the deliveries they received (the newest KEEP_DELIVERIES per app).
import type { EntityManager } from 'typeorm';
import { GitWebhookEntity, WebhookDeliveryEntity, type Forge } from '../entities/git-webhook.entity.js';

const UNIQUE_VIOLATION = '23505';
export const KEEP_DELIVERIES = 200;
// what a sender controls is cut to the column's bounds rather than refused
const MAX = { deliveryId: 200, event: 100, result: 500 };
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export interface NewDelivery {
  appId: string;
  /** Null unless the delivery was signed: only those claim their id (and body) against replays. */
  deliveryId: string | null;
  bodySha256: string | null;
  event: string;
  result: string;
}

export class GitWebhookRepository {
  constructor(private readonly db: EntityManager) {}

  find(appId: string): Promise<GitWebhookEntity | null> {
    return this.db.getRepository(GitWebhookEntity).findOne({ where: { appId } });
  }

  /** Enables, or rotates the secret of, the app's webhook; false when the app does not exist. */
  async upsert(appId: string, forge: Forge, secret: string): Promise<boolean> {
    const exists: unknown[] = await this.db.query(`SELECT 1 FROM apps WHERE id = $1 FOR UPDATE`, [appId]);
    if (exists.length === 0) return false;
    await this.db.getRepository(GitWebhookEntity).upsert({ appId, forge, secret, createdAt: new Date() }, ['appId']);
    return true;
  }

  async remove(appId: string): Promise<boolean> {
    const r = await this.db.getRepository(GitWebhookEntity).delete({ appId });
    return (r.affected ?? 0) > 0;
  }

  /** Records a delivery; null when its delivery id or body was seen before for this app (a replay). */
  async recordDelivery(d: NewDelivery): Promise<string | null> {
    try {
      const rows: { id: string }[] = await this.db.query(
        `INSERT INTO webhook_deliveries (app_id, delivery_id, body_sha256, event, result) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [d.appId, d.deliveryId === null ? null : cut(d.deliveryId, MAX.deliveryId), d.bodySha256, cut(d.event, MAX.event), cut(d.result, MAX.result)],
      );
      await this.db.query(
        `DELETE FROM webhook_deliveries WHERE app_id = $1 AND id NOT IN (
           SELECT id FROM webhook_deliveries WHERE app_id = $1 ORDER BY received_at DESC, id LIMIT $2)`,
        [d.appId, KEEP_DELIVERIES],
      );
      return rows[0].id;
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw e;
    }
  }

  /** A delivery that could not be acted on (the workflow service was down): its id and body are free again, so the forge's retry is not a replay. */
  async release(id: string, result: string): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET result = $2, delivery_id = NULL, body_sha256 = NULL WHERE id = $1`, [id, cut(result, MAX.result)]);
  }

  async setResult(id: string, result: string): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET result = $2 WHERE id = $1`, [id, cut(result, MAX.result)]);
  }

  deliveries(appId: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.db.getRepository(WebhookDeliveryEntity).find({ where: { appId }, order: { receivedAt: 'DESC', id: 'ASC' }, take: limit });
  }
}

// A team's notification channels: checked (target, events) and stored; a WEBHOOK gets a signing
// secret, returned once by the create call and sealed at rest.
import { Inject, Injectable } from '@nestjs/common';
import { Database, type NotificationChannelEntity, type NotificationKind } from '@paas/db';
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, notFound } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import type { NotificationChannelModel, NotificationDeliveryModel } from './notification-channel.model.js';
import { checkedEvents, checkedTarget } from './notification-target.js';

/** Channels per team: enough for any team, and a bound on what one event fans out to. */
export const MAX_CHANNELS = 20;
const MAX_DELIVERIES = 100;

function toModel(c: NotificationChannelEntity, secret: string | null = null): NotificationChannelModel {
  return { id: c.id, teamId: c.teamId, kind: c.kind, target: c.target, events: c.events, secret, createdAt: c.createdAt };
}

@Injectable()
export class NotificationChannelService {
  constructor(@Inject(Database) private readonly db: Database) {}

  async create(teamId: string, kind: NotificationKind, rawTarget: string, rawEvents: readonly string[] | null | undefined): Promise<NotificationChannelModel> {
    const events = checkedEvents(rawEvents);
    const target = await checkedTarget(kind, rawTarget);
    if ((await this.db.notificationChannels.forTeam(teamId)).length >= MAX_CHANNELS)
      throw new DomainError('QUOTA_EXCEEDED', `A team may have ${MAX_CHANNELS} notification channels; delete one first.`);
    const secret = kind === 'WEBHOOK' ? randomBytes(32).toString('hex') : null;
    const row = await this.db.notificationChannels.insert({ id: randomUUID(), teamId, kind, target, events, secret });
    return toModel(row, secret);
  }

  /** The channel's team, or NOT_FOUND (a malformed id too). */
  async teamOf(id: string): Promise<string> {
    const c = isUuid(id) ? await this.db.notificationChannels.find(id) : null;
    if (!c) throw notFound('NotificationChannel', id);
    return c.teamId;
  }

  remove(id: string): Promise<boolean> {
    return this.db.notificationChannels.remove(id);
  }

  async forTeam(teamId: string): Promise<NotificationChannelModel[]> {
    return (await this.db.notificationChannels.forTeam(teamId)).map((c) => toModel(c));
  }

  async deliveries(channelId: string, limit: number): Promise<NotificationDeliveryModel[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DELIVERIES) throw new DomainError('BAD_USER_INPUT', `limit must be 1 to ${MAX_DELIVERIES}.`);
    return (await this.db.notificationChannels.recentDeliveries(channelId, limit)).map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      error: d.error,
      at: d.createdAt,
      updatedAt: d.updatedAt,
    }));
  }
}

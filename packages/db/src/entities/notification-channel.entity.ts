import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedText } from '../secrets/sealed-columns.js';

export type NotificationKind = 'WEBHOOK' | 'SLACK' | 'DISCORD' | 'EMAIL';
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** What a channel may be told about; also the `event` field of every payload. */
export const NOTIFICATION_EVENTS = ['deployment.succeeded', 'deployment.failed', 'deployment.rolled_back', 'release.crash_looping'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/**
 * Where a team hears about its deployments: a URL (WEBHOOK, SLACK, DISCORD) or an email address.
 * A WEBHOOK's signing secret is sealed at rest like other secrets (and re-sealed by the key rotation).
 */
@Entity({ name: 'notification_channels' })
export class NotificationChannelEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'text', array: true })
  events!: NotificationEvent[];

  @Column({ type: 'text', nullable: true, transformer: sealedText })
  secret!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One event for one channel: created when the event happens, updated at every attempt. */
@Entity({ name: 'notification_deliveries' })
export class NotificationDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @Column({ type: 'text' })
  event!: NotificationEvent;

  /** The event's identity (e.g. deployment.failed:<deployment id>): one delivery per channel and key. */
  @Column({ name: 'event_key', type: 'text' })
  eventKey!: string;

  /** The event as sent (JSON), so every retry sends the same body. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedText } from '../secrets/sealed-columns.js';

export type Forge = 'GITHUB' | 'GITLAB' | 'GITEA';

/** An app's push-to-deploy webhook: the forge that calls it and the secret its deliveries are signed with. */
@Entity({ name: 'git_webhooks' })
export class GitWebhookEntity {
  @PrimaryColumn({ name: 'app_id', type: 'uuid' })
  appId!: string;

  @Column({ type: 'text' })
  forge!: Forge;

  @Column({ type: 'text', transformer: sealedText })
  secret!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One POST to an app's webhook, with what came of it. */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId!: string;

  /** Null for refused deliveries: a forged request must not claim a real delivery's id. */
  @Column({ name: 'delivery_id', type: 'text', nullable: true })
  deliveryId!: string | null;

  @Column({ name: 'body_sha256', type: 'text', nullable: true, select: false })
  bodySha256!: string | null;

  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'text' })
  result!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

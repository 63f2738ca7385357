// Enabling and disabling an app's webhook; the secret is made here and shown once.
import { Inject, Injectable } from '@nestjs/common';
import { Database, type Forge } from '@paas/db';
import { randomBytes } from 'node:crypto';
import { notFound } from '../common/domain-error.js';
import { PlatformConfig } from '../config/platform-config.js';
import type { GitWebhookModel, WebhookDeliveryModel } from './git-webhook.model.js';

export const WEBHOOK_PATH = '/hooks/git/';
const MAX_DELIVERIES = 200;

@Injectable()
export class GitWebhookService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
  ) {}

  url(appId: string): string {
    return `${this.config.publicUrl}${WEBHOOK_PATH}${appId}`;
  }

  /** A new secret every time: enabling again rotates it, and deliveries signed with the old one are refused. */
  async enable(appId: string, forge: Forge): Promise<GitWebhookModel> {
    const secret = randomBytes(32).toString('hex');
    if (!(await this.db.transaction((tx) => tx.gitWebhooks.upsert(appId, forge, secret)))) throw notFound('App', appId);
    return { forge, url: this.url(appId), secret };
  }

  disable(appId: string): Promise<boolean> {
    return this.db.gitWebhooks.remove(appId);
  }

  async find(appId: string): Promise<GitWebhookModel | null> {
    const hook = await this.db.gitWebhooks.find(appId);
    return hook ? { forge: hook.forge, url: this.url(appId), secret: null } : null;
  }

  async deliveries(appId: string, limit: number): Promise<WebhookDeliveryModel[]> {
    const rows = await this.db.gitWebhooks.deliveries(appId, Math.min(Math.max(Math.trunc(limit), 0), MAX_DELIVERIES));
    return rows.map(({ id, event, deliveryId, result, receivedAt }) => ({ id, event, deliveryId, result, receivedAt }));
  }
}

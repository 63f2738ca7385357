import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { PreviewsModule } from '../previews/previews.module.js';
import { GitWebhookResolver } from './git-webhook.resolver.js';
import { GitWebhookService } from './git-webhook.service.js';
import { WebhookReceiver } from './webhook-receiver.js';

// the HTTP route is registered in main.ts (webhook-route.ts): it needs a Fastify scope of its own
@Module({ imports: [DeploymentsModule, PreviewsModule], providers: [GitWebhookService, GitWebhookResolver, WebhookReceiver], exports: [WebhookReceiver] })
export class WebhooksModule {}

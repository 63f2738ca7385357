import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Forge } from '@paas/db';
import { AppModel } from '../apps/app.model.js';
import type { GateContext } from '../auth/graphql-gate.js';
import { PolicyService } from '../policy/policy.service.js';
import { ForgeEnum, GitWebhookModel, WebhookDeliveryModel } from './git-webhook.model.js';
import { GitWebhookService } from './git-webhook.service.js';

@Resolver(() => AppModel)
export class GitWebhookResolver {
  constructor(
    @Inject(GitWebhookService) private readonly webhooks: GitWebhookService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Mutation(() => GitWebhookModel, {
    description: 'Returns the webhook with its secret (the only time the secret is shown); calling it again rotates the secret.',
  })
  async enableGitWebhook(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('forge', { type: () => ForgeEnum }) forge: Forge,
    @Context() ctx: GateContext,
  ): Promise<GitWebhookModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.webhooks.enable(appId, forge);
  }

  @Mutation(() => Boolean, { description: 'Whether there was a webhook to remove; its deliveries are refused from then on.' })
  async disableGitWebhook(@Args('appId', { type: () => ID }) appId: string, @Context() ctx: GateContext): Promise<boolean> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.webhooks.disable(appId);
  }

  @ResolveField(() => GitWebhookModel, { nullable: true, description: 'Null until enabled.' })
  webhook(@Parent() app: AppModel): Promise<GitWebhookModel | null> {
    return this.webhooks.find(app.id);
  }

  @ResolveField(() => [WebhookDeliveryModel], { description: "The webhook's newest deliveries, for troubleshooting (DEVELOPER and above)." })
  async webhookDeliveries(
    @Parent() app: AppModel,
    @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number,
    @Context() ctx: GateContext,
  ): Promise<WebhookDeliveryModel[]> {
    await this.policy.app(ctx.principal, app.id, 'deploy');
    return this.webhooks.deliveries(app.id, limit);
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Database } from '@paas/db';
import { AppModel } from '../apps/app.model.js';
import { AppService } from '../apps/app.service.js';
import type { GateContext } from '../auth/graphql-gate.js';
import { toDeploymentModel } from '../deployments/deployment.mapper.js';
import { DeploymentModel } from '../deployments/deployment.model.js';
import { PolicyService } from '../policy/policy.service.js';
import { PreviewModel } from './preview.model.js';
import { PreviewService } from './preview.service.js';

@Resolver(() => AppModel)
export class AppPreviewsResolver {
  constructor(
    @Inject(PreviewService) private readonly service: PreviewService,
    @Inject(AppService) private readonly apps: AppService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Mutation(() => AppModel, {
    description: "Pull requests against the app's branch get previews (needs the webhook); turning it off removes the open previews.",
  })
  async setPreviewsEnabled(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('enabled') enabled: boolean,
    @Context() ctx: GateContext,
  ): Promise<AppModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    await this.service.setEnabled(appId, enabled);
    return this.apps.get(appId);
  }

  @ResolveField(() => Boolean)
  previewsEnabled(@Parent() app: AppModel): Promise<boolean> {
    return this.service.enabled(app.id);
  }

  @ResolveField(() => [PreviewModel], { description: "Open pull requests' previews." })
  previews(@Parent() app: AppModel): Promise<PreviewModel[]> {
    return this.service.list(app);
  }
}

@Resolver(() => DeploymentModel)
export class DeploymentPreviewResolver {
  constructor(@Inject(PreviewService) private readonly previews: PreviewService) {}

  @ResolveField(() => PreviewModel, { nullable: true, description: 'For trigger PREVIEW: the pull request it previews.' })
  preview(@Parent() d: DeploymentModel): Promise<PreviewModel | null> {
    return this.previews.ofDeployment(d.previewId);
  }
}

@Resolver(() => PreviewModel)
export class PreviewResolver {
  constructor(@Inject(Database) private readonly db: Database) {}

  @ResolveField(() => DeploymentModel, { nullable: true, description: "The preview's release that serves its URL; null until one is live." })
  async liveDeployment(@Parent() p: PreviewModel): Promise<DeploymentModel | null> {
    const d = await this.db.deployments.live(p.appId, undefined, p.id);
    return d ? toDeploymentModel(d) : null;
  }
}

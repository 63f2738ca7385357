import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { PolicyService } from '../policy/policy.service.js';
import { DeploymentModel } from '../deployments/deployment.model.js';
import { SiteUploadModel } from './upload.model.js';
import { UploadService } from './upload.service.js';

@Resolver(() => SiteUploadModel)
export class UploadResolver {
  constructor(
    @Inject(UploadService) private readonly uploads: UploadService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Mutation(() => SiteUploadModel, { description: 'STATIC apps: a pre-signed POST form to upload a ZIP of the built site with (then call deployUpload).' })
  async createUpload(@Args('appId', { type: () => ID }) appId: string, @Context() ctx: GateContext): Promise<SiteUploadModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.uploads.create(appId);
  }

  @Mutation(() => DeploymentModel, { description: 'Deploys an uploaded ZIP (trigger UPLOAD): unpacked, checked, published like a build output.' })
  async deployUpload(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('uploadId', { type: () => ID }) uploadId: string,
    @Context() ctx: GateContext,
  ): Promise<DeploymentModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.uploads.deploy(appId, uploadId);
  }
}

import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { DeploymentModel } from '../deployments/deployment.model.js';
import { SiteUploadModel } from './upload.model.js';
import { UploadService } from './upload.service.js';

@Resolver(() => SiteUploadModel)
export class UploadResolver {
  constructor(@Inject(UploadService) private readonly uploads: UploadService) {}

  @Mutation(() => SiteUploadModel, { description: 'STATIC apps: a pre-signed POST form to upload a ZIP of the built site with (then call deployUpload).' })
  createUpload(@Args('appId', { type: () => ID }) appId: string): Promise<SiteUploadModel> {
    return this.uploads.create(appId);
  }

  @Mutation(() => DeploymentModel, { description: 'Deploys an uploaded ZIP (trigger UPLOAD): unpacked, checked, published like a build output.' })
  deployUpload(@Args('appId', { type: () => ID }) appId: string, @Args('uploadId', { type: () => ID }) uploadId: string): Promise<DeploymentModel> {
    return this.uploads.deploy(appId, uploadId);
  }
}

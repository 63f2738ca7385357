import { Module } from '@nestjs/common';
import { AppService } from '../apps/app.service.js';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { AppPreviewsResolver, DeploymentPreviewResolver, PreviewResolver } from './preview.resolver.js';
import { PreviewService } from './preview.service.js';

@Module({
  imports: [DeploymentsModule],
  providers: [PreviewService, AppPreviewsResolver, DeploymentPreviewResolver, PreviewResolver, AppService],
  exports: [PreviewService],
})
export class PreviewsModule {}

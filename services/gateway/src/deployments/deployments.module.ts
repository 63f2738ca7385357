import { Module } from '@nestjs/common';
import { AppService } from '../apps/app.service.js';
import { DeploymentEventsService } from './deployment-events.service.js';
import { DeploymentResolver } from './deployment.resolver.js';
import { DeploymentService } from './deployment.service.js';

@Module({
  providers: [DeploymentService, DeploymentEventsService, DeploymentResolver, AppService],
  exports: [DeploymentService, DeploymentEventsService],
})
export class DeploymentsModule {}

import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { AppModel } from '../apps/app.model.js';
import { AppService } from '../apps/app.service.js';
import { DeploymentEventsService } from './deployment-events.service.js';
import { DeploymentModel, DeploymentStepModel, LogLineModel } from './deployment.model.js';
import { DeploymentService } from './deployment.service.js';
import { PlatformConfig } from '../config/platform-config.js';
import { deploymentUpdates, logUpdates } from './deployment-subscriptions.js';

@Resolver(() => DeploymentModel)
export class DeploymentResolver {
  constructor(
    @Inject(DeploymentService) private readonly deployments: DeploymentService,
    @Inject(AppService) private readonly apps: AppService,
    @Inject(DeploymentEventsService) private readonly events: DeploymentEventsService,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
  ) {}

  @Query(() => DeploymentModel, { nullable: true })
  deployment(@Args('id', { type: () => ID }) id: string): Promise<DeploymentModel | null> {
    return this.deployments.find(id);
  }

  @Query(() => [LogLineModel], { name: 'deploymentLogs', description: 'Stored log lines of a deployment, in order, after the given seq.' })
  storedLogs(
    @Args('deploymentId', { type: () => ID }) deploymentId: string,
    @Args('afterSeq', { type: () => Int, nullable: true, defaultValue: 0 }) afterSeq: number,
  ): Promise<LogLineModel[]> {
    return this.deployments.logs(deploymentId, afterSeq ?? 0);
  }

  @Mutation(() => DeploymentModel, { description: 'Starts a deployment of the branch head, or of the given commit.' })
  deploy(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('commitSha', { type: () => String, nullable: true }) commitSha?: string,
  ): Promise<DeploymentModel> {
    return this.deployments.deploy(appId, commitSha);
  }

  @Mutation(() => DeploymentModel, { description: 'Restores an earlier release without rebuilding; default: the one live before the current.' })
  rollback(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('toDeploymentId', { type: () => ID, nullable: true }) toDeploymentId?: string,
  ): Promise<DeploymentModel> {
    return this.deployments.rollback(appId, toDeploymentId);
  }

  @Mutation(() => DeploymentModel)
  cancelDeployment(@Args('id', { type: () => ID }) id: string): Promise<DeploymentModel> {
    return this.deployments.cancel(id);
  }

  @ResolveField(() => AppModel)
  app(@Parent() d: DeploymentModel): Promise<AppModel> {
    return this.apps.get(d.appId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The deployment's workflow in the Temporal Web UI, when one is configured (PAAS_TEMPORAL_UI_URL).",
  })
  temporalUiUrl(@Parent() d: DeploymentModel): string | null {
    const base = this.config.temporalUiUrl;
    return base ? `${base}/namespaces/${encodeURIComponent(this.config.temporalNamespace)}/workflows/${encodeURIComponent(d.workflowId)}` : null;
  }

  @ResolveField(() => [DeploymentStepModel])
  steps(@Parent() d: DeploymentModel): Promise<DeploymentStepModel[]> {
    return this.deployments.steps(d.id, d.kind);
  }

  @ResolveField(() => DeploymentModel, { nullable: true, description: 'For trigger ROLLBACK: the earlier deployment whose release was restored.' })
  sourceDeployment(@Parent() d: DeploymentModel): Promise<DeploymentModel | null> | null {
    return d.sourceDeploymentId ? this.deployments.find(d.sourceDeploymentId) : null;
  }

  @Subscription(() => DeploymentModel)
  deploymentUpdated(@Args('appId', { type: () => ID }) appId: string) {
    return deploymentUpdates(this.events, this.deployments, appId);
  }

  @Subscription(() => LogLineModel, { name: 'deploymentLogs' })
  liveLogs(
    @Args('deploymentId', { type: () => ID }) deploymentId: string,
    @Args('afterSeq', { type: () => Int, nullable: true, description: 'Replay stored lines after this seq first; omit for new lines only.' }) afterSeq?: number,
  ) {
    return logUpdates(this.events, this.deployments, deploymentId, afterSeq);
  }
}

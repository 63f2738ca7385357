import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { DomainError } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
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
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Query(() => DeploymentModel, { nullable: true })
  async deployment(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<DeploymentModel | null> {
    // another team's deployment is as absent as one that does not exist
    const allowed = await this.policy.deployment(ctx.principal, id, 'read').then(
      () => true,
      (e: unknown) => {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') return false;
        throw e;
      },
    );
    return allowed ? this.deployments.find(id) : null;
  }

  @Query(() => [LogLineModel], { name: 'deploymentLogs', description: 'Stored log lines of a deployment, in order, after the given seq.' })
  async storedLogs(
    @Args('deploymentId', { type: () => ID }) deploymentId: string,
    @Args('afterSeq', { type: () => Int, nullable: true, defaultValue: 0 }) afterSeq: number,
    @Context() ctx: GateContext,
  ): Promise<LogLineModel[]> {
    await this.policy.deployment(ctx.principal, deploymentId, 'read');
    return this.deployments.logs(deploymentId, afterSeq ?? 0);
  }

  @Mutation(() => DeploymentModel, { description: 'Starts a deployment of the branch head, or of the given commit.' })
  async deploy(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('commitSha', { type: () => String, nullable: true }) commitSha: string | undefined,
    @Context() ctx: GateContext,
  ): Promise<DeploymentModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.deployments.deploy(appId, commitSha);
  }

  @Mutation(() => DeploymentModel, { description: 'Restores an earlier release without rebuilding; default: the one live before the current.' })
  async rollback(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('toDeploymentId', { type: () => ID, nullable: true }) toDeploymentId: string | undefined,
    @Context() ctx: GateContext,
  ): Promise<DeploymentModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.deployments.rollback(appId, toDeploymentId);
  }

  @Mutation(() => DeploymentModel)
  async cancelDeployment(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<DeploymentModel> {
    await this.policy.deployment(ctx.principal, id, 'deploy');
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
  async deploymentUpdated(@Args('appId', { type: () => ID }) appId: string, @Context() ctx: GateContext) {
    await this.policy.app(ctx.principal, appId, 'read');
    return deploymentUpdates(this.events, this.deployments, appId, () => this.policy.allowed(() => this.policy.app(ctx.principal, appId, 'read')));
  }

  @Subscription(() => LogLineModel, { name: 'deploymentLogs' })
  async liveLogs(
    @Args('deploymentId', { type: () => ID }) deploymentId: string,
    @Args('afterSeq', { type: () => Int, nullable: true, description: 'Replay stored lines after this seq first; omit for new lines only.' })
    afterSeq: number | undefined,
    @Context() ctx: GateContext,
  ) {
    await this.policy.deployment(ctx.principal, deploymentId, 'read');
    return logUpdates(this.events, this.deployments, deploymentId, afterSeq, () =>
      this.policy.allowed(() => this.policy.deployment(ctx.principal, deploymentId, 'read')),
    );
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { PolicyService } from '../policy/policy.service.js';
import { PlatformConfig } from '../config/platform-config.js';
import { ReleaseStateEnum } from '../common/enums.js';
import type { ReleaseState } from '@paas/contracts';
import { DeploymentModel } from '../deployments/deployment.model.js';
import { DeploymentService } from '../deployments/deployment.service.js';
import { RedeployScheduleModel } from '../schedules/redeploy-schedule.model.js';
import { RedeployScheduleService } from '../schedules/redeploy-schedule.service.js';
import { AppDeletionService } from './app-deletion.service.js';
import { AppModel } from './app.model.js';
import { AppService } from './app.service.js';
import { CreateAppInput } from './create-app.input.js';
import { EnvVarInput, EnvVarModel } from './env-var.model.js';
import { sampleApp, SampleAppModel } from './sample-app.js';
import { UpdateAppInput } from './update-app.input.js';

@Resolver(() => AppModel)
export class AppResolver {
  constructor(
    @Inject(AppService) private readonly apps: AppService,
    @Inject(DeploymentService) private readonly deployments: DeploymentService,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
    @Inject(RedeployScheduleService) private readonly schedules: RedeployScheduleService,
    @Inject(AppDeletionService) private readonly deletion: AppDeletionService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Query(() => [AppModel], { name: 'apps' })
  async apps_(@Context() ctx: GateContext): Promise<AppModel[]> {
    return this.apps.list(await this.policy.visibleTeamIds(ctx.principal));
  }

  @Query(() => AppModel, { nullable: true, description: 'Look an app up by id or by name.' })
  async app(
    @Args('id', { type: () => ID, nullable: true }) id: string | undefined,
    @Args('name', { type: () => String, nullable: true }) name: string | undefined,
    @Context() ctx: GateContext,
  ): Promise<AppModel | null> {
    const app = await this.apps.find({ id, name });
    const visible = await this.policy.visibleTeamIds(ctx.principal);
    // another team's app is as absent as one that does not exist
    return app && (visible === null || visible.has(app.teamId)) ? app : null;
  }

  @Query(() => SampleAppModel, { nullable: true, description: 'A ready-made app to try the platform with, when the platform runs from its git checkout.' })
  sampleApp(): SampleAppModel | null {
    return sampleApp();
  }

  @Mutation(() => AppModel)
  async createApp(@Args('input', { type: () => CreateAppInput }) input: CreateAppInput, @Context() ctx: GateContext): Promise<AppModel> {
    const teamId = input.teamId ?? (await this.policy.defaultTeam(ctx.principal));
    await this.policy.team(ctx.principal, teamId, 'deploy');
    return this.apps.create(input, teamId);
  }

  @Mutation(() => AppModel, { description: 'Only the given fields change, with the same checks as createApp; they take effect on the next deployment.' })
  async updateApp(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateAppInput }) input: UpdateAppInput,
    @Context() ctx: GateContext,
  ): Promise<AppModel> {
    await this.policy.app(ctx.principal, id, 'deploy');
    return this.apps.update(id, input);
  }

  @Mutation(() => Boolean)
  async deleteApp(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<boolean> {
    await this.policy.app(ctx.principal, id, 'deploy');
    await this.deletion.delete(id);
    return true;
  }

  @Mutation(() => AppModel, { description: 'Upserts the given variables; takes effect on the next deployment.' })
  async setEnvVars(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('vars', { type: () => [EnvVarInput] }) vars: EnvVarInput[],
    @Context() ctx: GateContext,
  ): Promise<AppModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.apps.setEnvVars(appId, vars);
  }

  @Mutation(() => AppModel, { description: 'Removes the variables with these keys (unknown keys are ignored); takes effect on the next deployment.' })
  async unsetEnvVars(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('keys', { type: () => [String] }) keys: string[],
    @Context() ctx: GateContext,
  ): Promise<AppModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.apps.unsetEnvVars(appId, keys);
  }

  @ResolveField(() => String, { description: 'Public URL, e.g. http://<name>.<base domain>:<edge port>/' })
  url(@Parent() app: AppModel): string {
    return this.config.appUrl(app.name);
  }

  @ResolveField(() => ReleaseStateEnum, { nullable: true, description: "The live release's state; null when nothing is live." })
  async releaseState(@Parent() app: AppModel): Promise<ReleaseState | null> {
    return (await this.deployments.liveForApp(app.id))?.runtimeState ?? null;
  }

  @ResolveField(() => DeploymentModel, { nullable: true })
  liveDeployment(@Parent() app: AppModel): Promise<DeploymentModel | null> {
    return this.deployments.liveForApp(app.id);
  }

  @ResolveField('deployments', () => [DeploymentModel], { description: 'Newest first.' })
  deployments_(@Parent() app: AppModel, @Args('limit', { type: () => Int, nullable: true, defaultValue: 20 }) limit: number): Promise<DeploymentModel[]> {
    return this.deployments.listForApp(app.id, limit ?? 20);
  }

  @ResolveField(() => [EnvVarModel])
  env(@Parent() app: AppModel): Promise<EnvVarModel[]> {
    return this.apps.envVars(app.id);
  }

  @ResolveField(() => [RedeployScheduleModel])
  redeploySchedules(@Parent() app: AppModel): Promise<RedeployScheduleModel[]> {
    return this.schedules.listForApp(app.id);
  }
}

// Query.platform: the platform admin's dashboard in one query. The policy lets platform admins
// only; each part is a field of its own, so a dashboard that skips one does not pay for it.
import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Database } from '@paas/db';
import type { GateContext } from '../auth/graphql-gate.js';
import { toDeploymentModel } from '../deployments/deployment.mapper.js';
import { DeploymentModel } from '../deployments/deployment.model.js';
import { HealthService } from '../health/health.service.js';
import { notFound } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import { PolicyService } from '../policy/policy.service.js';
import { TeamModel } from '../teams/team.model.js';
import { toUserModel, UserModel } from '../users/user.model.js';
import { PlatformHealthModel, PlatformOverviewModel } from './platform.model.js';

const MAX_ROWS = 500;

@Resolver(() => PlatformOverviewModel)
export class PlatformResolver {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(HealthService) private readonly health_: HealthService,
  ) {}

  @Query(() => PlatformOverviewModel, { description: 'Every team, user, running release, the deployment queue and system health. Platform admins only.' })
  platform(@Context() ctx: GateContext): PlatformOverviewModel {
    this.policy.platformOnly(ctx.principal);
    return {} as PlatformOverviewModel;
  }

  @Mutation(() => UserModel, { description: 'Makes a user a platform admin (sees and manages every team) or no longer one. Platform admins only.' })
  async setPlatformAdmin(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('platformAdmin') platformAdmin: boolean,
    @Context() ctx: GateContext,
  ): Promise<UserModel> {
    this.policy.platformOnly(ctx.principal);
    if (!isUuid(userId) || !(await this.db.users.setPlatformAdmin(userId, platformAdmin))) throw notFound('User', String(userId).slice(0, 64));
    // a session's principal is read from the database on every request: the change holds at once
    return toUserModel((await this.db.users.findById(userId))!);
  }

  @ResolveField(() => [UserModel])
  async users(): Promise<UserModel[]> {
    return (await this.db.users.list()).map(toUserModel);
  }

  @ResolveField(() => [TeamModel])
  async teams(): Promise<TeamModel[]> {
    return (await this.db.teams.list()).map((t) => ({ id: t.id, name: t.name, role: 'OWNER' }));
  }

  @ResolveField(() => [DeploymentModel])
  async runningReleases(): Promise<DeploymentModel[]> {
    return (await this.db.deployments.allLive(MAX_ROWS)).map(toDeploymentModel);
  }

  @ResolveField(() => [DeploymentModel])
  async activeDeployments(): Promise<DeploymentModel[]> {
    return (await this.db.deployments.inFlight(MAX_ROWS)).map(toDeploymentModel);
  }

  @ResolveField(() => PlatformHealthModel)
  async health(): Promise<PlatformHealthModel> {
    const report = await this.health_.check();
    return { status: report.status, dependencies: Object.entries(report.dependencies).map(([name, d]) => ({ name, state: d.state })) };
  }
}

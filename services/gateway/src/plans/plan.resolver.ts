import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Database } from '@paas/db';
import type { GateContext } from '../auth/graphql-gate.js';
import { notFound } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import { PolicyService } from '../policy/policy.service.js';
import { TeamModel } from '../teams/team.model.js';
import { PlanModel, TeamUsageModel, toPlanModel } from './plan.model.js';

@Resolver(() => PlanModel)
export class PlanResolver {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Query(() => [PlanModel])
  async plans(@Context() ctx: GateContext): Promise<PlanModel[]> {
    this.policy.principal(ctx.principal);
    return (await this.db.plans.list()).map(toPlanModel);
  }

  @Mutation(() => TeamModel, { description: 'Platform admins only.' })
  async setTeamPlan(
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('planId', { type: () => ID }) planId: string,
    @Context() ctx: GateContext,
  ): Promise<TeamModel> {
    await this.policy.platformAdmin(ctx.principal, teamId);
    if (!isUuid(teamId)) throw notFound('Team', teamId);
    if (!(await this.db.plans.findById(planId))) throw notFound('Plan', planId);
    if (!(await this.db.plans.assign(teamId, planId))) throw notFound('Team', teamId);
    const team = (await this.db.teams.findById(teamId))!;
    return { id: team.id, name: team.name, role: 'OWNER' };
  }
}

// Team.plan and Team.usage: a Team reaches a caller only through queries that checked it is in it
@Resolver(() => TeamModel)
export class TeamPlanResolver {
  constructor(@Inject(Database) private readonly db: Database) {}

  @ResolveField(() => PlanModel)
  async plan(@Parent() team: TeamModel): Promise<PlanModel> {
    const plan = await this.db.plans.ofTeam(team.id);
    if (!plan) throw notFound('Team', team.id);
    return toPlanModel(plan);
  }

  @ResolveField(() => TeamUsageModel)
  usage(@Parent() team: TeamModel): Promise<TeamUsageModel> {
    return this.db.plans.usageOf(team.id);
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { PolicyService } from '../policy/policy.service.js';
import { RedeployScheduleModel } from './redeploy-schedule.model.js';
import { RedeployScheduleService } from './redeploy-schedule.service.js';

@Resolver(() => RedeployScheduleModel)
export class RedeployScheduleResolver {
  constructor(
    @Inject(RedeployScheduleService) private readonly schedules: RedeployScheduleService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Mutation(() => RedeployScheduleModel, { description: 'Redeploys the branch head on a cron (5 fields, UTC), or "@every <n>s|m|h".' })
  async createRedeploySchedule(
    @Args('appId', { type: () => ID }) appId: string,
    @Args('cron') cron: string,
    @Context() ctx: GateContext,
  ): Promise<RedeployScheduleModel> {
    await this.policy.app(ctx.principal, appId, 'deploy');
    return this.schedules.create(appId, cron);
  }

  @Mutation(() => RedeployScheduleModel)
  async pauseRedeploySchedule(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<RedeployScheduleModel> {
    await this.policy.schedule(ctx.principal, id, 'deploy');
    return this.schedules.setPaused(id, true);
  }

  @Mutation(() => RedeployScheduleModel)
  async resumeRedeploySchedule(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<RedeployScheduleModel> {
    await this.policy.schedule(ctx.principal, id, 'deploy');
    return this.schedules.setPaused(id, false);
  }

  @Mutation(() => Boolean)
  async deleteRedeploySchedule(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<boolean> {
    await this.policy.schedule(ctx.principal, id, 'deploy');
    await this.schedules.delete(id);
    return true;
  }
}

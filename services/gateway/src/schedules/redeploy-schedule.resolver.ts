import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { RedeployScheduleModel } from './redeploy-schedule.model.js';
import { RedeployScheduleService } from './redeploy-schedule.service.js';

@Resolver(() => RedeployScheduleModel)
export class RedeployScheduleResolver {
  constructor(@Inject(RedeployScheduleService) private readonly schedules: RedeployScheduleService) {}

  @Mutation(() => RedeployScheduleModel, { description: 'Redeploys the branch head on a cron (5 fields, UTC), or "@every <n>s|m|h".' })
  createRedeploySchedule(@Args('appId', { type: () => ID }) appId: string, @Args('cron') cron: string): Promise<RedeployScheduleModel> {
    return this.schedules.create(appId, cron);
  }

  @Mutation(() => RedeployScheduleModel)
  pauseRedeploySchedule(@Args('id', { type: () => ID }) id: string): Promise<RedeployScheduleModel> {
    return this.schedules.setPaused(id, true);
  }

  @Mutation(() => RedeployScheduleModel)
  resumeRedeploySchedule(@Args('id', { type: () => ID }) id: string): Promise<RedeployScheduleModel> {
    return this.schedules.setPaused(id, false);
  }

  @Mutation(() => Boolean)
  async deleteRedeploySchedule(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.schedules.delete(id);
    return true;
  }
}

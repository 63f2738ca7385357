import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { DomainError } from '../common/domain-error.js';
import { RedeployScheduleModel } from './redeploy-schedule.model.js';

/** Scheduled redeploys arrive with the release-lifecycle work (Temporal Schedules). */
@Resolver(() => RedeployScheduleModel)
export class RedeployScheduleResolver {
  @Mutation(() => RedeployScheduleModel)
  createRedeploySchedule(@Args('appId', { type: () => ID }) _appId: string, @Args('cron') _cron: string): RedeployScheduleModel {
    throw new DomainError('NOT_IMPLEMENTED', 'Scheduled redeploys are not implemented yet.');
  }

  @Mutation(() => Boolean)
  deleteRedeploySchedule(@Args('id', { type: () => ID }) _id: string): boolean {
    throw new DomainError('NOT_IMPLEMENTED', 'Scheduled redeploys are not implemented yet.');
  }
}

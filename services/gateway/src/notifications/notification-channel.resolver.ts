import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { NotificationKind } from '@paas/db';
import type { GateContext } from '../auth/graphql-gate.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
import { NotificationChannelModel, NotificationDeliveryModel, NotificationKindEnum } from './notification-channel.model.js';
import { NotificationChannelService } from './notification-channel.service.js';

@Resolver(() => NotificationChannelModel)
export class NotificationChannelResolver {
  constructor(
    @Inject(NotificationChannelService) private readonly channels: NotificationChannelService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  // team ADMIN and OWNER only, reading too: a Slack or Discord webhook URL is itself a credential
  @Query(() => [NotificationChannelModel], { description: "Channels of an app's team; teamId is the app's team." })
  async notificationChannels(@Args('teamId', { type: () => ID }) teamId: string, @Context() ctx: GateContext): Promise<NotificationChannelModel[]> {
    await this.policy.team(ctx.principal, teamId, 'manageNotifications');
    return this.channels.forTeam(teamId);
  }

  @Mutation(() => NotificationChannelModel, {
    description:
      'Checks the target (URL rules, or an email address) and events, then stores the channel (team ADMIN and OWNER). A WEBHOOK secret is returned here only.',
  })
  async createNotificationChannel(
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('kind', { type: () => NotificationKindEnum }) kind: NotificationKind,
    @Args('target') target: string,
    @Args('events', { type: () => [String], nullable: true }) events: string[] | null,
    @Context() ctx: GateContext,
  ): Promise<NotificationChannelModel> {
    await this.policy.team(ctx.principal, teamId, 'manageNotifications');
    return this.channels.create(teamId, kind, target, events);
  }

  @Mutation(() => Boolean, { description: 'Removes the channel and its delivery log (team ADMIN and OWNER).' })
  async deleteNotificationChannel(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<boolean> {
    // a stranger learns nothing, not even the channel's team: NOT_FOUND names the channel
    await this.policy.team(ctx.principal, await this.channels.teamOf(id), 'manageNotifications').catch((err: unknown) => {
      throw err instanceof DomainError && err.code === 'NOT_FOUND' ? notFound('NotificationChannel', id) : err;
    });
    return this.channels.remove(id);
  }

  @ResolveField(() => [NotificationDeliveryModel], { description: 'The newest deliveries first (the newest 200 are kept).' })
  async deliveries(
    @Parent() c: NotificationChannelModel,
    @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number,
    @Context() ctx: GateContext,
  ): Promise<NotificationDeliveryModel[]> {
    await this.policy.team(ctx.principal, c.teamId, 'manageNotifications');
    return this.channels.deliveries(c.id, limit);
  }
}

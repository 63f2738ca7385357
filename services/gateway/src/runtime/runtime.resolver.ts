// App.runtimeLogs, App.events and Subscription.runtimeLogs. The App fields are reached only
// through an App the caller may read (the app queries check it); the subscription checks the
// app's read permission itself, at subscribe time and again before every batch of lines.
import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { PolicyService } from '../policy/policy.service.js';
import { AppModel } from '../apps/app.model.js';
import { DeploymentEventsService } from '../deployments/deployment-events.service.js';
import { AppEventModel, RuntimeLogLineModel } from './runtime.model.js';
import { RuntimeService } from './runtime.service.js';
import { runtimeLogUpdates } from './runtime-subscription.js';

@Resolver(() => AppModel)
export class RuntimeResolver {
  constructor(
    @Inject(RuntimeService) private readonly runtime: RuntimeService,
    @Inject(DeploymentEventsService) private readonly events: DeploymentEventsService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @ResolveField(() => [RuntimeLogLineModel], { description: 'What the running release printed, oldest first, at most limit lines (the newest).' })
  async runtimeLogs(
    @Parent() app: AppModel,
    @Args('since', { type: () => Date, nullable: true }) since: Date | undefined,
    @Args('search', { type: () => String, nullable: true }) search: string | undefined,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 500 }) limit: number,
    @Context() ctx: GateContext,
  ): Promise<RuntimeLogLineModel[]> {
    await this.policy.app(ctx.principal, app.id, 'read');
    return this.runtime.logs(app.id, { since, search, limit });
  }

  @ResolveField('events', () => [AppEventModel], { description: 'Newest first.' })
  async events_(
    @Parent() app: AppModel,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50 }) limit: number,
    @Context() ctx: GateContext,
  ): Promise<AppEventModel[]> {
    await this.policy.app(ctx.principal, app.id, 'read');
    return this.runtime.events(app.id, limit);
  }
}

@Resolver(() => RuntimeLogLineModel)
export class RuntimeSubscriptionResolver {
  constructor(
    @Inject(RuntimeService) private readonly runtime: RuntimeService,
    @Inject(DeploymentEventsService) private readonly events: DeploymentEventsService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Subscription(() => RuntimeLogLineModel, { name: 'runtimeLogs', description: 'Lines as the running release prints them.' })
  async runtimeLogs(@Args('appId', { type: () => ID }) appId: string, @Context() ctx: GateContext) {
    await this.policy.app(ctx.principal, appId, 'read');
    return runtimeLogUpdates(this.events, this.runtime, appId, () => this.policy.allowed(() => this.policy.app(ctx.principal, appId, 'read')));
  }
}

import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AppModel } from '../apps/app.model.js';
import type { GateContext } from '../auth/graphql-gate.js';
import { notFound } from '../common/domain-error.js';
import { TeamModel } from './team.model.js';
import { TeamService } from './team.service.js';

// App.team lives with the teams (the apps module knows nothing of teams but their ids)
@Resolver(() => AppModel)
export class AppTeamResolver {
  constructor(@Inject(TeamService) private readonly teams: TeamService) {}

  @ResolveField(() => TeamModel, { description: 'The team that owns the app.' })
  async team(@Parent() app: AppModel, @Context() ctx: GateContext): Promise<TeamModel> {
    const team = await this.teams.find(ctx.principal, app.teamId);
    if (!team) throw notFound('Team', app.teamId);
    return team;
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import type { TeamRole } from '../auth/principal.js';
import { notFound } from '../common/domain-error.js';
import { TeamRoleEnum } from '../teams/team-role.enum.js';
import { TeamModel } from '../teams/team.model.js';
import { TeamService } from '../teams/team.service.js';
import { ApiTokenModel, CreatedApiTokenModel } from './api-token.model.js';
import { ApiTokenService } from './api-token.service.js';

@Resolver(() => ApiTokenModel)
export class ApiTokenResolver {
  constructor(
    @Inject(ApiTokenService) private readonly tokens: ApiTokenService,
    @Inject(TeamService) private readonly teams: TeamService,
  ) {}

  @Mutation(() => CreatedApiTokenModel)
  createApiToken(
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('name') name: string,
    @Args('role', { type: () => TeamRoleEnum }) role: TeamRole,
    @Args('expiresInDays', { type: () => Int, nullable: true }) expiresInDays: number | null | undefined,
    @Context() ctx: GateContext,
  ): Promise<CreatedApiTokenModel> {
    return this.tokens.create(ctx.principal, teamId, name, role, expiresInDays);
  }

  @Mutation(() => Boolean)
  revokeApiToken(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<boolean> {
    return this.tokens.revoke(ctx.principal, id);
  }

  @ResolveField(() => TeamModel)
  async team(@Parent() token: ApiTokenModel, @Context() ctx: GateContext): Promise<TeamModel> {
    const team = await this.teams.find(ctx.principal, token.teamId);
    if (!team) throw notFound('Team', token.teamId);
    return team;
  }
}

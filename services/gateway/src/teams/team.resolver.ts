import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import type { TeamRole } from '../auth/principal.js';
import { AppModel } from '../apps/app.model.js';
import { AppService } from '../apps/app.service.js';
import { PolicyService } from '../policy/policy.service.js';
import { TeamInvitationModel } from './team-invitation.model.js';
import { TeamRoleEnum } from './team-role.enum.js';
import { TeamMemberModel, TeamModel } from './team.model.js';
import { TeamService } from './team.service.js';

@Resolver(() => TeamModel)
export class TeamResolver {
  constructor(
    @Inject(TeamService) private readonly teams: TeamService,
    @Inject(AppService) private readonly appService: AppService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Query(() => [TeamModel], { name: 'teams', description: 'The teams the caller belongs to (platform admins: all).' })
  teams_(@Context() ctx: GateContext): Promise<TeamModel[]> {
    return this.teams.list(ctx.principal);
  }

  @Query(() => TeamModel, { nullable: true })
  team(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<TeamModel | null> {
    return this.teams.find(ctx.principal, id);
  }

  @Mutation(() => TeamModel)
  createTeam(@Args('name') name: string, @Context() ctx: GateContext): Promise<TeamModel> {
    return this.teams.create(ctx.principal, name);
  }

  @Mutation(() => TeamMemberModel, { description: 'Adds an existing user, or invites the email: it joins the team when it signs up.' })
  addTeamMember(
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('email') email: string,
    @Args('role', { type: () => TeamRoleEnum }) role: TeamRole,
    @Context() ctx: GateContext,
  ): Promise<TeamMemberModel> {
    return this.teams.addMember(ctx.principal, teamId, email, role);
  }

  @Mutation(() => Boolean)
  removeTeamMember(
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Context() ctx: GateContext,
  ): Promise<boolean> {
    return this.teams.removeMember(ctx.principal, teamId, userId);
  }

  // a Team reaches a caller only through list/find, which already checked the caller is in it
  @ResolveField(() => [TeamMemberModel])
  members(@Parent() team: TeamModel): Promise<TeamMemberModel[]> {
    return this.teams.members(team.id);
  }

  @ResolveField(() => Boolean, { description: "The user's own team, made when they signed up." })
  async personal(@Parent() team: TeamModel): Promise<boolean> {
    return (await this.teams.isPersonal(team.id)) ?? false;
  }

  @ResolveField(() => [TeamInvitationModel], { description: 'Invitations not yet accepted, oldest first. OWNER and ADMIN only.' })
  async invitations(@Parent() team: TeamModel, @Context() ctx: GateContext): Promise<TeamInvitationModel[]> {
    await this.policy.team(ctx.principal, team.id, 'manageMembers');
    return this.teams.invitations(team.id);
  }

  @ResolveField(() => [AppModel])
  async apps(@Parent() team: TeamModel): Promise<AppModel[]> {
    return this.appService.list(new Set([team.id]));
  }
}

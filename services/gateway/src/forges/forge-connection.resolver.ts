import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
import { TeamModel } from '../teams/team.model.js';
import { ConnectForgeInput, ForgeConnectionModel, ForgeRepositoryModel } from './forge-connection.model.js';
import { ForgeConnectionService } from './forge-connection.service.js';

@Resolver(() => ForgeConnectionModel)
export class ForgeConnectionResolver {
  constructor(
    @Inject(ForgeConnectionService) private readonly forges: ForgeConnectionService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Mutation(() => ForgeConnectionModel, {
    description: 'Checks the credentials against the forge (one API call), then stores them encrypted (team ADMIN and OWNER).',
  })
  async connectForge(@Args('input') input: ConnectForgeInput, @Context() ctx: GateContext): Promise<ForgeConnectionModel> {
    await this.policy.team(ctx.principal, input.teamId, 'manageForges');
    return this.forges.connect(input);
  }

  @Mutation(() => Boolean, { description: 'Removes the connection and its credentials (team ADMIN and OWNER).' })
  async disconnectForge(@Args('id', { type: () => ID }) id: string, @Context() ctx: GateContext): Promise<boolean> {
    // a stranger learns nothing, not even the connection's team: NOT_FOUND names the connection
    await this.policy.team(ctx.principal, await this.forges.teamOf(id), 'manageForges').catch((err: unknown) => {
      throw err instanceof DomainError && err.code === 'NOT_FOUND' ? notFound('ForgeConnection', id) : err;
    });
    return this.forges.disconnect(id);
  }

  @ResolveField(() => [ForgeRepositoryModel], {
    description: 'Repositories the credentials can see (one page, up to 100), for the repository picker (DEVELOPER and above).',
  })
  async repositories(
    @Parent() c: ForgeConnectionModel,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Context() ctx: GateContext,
  ): Promise<ForgeRepositoryModel[]> {
    await this.policy.team(ctx.principal, c.teamId, 'deploy');
    return this.forges.repositories(c.id, search);
  }

  @ResolveField(() => [String], { description: "A repository's branches (owner/name, one page, up to 100; DEVELOPER and above)." })
  async branches(@Parent() c: ForgeConnectionModel, @Args('repository') repository: string, @Context() ctx: GateContext): Promise<string[]> {
    await this.policy.team(ctx.principal, c.teamId, 'deploy');
    return this.forges.branches(c.id, repository);
  }
}

// Team.forgeConnections lives here: the teams module knows nothing of forges
@Resolver(() => TeamModel)
export class TeamForgeConnectionsResolver {
  constructor(
    @Inject(ForgeConnectionService) private readonly forges: ForgeConnectionService,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @ResolveField(() => [ForgeConnectionModel], { description: "The team's forge connections (every member)." })
  async forgeConnections(@Parent() team: TeamModel, @Context() ctx: GateContext): Promise<ForgeConnectionModel[]> {
    await this.policy.team(ctx.principal, team.id, 'read');
    return this.forges.forTeam(team.id);
  }
}
